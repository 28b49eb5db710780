// verify's writes against servers that take what they should refuse, fail after acting, or
// never finish answering: every write that may have taken effect is put back, the report says
// so, and a user whose name is already at its maxLength still gets a name that differs. On
// real sockets (startRawServer), over the reference server's own state.
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { changedName } from "../../src/verify/writes.js";
import { verify, type VerifyReport } from "../../src/verify/verify.js";
import { jsonAnswer, startRawServer, type RawExchange, type RawServer } from "../support/broken-servers.js";
import { credentialsOf } from "../support/verify-options.js";

const running: RawServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});
async function raw(respond: (exchange: RawExchange) => unknown): Promise<RawServer> {
  const server = await startRawServer(respond);
  running.push(server);
  return server;
}
const run = (server: RawServer, timeoutMs?: number) =>
  verify({
    ...credentialsOf(server),
    userId: server.handler.userId,
    allowWrites: true,
    timeoutMs,
  });
const check = (report: VerifyReport, name: string) => report.checks.find((each) => each.name === name)!;
const isRoles = ({ request, url }: RawExchange) => request.method === "PUT" && url.pathname.endsWith("/roles");
const isNameUpdate = ({ request, url }: RawExchange) => request.method === "PUT" && /\/users\/[^/]+$/.test(url.pathname);

