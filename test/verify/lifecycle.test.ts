// verify's user lifecycle (allowCreate): against the reference server every step passes and
// the user verify made is left disabled, as [member]; without allowCreate nothing is created
// (the one create sent carries no credentials); and against servers that take a duplicate,
// restore the old roles on enable, echo the token in a 201, stall or fail a create, or answer
// 202, the report says what was wrong and whether a user may have been created. Real sockets.
import { afterEach, describe, expect, it } from "vitest";
import { createSpecValidator } from "contract-kit/spec";
import { expectNoPartOf } from "contract-kit/test-support";
import { formatReport } from "contract-kit/verify";
import { parchmentSpec } from "../../src/contract/parchment-spec.js";
import { LIFECYCLE } from "../../src/verify/checks.js";
import { newUser, randomTag } from "../../src/verify/new-user.js";
import { SCOPE_HINT, createdUserId } from "../../src/verify/lifecycle.js";
import { verify, type VerifyOptions, type VerifyReport } from "../../src/verify/verify.js";
import { jsonAnswer, startRawServer, type RawExchange, type RawServer } from "../support/broken-servers.js";
import { credentialsOf } from "../support/verify-options.js";

const running: RawServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});
/** A real socket over the reference server's state; `respond` answers, or passes to the reference server. */
async function raw(respond: (exchange: RawExchange) => unknown = async (exchange) => exchange.send(await exchange.reference())): Promise<RawServer> {
  const server = await startRawServer(respond);
  running.push(server);
  return server;
}
const optionsOf = (server: RawServer, more: Partial<VerifyOptions> = {}): VerifyOptions => ({
  ...credentialsOf(server),
  userId: server.handler.userId,
  allowWrites: true,
  allowCreate: true,
  ...more,
});
const check = (report: VerifyReport, name: string) => report.checks.find((each) => each.name === name)!;
const isCreate = ({ request, url }: RawExchange) => request.method === "POST" && url.pathname.endsWith("/users");
const withCredentials = ({ request }: RawExchange) => request.headers.authorization !== undefined;
/** The creates a server received, with credentials or without. */
const creates = (server: RawServer) => server.requests.filter((line) => /^POST \/v1\/organizations\/[^/]+\/users$/.test(line));
const LIFECYCLE_NAMES = LIFECYCLE.map((step) => step.name);

