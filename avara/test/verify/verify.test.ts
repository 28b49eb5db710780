// verify against the reference server (every check passes) and against stand-ins that drift
// from the contract in one way each (the check concerned fails and names the violation as
// Parchment's verify does), including an independent conforming server written here.
import { afterEach, describe, expect, it } from "vitest";
import { formatReport } from "contract-kit/verify";
import { closeAllServers, expectNoPartOf, startServer } from "contract-kit/test-support";
import { createReferenceHandler, startReferenceServer } from "../../src/testing/index.js";
import { seedUsers } from "../../src/testing/seed.js";
import { createSpecValidator } from "contract-kit/spec";
import { avaraSpec } from "../../src/contract/spec.js";
import { noOpUpdate, verify, type VerifyReport } from "../../src/verify/verify.js";

afterEach(closeAllServers);

const BASE = "http://stand-in.test";
const outcomes = (report: VerifyReport) => Object.fromEntries(report.checks.map((check) => [check.name, check.outcome]));
const failed = (report: VerifyReport) => report.checks.filter((check) => check.outcome === "failed");

/** The reference handler with one drift: `change` may rewrite a request's answer. */
function driftedServer(change: (request: Request, answer: Response, body: any) => Response | undefined | Promise<Response | undefined>) {
  const handler = createReferenceHandler();
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const answer = await handler.fetch(request.clone());
    const text = await answer.clone().text();
    return (await change(request, answer, text ? JSON.parse(text) : undefined)) ?? answer;
  };
  return { handler, options: { baseUrl: BASE, apiKey: handler.apiKey, userId: handler.userId, allowWrites: true, fetch: fetch as typeof globalThis.fetch } };
}

const isUnknown = (request: Request) => request.url.endsWith("usr_00000000000000000000000000000000");

describe("verify against the reference server", () => {
  it("passes every check, with writes, on a real socket, and leaves the user as it was", async () => {
    const server = await startReferenceServer();
    try {
      const before = server.readUser(server.userId);
      const report = await verify({ baseUrl: server.baseUrl, apiKey: server.apiKey, userId: server.userId, allowWrites: true });
      expect(failed(report)).toEqual([]);
      expect(report.ok).toBe(true);
      expect(outcomes(report)).toEqual({
        "read the user": "passed",
        "read an unknown user (expects 404)": "passed",
        "read the user without the API key (expects 401)": "passed",
        "update the user with its own current values": "passed",
        "update with an empty firstName (expects 400 or 422)": "passed",
        "restore the user": "skipped",
      });
      expect(server.readUser(server.userId)).toEqual(before);
      expectNoPartOf(server.apiKey, JSON.stringify(report) + formatReport(report, "avara-autoscribe-contract verify"));
    } finally {
      await server.close();
    }
  });

  it("skips the writes without allowWrites, and passes for every seeded user (the owner's level is not sent)", async () => {
    const handler = createReferenceHandler();
    const fetch = ((input: RequestInfo | URL, init?: RequestInit) => handler.fetch(new Request(input, init))) as typeof globalThis.fetch;
    const reads = await verify({ baseUrl: BASE, apiKey: handler.apiKey, userId: handler.userId, fetch });
    expect(reads.ok).toBe(true);
    expect(reads.checks.filter((check) => check.outcome === "skipped").map((check) => check.note)).toEqual(Array(3).fill("writes need --allow-writes"));
    for (const userId of handler.userIds) {
      const report = await verify({ baseUrl: BASE, apiKey: handler.apiKey, userId, fetch, allowWrites: true });
      expect(failed(report), userId).toEqual([]);
    }
    expect(noOpUpdate(seedUsers()[2]!, createSpecValidator(avaraSpec))).not.toHaveProperty("level");
  });

  it("builds the no-op update from the spec: every field UpdateUserRequest has that the user holds, each value it takes", () => {
    const validator = createSpecValidator(avaraSpec);
    const fields = Object.keys((avaraSpec as any).components.schemas.UpdateUserRequest.properties);
    for (const user of seedUsers()) {
      const body = noOpUpdate(user, validator);
      const held = fields.filter((field) => (user as Record<string, unknown>)[field] !== undefined && !(field === "level" && user.level === "owner"));
      expect(Object.keys(body).sort(), user.userId).toEqual(held.sort());
      for (const [field, value] of Object.entries(body)) expect(value).toEqual((user as Record<string, unknown>)[field]);
    }
  });
});

describe("verify against an independent conforming server", () => {
  it("passes: another error body shape, extra user fields, a null createdAt", async () => {
    const user = { ...seedUsers()[3]!, createdAt: null, teamId: "team_7" };
    const server = await startServer((request, response, body) => {
      const send = (status: number, value: unknown) => response.writeHead(status, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(value));
      if (request.headers.authorization !== "Bearer sk_live_independent_0001") return send(401, { code: "unauthorized" });
      if (request.url !== `/v1/autoScribe/users/${user.userId}`) return send(404, "no such user");
      if (request.method === "GET") return send(200, user);
      const changes = JSON.parse(body);
      if (changes.firstName === "") return send(422, [{ field: "firstName", problem: "too short" }]);
      return send(200, { ...user, ...changes });
    });
    const report = await verify({ baseUrl: server.url, apiKey: "sk_live_independent_0001", userId: user.userId, allowWrites: true });
    expect(failed(report)).toEqual([]);
  });
});