describe("verify puts back what it changed", () => {
  it("a server that takes access_roles: [] has the user's roles put back, and the report says so", async () => {
    const { server, cleared, before } = await storesEmptyRoles((exchange) => {
      const userId = exchange.url.pathname.split("/").at(-2)!;
      return exchange.send(jsonAnswer(200, { message: "User roles updated successfully", data: { user_id: userId, access_roles: [] } }));
    });
    const report = await run(server);
    expect(check(report, "set roles to an empty list (expects 400 or 422)")).toMatchObject({ outcome: "failed", status: 200 });
    expect(check(report, "restore the user's roles")).toMatchObject({ outcome: "passed", status: 200 });
    expect(check(report, "restore the user's roles").note).toBe(`put back the roles ${JSON.stringify(before.access_roles)} after set roles to an empty list: it was answered 200`);
    expect(cleared.has(server.handler.userId)).toBe(false);
    expect(server.handler.readUser(server.handler.userId)).toEqual(before);
  });

  /** The reference state, with one wrong rule on top: an empty roles list is stored (the user then reads with none), and answered by `answer`. */
  async function storesEmptyRoles(answer: (exchange: RawExchange) => unknown, restore?: (exchange: RawExchange) => unknown) {
    const cleared = new Set<string>();
    const server = await raw(async (exchange) => {
      const userId = exchange.url.pathname.split("/").at(isRoles(exchange) ? -2 : -1)!;
      if (isRoles(exchange) && JSON.parse(exchange.body).access_roles?.length === 0) {
        cleared.add(userId);
        return answer(exchange);
      }
      if (isRoles(exchange) && cleared.has(userId) && restore) return restore(exchange);
      if (isRoles(exchange)) cleared.delete(userId);
      const reference = await exchange.reference();
      if (exchange.request.method === "GET" && cleared.has(userId) && reference.ok) {
        const body = await reference.json();
        body.data.access_roles = [];
        return exchange.send(jsonAnswer(200, body));
      }
      return exchange.send(reference);
    });
    return { server, cleared, before: server.handler.readUser(server.handler.userId)! };
  }
  const EMPTY = "set roles to an empty list (expects 400 or 422)";
  const internalError = jsonAnswer(500, { error: { type: "https://parchment.health/errors/internal-error", title: "Internal Server Error", detail: "stored, then failed" } });

  it("an empty roles list stored and then answered 500 has the roles put back", async () => {
    const { server, cleared, before } = await storesEmptyRoles((exchange) => exchange.send(internalError.clone()));
    const report = await run(server);
    expect(check(report, EMPTY)).toMatchObject({ outcome: "failed", status: 500 });
    expect(check(report, "restore the user's roles")).toMatchObject({ outcome: "passed", status: 200, note: `put back the roles ${JSON.stringify(before.access_roles)} after set roles to an empty list: it was answered 500` });
    expect(cleared.has(server.handler.userId)).toBe(false);
    expect(server.handler.readUser(server.handler.userId)).toEqual(before);
  });

  it("an empty roles list stored and then never finished (a timeout) has the roles put back", async () => {
    const { server, cleared, before } = await storesEmptyRoles((exchange) => {
      exchange.response.writeHead(200, { "content-type": "application/json" });
      exchange.response.write('{"success": true, '); // and nothing more
    });
    const report = await run(server, 500);
    expect(check(report, EMPTY)).toMatchObject({ outcome: "failed", violations: [expect.objectContaining({ path: "(body)" })] });
    expect(check(report, "restore the user's roles")).toMatchObject({ outcome: "passed", status: 200, note: "put back the roles " + JSON.stringify(before.access_roles) + " after set roles to an empty list: no complete answer came" });
    expect(cleared.has(server.handler.userId)).toBe(false);
    expect(server.handler.readUser(server.handler.userId)).toEqual(before);
  });

  it("a roles restore that fails is reported as what could not be put back", async () => {
    const unavailable = () => jsonAnswer(503, { error: { type: "https://parchment.health/errors/service-unavailable", title: "Service Unavailable", detail: "down" } }, { "retry-after": "0" });
    const { server, cleared } = await storesEmptyRoles(
      (exchange) => exchange.send(jsonAnswer(200, { message: "User roles updated successfully", data: { user_id: exchange.url.pathname.split("/").at(-2), access_roles: [] } })),
      (exchange) => exchange.send(unavailable()),
    );
    const report = await run(server);
    expect(check(report, "restore the user's roles")).toMatchObject({ outcome: "failed", status: 503, note: "could not put back the roles " + JSON.stringify(server.handler.readUser(server.handler.userId)!.access_roles) + ": the user may be left with no roles" });
    expect(cleared.has(server.handler.userId)).toBe(true);
    expect(report.ok).toBe(false);
  });

  it("an update answered 500 after the server stored it is put back", async () => {
    const server = await raw(async (exchange) => {
      if (!isNameUpdate(exchange)) return exchange.send(await exchange.reference());
      const stored = await exchange.reference();
      // The first update is stored, then a 500; the restore is answered normally.
      if (JSON.parse(exchange.body).full_name.endsWith("(verify)")) {
        await stored.arrayBuffer();
        return exchange.send(jsonAnswer(500, { error: { type: "https://parchment.health/errors/internal-error", title: "Internal Server Error", detail: "stored, then failed" } }));
      }
      return exchange.send(stored);
    });
    const before = server.handler.readUser(server.handler.userId)!;
    const report = await run(server);
    expect(check(report, "update a user")).toMatchObject({ outcome: "failed", status: 500 });
    expect(check(report, "restore the user")).toMatchObject({ outcome: "passed", note: expect.stringContaining("after update a user: it was answered 500") });
    expect(server.handler.readUser(server.handler.userId)).toEqual(before);
  });

  it("an update stored and then never finished (a timeout) is put back", async () => {
    const server = await raw(async (exchange) => {
      if (!isNameUpdate(exchange) || !JSON.parse(exchange.body).full_name.endsWith("(verify)")) return exchange.send(await exchange.reference());
      await (await exchange.reference()).arrayBuffer();
      exchange.response.writeHead(200, { "content-type": "application/json" });
      exchange.response.write('{"success": true, '); // and nothing more
    });
    const before = server.handler.readUser(server.handler.userId)!;
    const report = await run(server, 500);
    expect(check(report, "update a user").outcome).toBe("failed");
    expect(check(report, "restore the user")).toMatchObject({ outcome: "passed", note: expect.stringContaining("no complete answer came") });
    expect(server.handler.readUser(server.handler.userId)).toEqual(before);
  });

  it("a restore that fails is reported as what could not be put back", async () => {
    let updates = 0;
    const server = await raw(async (exchange) => {
      if (isNameUpdate(exchange) && ++updates >= 2) return exchange.send(jsonAnswer(503, { error: { type: "https://parchment.health/errors/service-unavailable", title: "Service Unavailable", detail: "down" } }, { "retry-after": "0" }));
      return exchange.send(await exchange.reference());
    });
    const report = await run(server);
    expect(check(report, "restore the user")).toMatchObject({ outcome: "failed", note: expect.stringMatching(/^could not put back full_name ".*": the user may be left with full_name ".* \(verify\)"$/) });
    expect(report.ok).toBe(false);
  });

  it("a refused update is not sent again", async () => {
    const server = await raw(async (exchange) =>
      isNameUpdate(exchange) ? exchange.send(jsonAnswer(403, { error: { type: "https://parchment.health/errors/forbidden", title: "Forbidden", detail: "no" } })) : exchange.send(await exchange.reference()),
    );
    const report = await run(server);
    expect(check(report, "restore the user")).toMatchObject({ outcome: "skipped", note: "the update was refused (403), so nothing changed" });
    expect(server.requests.filter((request) => /^PUT \S*\/users\/[^/]+$/.test(request))).toHaveLength(1);
  });
});