describe("the user verify creates", () => {
  it("is valid against CreateUserRequest, marked as verify's, and new each run", () => {
    const validator = createSpecValidator(parchmentSpec);
    const user = newUser();
    expect(validator.validate("#/components/schemas/CreateUserRequest", user.body)).toEqual([]);
    expect(validator.validate("#/components/schemas/CreateUserRequest", user.duplicate)).toEqual([]);
    expect(user.body).toMatchObject({ email: expect.stringMatching(/^verify\+[a-z0-9]{12}@example\.invalid$/), partner_user_id: expect.stringMatching(/^parchment-contract-verify#[a-z0-9]{12}$/), access_roles: ["receptionist"] });
    expect(user.duplicate).toMatchObject({ email: user.email, partner_user_id: `${user.partnerUserId}-again` });
    expect(new Set(Array.from({ length: 50 }, () => randomTag())).size).toBe(50);
  });

  it("is named by either documented form of a create's data, user_id first", () => {
    expect(createdUserId({ data: { user_id: "usr_a", parchment_user_id: "usr_b" } })).toBe("usr_a");
    expect(createdUserId({ data: { parchment_user_id: "usr_b", external_user_id: "x", url: "https://x.test" } })).toBe("usr_b");
    expect(createdUserId({ data: { user_id: 7 } })).toBeUndefined();
    expect(createdUserId({})).toBeUndefined();
  });
});

describe("without allowCreate", () => {
  it.each([
    ["allowWrites", { allowWrites: true, allowCreate: false }],
    ["no writes", { allowWrites: false, allowCreate: undefined }],
  ])("(%s) skips the lifecycle with the reason, and sends no create with credentials", async (_name, flags) => {
    const withCreds: string[] = [];
    const server = await raw(async (exchange) => {
      if (isCreate(exchange) && withCredentials(exchange)) withCreds.push(exchange.body);
      return exchange.send(await exchange.reference());
    });
    const report = await verify(optionsOf(server, flags));
    const skipped = report.checks.filter((each) => LIFECYCLE_NAMES.includes(each.name));
    expect(skipped.map(({ name, outcome, note }) => ({ name, outcome, note }))).toEqual(
      LIFECYCLE_NAMES.map((name) => ({ name, outcome: "skipped", note: "creating users needs --allow-create: a real organisation would keep the user" })),
    );
    expect(withCreds).toEqual([]);
    expect(creates(server)).toHaveLength(1);
  });

  it("allowCreate without allowWrites is refused, naming both options, before any request", async () => {
    const server = await raw();
    await expect(verify(optionsOf(server, { allowWrites: false }))).rejects.toThrow(new TypeError("allowCreate must be used together with allowWrites (--allow-writes): creating a user is a write"));
    await expect(verify(optionsOf(server, { allowCreate: "yes" as never }))).rejects.toThrow(new TypeError("allowCreate must be a boolean"));
    expect(server.requests).toEqual([]);
  });
});

describe("a create without a clear answer", () => {
  it("a create that stalls is sent once, and the report says a user may have been created and skips the rest", async () => {
    const server = await raw(async (exchange) => {
      if (!(isCreate(exchange) && withCredentials(exchange))) return exchange.send(await exchange.reference());
      exchange.response.writeHead(201, { "content-type": "application/json" });
      exchange.response.write('{"success": true, "data": {"user_id": "usr_'); // and nothing more
    });
    const report = await verify(optionsOf(server, { timeoutMs: 500 }));
    const created = check(report, "create a user (expects 201 or 202)");
    expect(created).toMatchObject({ outcome: "failed", status: 201 });
    expect(created.note).toMatch(/^no complete answer came: the user with email verify\+[a-z0-9]{12}@example\.invalid and partner_user_id parchment-contract-verify#[a-z0-9]{12} may have been created; find it by external_user_id and disable it \(verify sends a create once\)$/);
    for (const name of LIFECYCLE_NAMES.slice(1)) expect(check(report, name)).toMatchObject({ outcome: "skipped", note: "the create had no clear answer, so verify does not know which user to disable" });
    expect(creates(server)).toHaveLength(2); // the read-only one without credentials, and this one once
  });

  it("a 503 to a create is not sent again (it may have been acted on); a 429 is", async () => {
    const answers = [429, 503];
    const sent: number[] = [];
    const server = await raw(async (exchange) => {
      if (!(isCreate(exchange) && withCredentials(exchange))) return exchange.send(await exchange.reference());
      const status = answers.shift() ?? 500;
      sent.push(status);
      return exchange.send(jsonAnswer(status, { error: { type: "https://parchment.health/errors/service-unavailable", title: "Busy", detail: "later" } }, { "retry-after": "0" }));
    });
    const report = await verify(optionsOf(server));
    expect(sent).toEqual([429, 503]);
    expect(check(report, "create a user (expects 201 or 202)")).toMatchObject({ outcome: "failed", status: 503, note: expect.stringMatching(/^it was answered 503: the user with email .* may have been created/) });
  });

  it("a create refused with 403 says nothing was created, and hints at the scopes", async () => {
    const server = await raw(async (exchange) =>
      isCreate(exchange) && withCredentials(exchange)
        ? exchange.send(jsonAnswer(403, { error: { type: "https://parchment.health/errors/insufficient-scope", title: "Forbidden", detail: "Insufficient permissions - missing create:user scope" } }))
        : exchange.send(await exchange.reference()),
    );
    const report = await verify(optionsOf(server));
    expect(check(report, "create a user (expects 201 or 202)")).toMatchObject({ outcome: "failed", status: 403, note: "refused (403): nothing was created", hint: SCOPE_HINT });
    expect(check(report, "disable the user, to leave it unable to sign in")).toMatchObject({ outcome: "skipped", note: "the create was refused (403), so there is no user" });
  });

  it("a 202 skips disable and enable, saying why, and names the user that may be made later", async () => {
    const server = await raw(async (exchange) =>
      isCreate(exchange) && withCredentials(exchange)
        ? exchange.send(jsonAnswer(202, { message: "User creation accepted; demographic conflicts found", code: "DEMOGRAPHIC_CONFLICT", data: { user_id: "usr_accepted0001" } }))
        : exchange.send(await exchange.reference()),
    );
    const report = await verify(optionsOf(server));
    const created = check(report, "create a user (expects 201 or 202)");
    expect(created).toMatchObject({ outcome: "passed", status: 202 });
    expect(created.note).toMatch(/^accepted with demographic conflicts: the user with email .* may be created later as usr_accepted0001, able to sign in as receptionist; disable it once Parchment has resolved it$/);
    for (const name of LIFECYCLE_NAMES.slice(1)) expect(check(report, name)).toMatchObject({ outcome: "skipped", note: "the create was accepted (202) with demographic conflicts: the user may not be ready" });
  });
});

describe("the read-only create, without credentials", () => {
  it("taken by a broken server: fails, and says which user may have been created", async () => {
    const server = await raw(async (exchange) =>
      isCreate(exchange) && !withCredentials(exchange) ? exchange.send(jsonAnswer(201, { message: "User created successfully", data: { user_id: "usr_open00000001" } })) : exchange.send(await exchange.reference()),
    );
    const report = await verify(optionsOf(server, { allowWrites: false, allowCreate: false }));
    const open = check(report, "create a user without credentials (expects 401)");
    expect(open).toMatchObject({ outcome: "failed", status: 201, violations: [{ path: "(status)", expected: "401", actual: "201" }] });
    expect(open.note).toMatch(/^not refused: the user with email verify\+[a-z0-9]{12}@example\.invalid and partner_user_id parchment-contract-verify#[a-z0-9]{12} may have been created$/);
  });
});

describe("against the reference server", () => {
  it("creates a user, refuses its duplicate, disables and enables it twice each, and leaves it disabled as [member]", async () => {
    const server = await raw();
    const report = await verify(optionsOf(server));
    expect(report.checks.filter((each) => each.outcome === "failed")).toEqual([]);
    for (const name of LIFECYCLE_NAMES) expect(check(report, name).outcome).toBe("passed");
    const created = check(report, "create a user (expects 201 or 202)");
    expect(created.status).toBe(201);
    const id = /^created (usr_[a-z0-9]{12}) \(email (verify\+[a-z0-9]{12}@example\.invalid) and partner_user_id parchment-contract-verify#[a-z0-9]{12}\)$/.exec(created.note ?? "");
    expect(id, created.note).not.toBeNull();
    expect(check(report, "create a user with the same email again (expects 409)").status).toBe(409);
    expect(check(report, "disable the user, to leave it unable to sign in").note).toBe(`left ${id![1]} (${id![2]}) disabled: Parchment has no delete, so the organisation keeps the user, unable to sign in`);
    expect(server.handler.readUser(id![1]!)).toMatchObject({ email: id![2], access_roles: ["member"] });
    expect(server.handler.isEnabled(id![1]!)).toBe(false);
    expect(formatReport(report)).toMatch(/✓ create a user \(expects 201 or 202\): createUser POST \/v1\/organizations\/\{organization_id\}\/users → 201 \(created usr_/);
  });

  it("a second run against the same server creates another user, not a duplicate", async () => {
    const server = await raw();
    expect((await verify(optionsOf(server))).ok).toBe(true);
    expect((await verify(optionsOf(server))).ok).toBe(true);
  });
});

describe("against a server that breaks the lifecycle", () => {
  it("a duplicate email taken: the check fails, the second user is named and disabled too", async () => {
    const server = await raw(async (exchange) => {
      const answer = await exchange.reference();
      // The reference server's 409 for a duplicate email, turned into a create: a user of its own, named in a 201.
      if (isCreate(exchange) && answer.status === 409) {
        const body = JSON.parse(exchange.body);
        const created = await server.handler.fetch(
          new Request(`http://reference.test/v1/organizations/${server.handler.organizationId}/users`, {
            method: "POST",
            headers: { authorization: `Bearer ${server.handler.token}`, "x-organization-secret": server.handler.organizationSecret, "content-type": "application/json" },
            body: JSON.stringify({ ...body, email: `second+${body.email}` }),
          }),
        );
        return exchange.send(created);
      }
      return exchange.send(answer);
    });
    const report = await verify(optionsOf(server));
    const duplicate = check(report, "create a user with the same email again (expects 409)");
    expect(duplicate).toMatchObject({ outcome: "failed", status: 201, violations: [{ path: "(status)", expected: "409", actual: "201" }] });
    const second = /^a second user was created, (usr_[a-z0-9]{12})$/.exec(duplicate.note ?? "")?.[1];
    expect(second, duplicate.note).toBeDefined();
    expect(check(report, "disable the user the duplicate create made")).toMatchObject({ outcome: "passed", status: 200, note: expect.stringMatching(new RegExp(`^left ${second} \\(email verify\\+.* and partner_user_id parchment-contract-verify#[a-z0-9]{12}-again\\) disabled$`)) });
    expect(server.handler.readUser(second!)?.access_roles).toEqual(["member"]);
    expect(server.handler.isEnabled(second!)).toBe(false);
    expect(check(report, "disable the user, to leave it unable to sign in").outcome).toBe("passed");
    expect(report.ok).toBe(false);
  });

  it("enable that gives the old roles back fails 'roles stay [member]': the contract promises member only (decision 11)", async () => {
    const before = new Map<string, unknown>();
    const server = await raw(async (exchange) => {
      const { pathname } = exchange.url;
      const userId = pathname.split("/").at(-2)!;
      if (exchange.request.method === "PUT" && pathname.endsWith("/disable") && !before.has(userId)) before.set(userId, server.handler.readUser(userId)?.access_roles);
      const answer = await exchange.reference();
      if (exchange.request.method === "PUT" && pathname.endsWith("/enable") && answer.ok && before.has(userId)) {
        // Puts the roles held before the disable back, through the reference server's own roles call.
        await server.handler.fetch(
          new Request(`http://reference.test/v1/organizations/${server.handler.organizationId}/users/${userId}/roles`, {
            method: "PUT",
            headers: { authorization: `Bearer ${server.handler.token}`, "x-organization-secret": server.handler.organizationSecret, "content-type": "application/json" },
            body: JSON.stringify({ access_roles: before.get(userId) }),
          }),
        );
      }
      return exchange.send(answer);
    });
    const report = await verify(optionsOf(server));
    expect(check(report, "read the enabled user (roles stay [member])")).toMatchObject({
      outcome: "failed",
      violations: [{ path: "$.data.access_roles", expected: '["member"] (enable promises only that the user can sign in, as member: the roles held before are not restored (docs/decisions.md, 11))', actual: '["receptionist"]' }],
    });
    expect(check(report, "read the disabled user (roles become [member])").outcome).toBe("passed");
    expect(check(report, "disable the user, to leave it unable to sign in").outcome).toBe("passed");
  });

  it("a 201 whose body carries the token: the id is still used, and no part of the token is in the report", async () => {
    const server = await raw(async (exchange) => {
      const answer = await exchange.reference();
      if (!(isCreate(exchange) && answer.status === 201)) return exchange.send(answer);
      const body = await answer.json();
      const token = server.handler.token;
      body.message = `created with ${token}`;
      body.data.url = `https://app.parchment.health/users?token=${encodeURIComponent(token)}`;
      body.data.external_user_id = token;
      return exchange.send(jsonAnswer(201, body));
    });
    const report = await verify(optionsOf(server));
    const text = `${formatReport(report)}\n${JSON.stringify(report)}`;
    expectNoPartOf([server.handler.token, server.handler.organizationSecret], text);
    expect(check(report, "create a user (expects 201 or 202)").note).toMatch(/^created usr_[a-z0-9]{12} /);
    expect(check(report, "disable the user, to leave it unable to sign in").outcome).toBe("passed");
  });

  it("a 201 naming the token as the user id: the report never shows it", async () => {
    const server = await raw(async (exchange) => {
      const answer = await exchange.reference();
      if (!(isCreate(exchange) && answer.status === 201)) return exchange.send(answer);
      const body = await answer.json();
      body.data = { user_id: server.handler.token };
      return exchange.send(jsonAnswer(201, body));
    });
    const report = await verify(optionsOf(server));
    const text = `${formatReport(report)}\n${JSON.stringify(report)}`;
    expectNoPartOf([server.handler.token, server.handler.organizationSecret], text);
    expect(check(report, "create a user (expects 201 or 202)").note).toMatch(/^created \[redacted\]/);
    expect(check(report, "read the created user")).toMatchObject({ outcome: "failed", status: 404 });
  });
});