describe("verify against drifted servers", () => {
  it("a user without a required field: $.email missing", async () => {
    const { options } = driftedServer((request, _answer, body) => (request.method === "GET" && body?.userId ? Response.json({ ...body, email: undefined }) : undefined));
    const report = await verify(options);
    expect(report.ok).toBe(false);
    const [check] = failed(report);
    expect(check?.name).toBe("read the user");
    expect(check?.violations).toContainEqual({ path: "$.email", expected: "must have required property 'email' (missingProperty: \"email\")", actual: "missing" });
    expect(formatReport(report, "avara-autoscribe-contract verify")).toContain("    getUser 200 $.email: expected must have required property 'email' (missingProperty: \"email\"); got missing");
    // A user whose read failed is not written to.
    expect(outcomes(report)["update the user with its own current values"]).toBe("skipped");
  });

  it("a clinic role outside the enum, and a userId of another form", async () => {
    const { options } = driftedServer((request, _answer, body) => (request.method === "GET" && body?.userId ? Response.json({ ...body, clinicRole: "Wizard", userId: "user-1" }) : undefined));
    const [check] = failed(await verify(options));
    const paths = check!.violations.map((violation) => violation.path);
    expect(paths).toContain("$.clinicRole");
    expect(paths).toContain("$.userId");
  });

  it("another user than the one asked for", async () => {
    const other = seedUsers()[1]!;
    const { options } = driftedServer((request, answer) => (request.method === "GET" && answer.status === 200 ? Response.json(other) : undefined));
    const [check] = failed(await verify(options));
    expect(check?.violations).toEqual([{ path: "$.userId", expected: 'the user asked for, "usr_1234567890abcdef1234567890abcdef"', actual: `"${other.userId}"` }]);
  });

  it("an unknown user answered 200, a request without the key answered 200", async () => {
    const { handler, options } = driftedServer((request) =>
      isUnknown(request) || !request.headers.get("authorization") ? Response.json(handler.readUser(handler.userId)) : undefined,
    );
    const report = await verify(options);
    expect(failed(report).map((check) => [check.name, check.violations[0]])).toEqual([
      ["read an unknown user (expects 404)", { path: "(status)", expected: "404", actual: "200" }],
      ["read the user without the API key (expects 401)", { path: "(status)", expected: "401", actual: "200" }],
    ]);
  });

  it("an error that is not JSON: the Content-Type is named", async () => {
    const { options } = driftedServer((request) => (isUnknown(request) ? new Response("<h1>Not Found</h1>", { status: 404, headers: { "content-type": "text/html" } }) : undefined));
    const [check] = failed(await verify(options));
    expect(check?.violations).toEqual([{ path: "(body)", expected: "Content-Type application/json", actual: "text/html: <h1>Not Found</h1>" }]);
  });

  it("a status the contract does not document", async () => {
    const { options } = driftedServer((request) => (isUnknown(request) ? Response.json({ message: "gone" }, { status: 410 }) : undefined));
    const [check] = failed(await verify(options));
    expect(check?.violations[0]).toMatchObject({ path: "(status)", actual: "410" });
  });

  it("a no-op update that comes back changed", async () => {
    const { options } = driftedServer((request, answer, body) => (request.method === "PATCH" && answer.status === 200 ? Response.json({ ...body, level: "admin" }) : undefined));
    const [check] = failed(await verify(options));
    expect(check?.name).toBe("update the user with its own current values");
    expect(check?.violations).toEqual([{ path: "$.level", expected: 'the value sent, "member"', actual: '"admin"' }]);
  });

  it("a server that echoes the key in every answer: no part of it in the report, JSON or text", async () => {
    const { handler, options } = driftedServer((request) =>
      Response.json({ message: `your key: ${request.headers.get("authorization")} ${encodeURIComponent(handler.apiKey)}`, [handler.apiKey]: handler.apiKey }, { status: 500 }),
    );
    const report = await verify(options);
    expect(report.ok).toBe(false);
    expectNoPartOf(handler.apiKey, JSON.stringify(report) + formatReport(report));
    expect(failed(report)[0]!.problem).toContain("[redacted]");
  });

  it("a redirect is not followed, and a stalled answer fails within the deadline (real sockets)", async () => {
    const elsewhere = await startServer((_request, response) => response.writeHead(200).end("{}"));
    const redirecting = await startServer((_request, response) => response.writeHead(302, { location: `${elsewhere.url}/x` }).end());
    const report = await verify({ baseUrl: redirecting.url, apiKey: "sk_live_redirect_0001", userId: "usr_1234567890abcdef1234567890abcdef" });
    expect(failed(report)[0]!.violations[0]).toMatchObject({ path: "(status)", expected: "an answer, not a redirect (verify does not follow redirects)" });
    expect(elsewhere.requests).toHaveLength(0);
    const stalled = await startServer(() => {});
    const slow = await verify({ baseUrl: stalled.url, apiKey: "sk_live_stall_00001", userId: "usr_1234567890abcdef1234567890abcdef", timeoutMs: 200 });
    expect(failed(slow)[0]!.violations[0]).toMatchObject({ path: "(request)", expected: "a response", actual: "no response within 0.2 s" });
  });

  it("refuses options that would misdirect it, naming the option", async () => {
    await expect(verify({ baseUrl: "ftp://x", apiKey: "k", userId: "u" })).rejects.toThrow("baseUrl must be an absolute http(s) URL");
    await expect(verify({ baseUrl: "https://a:sk_live_123@x.test", apiKey: "k", userId: "u" })).rejects.toThrow("baseUrl must be a URL without credentials (user:password@)");
    await expect(verify({ baseUrl: "https://x.test", apiKey: "", userId: "u" })).rejects.toThrow("apiKey must be a non-empty string");
  });
});