describe("verify sends no write the contract refuses, nor one it could not put back", () => {
  /** The reference server, with the user read as `change` makes it: a User the contract allows, whose values an update's schema refuses. */
  const shownAs = (change: (user: any) => void) =>
    raw(async (exchange) => {
      const reference = await exchange.reference();
      if (exchange.request.method !== "GET" || !/\/users\/[^/]+$/.test(exchange.url.pathname) || !reference.ok) return exchange.send(reference);
      const body = await reference.json();
      change(body.data);
      return exchange.send(jsonAnswer(200, body));
    });
  const writesSent = (server: RawServer) => server.requests.filter((request) => /^PUT \S*\/users\/[^/]+(\/roles)?$/.test(request));

  it("a user whose full_name is empty (a User may have one; an update may not): the rename is not made, nothing is left changed", async () => {
    const server = await shownAs((user) => (user.full_name = ""));
    const before = server.handler.readUser(server.handler.userId)!;
    const report = await run(server);
    const note = "the user's current full_name cannot be sent back ($.full_name: minLength 1)";
    for (const name of ["update a user", "read the updated user", "restore the user"]) expect(check(report, name)).toMatchObject({ outcome: "skipped", note });
    expect(writesSent(server).filter((request) => !request.endsWith("/roles"))).toEqual([]);
    expect(server.handler.readUser(server.handler.userId)).toEqual(before);
    expect(report.checks.filter((each) => each.outcome === "failed")).toEqual([]);
  });

  it.each([
    [["rx_reader"], "if access_roles with rx_reader, then receptionist as well"],
    [["receptionist", "receptionist"], "$.access_roles: uniqueItems"],
    [["member"], '$.access_roles[0]: enum ["admin","provider","receptionist","rx_reader","rx_queue_manager"]'],
  ])("a user holding %j (a User may; a roles request may not): no roles are sent, the checks are skipped with the rule", async (roles, rule) => {
    const server = await shownAs((user) => (user.access_roles = roles));
    const report = await run(server);
    expect(check(report, "set a user's roles to their current roles")).toMatchObject({ outcome: "skipped", note: `the user's current roles cannot be sent (${rule})` });
    for (const name of ["set roles to an empty list (expects 400 or 422)", "restore the user's roles"]) expect(check(report, name)).toMatchObject({ outcome: "skipped", note: `the user's current roles cannot be sent back (${rule})` });
    expect(writesSent(server).filter((request) => request.endsWith("/roles"))).toEqual([]);
    expect(report.checks.filter((each) => each.outcome === "failed")).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it("a disabled user (roles [member], which the API cannot assign): the empty list is not sent, so the roles cannot be lost", async () => {
    const server = await raw(async (exchange) => exchange.send(await exchange.reference()));
    const { handler } = server;
    const disabled = await handler.fetch(
      new Request(`http://reference.test/v1/organizations/${handler.organizationId}/users/${handler.userId}/disable`, {
        method: "PUT",
        headers: { authorization: `Bearer ${handler.token}`, "x-organization-secret": handler.organizationSecret },
      }),
    );
    expect(disabled.status).toBe(200);
    const before = handler.readUser(handler.userId)!;
    expect(before.access_roles).toEqual(["member"]);
    const report = await run(server);
    expect(check(report, "set roles to an empty list (expects 400 or 422)")).toMatchObject({ outcome: "skipped", note: expect.stringMatching(/^the user's current roles cannot be sent back \(\$\.access_roles\[0\]: enum /) });
    expect(check(report, "restore the user's roles").outcome).toBe("skipped");
    expect(server.requests.filter((request) => request.endsWith("/roles"))).toEqual([]);
    expect(handler.readUser(handler.userId)).toEqual(before);
  });
});

describe("the name verify writes", () => {
  it("a server that stores nothing fails 'read the updated user', even for a name already at its maxLength", async () => {
    const server = await raw(async (exchange) =>
      isNameUpdate(exchange) ? exchange.send(jsonAnswer(200, { message: "User updated successfully", data: { user_id: server.handler.userId } })) : exchange.send(await exchange.reference()),
    );
    // A 256-character name, through the reference server's own update.
    const longName = "N".repeat(256);
    const { handler } = server;
    const set = await handler.fetch(
      new Request(`http://reference.test/v1/organizations/${handler.organizationId}/users/${handler.userId}`, {
        method: "PUT",
        headers: { authorization: `Bearer ${handler.token}`, "x-organization-secret": handler.organizationSecret, "content-type": "application/json" },
        body: JSON.stringify({ full_name: longName }),
      }),
    );
    expect(set.status).toBe(200);
    const report = await run(server);
    expect(check(report, "read the updated user")).toMatchObject({ outcome: "failed", violations: [{ path: "$.data.full_name", actual: expect.stringMatching(/^"N+…$/) }] });
    expect(handler.readUser(handler.userId)?.full_name).toBe(longName);
  });

  it("differs from the current name and fits 1 to 256 characters, whatever the name", () => {
    const names = fc.oneof(
      fc.string({ minLength: 1, maxLength: 256 }),
      fc.string({ minLength: 0, maxLength: 20 }).map((end) => `${"x".repeat(256)}${end} (verify)`.slice(-256)),
      fc.constantFrom("x".repeat(247) + " (verify)", "x".repeat(246) + " (verify!)", " (verify)", "x".repeat(256)),
    );
    fc.assert(
      fc.property(names, (name) => {
        const changed = changedName(name);
        return changed !== name && changed.length >= 1 && changed.length <= 256;
      }),
    );
  });
});
