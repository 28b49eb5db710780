// validateResponses against real servers on 127.0.0.1 that answer what the contract does not
// say: the report names where and which rule (JSON pointers, keywords), "throw" raises it, and
// neither carries a value of the body or any part of a secret, though the server echoes them.
import { afterEach, describe, expect, it } from "vitest";
import { createParchmentClient, ParchmentResponseError, type DriftEvent, type ParchmentClientOptions } from "../../src/index.js";
import { createReferenceHandler } from "../../src/testing/index.js";
import { closeAllServers, everyView, expectNoPartOf, failure, startServer } from "contract-kit/test-support";

afterEach(closeAllServers);

const ORG_SECRET = 'os_live_"quoted"\\back\\slash_9a2e7f41c0d3';
const TOKEN = "eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXRva2VuLXBheWxvYWQ.Zk9xQ2";
const SECRETS = [ORG_SECRET, TOKEN];
const reference = createReferenceHandler({ organizationSecret: ORG_SECRET });
const USER = reference.userId;
const USER_PATH = "/v1/organizations/{organization_id}/users/{user_id}";

/** The reference server's own answer to GET user: a body that matches the contract exactly. */
async function validUserBody(): Promise<Record<string, any>> {
  const response = await reference.fetch(
    new Request(`http://reference.test/v1/organizations/${reference.organizationId}/users/${USER}`, {
      headers: { authorization: `Bearer ${reference.token}`, "x-organization-secret": ORG_SECRET },
    }),
  );
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, any>;
}

/** A server answering every request with `status` and `body` as JSON. */
const serve = (status: number, body: unknown) =>
  startServer((_request, response) => response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body)));

const clientFor = (baseUrl: string, options: Partial<ParchmentClientOptions>) =>
  createParchmentClient({ baseUrl, organizationId: reference.organizationId, organizationSecret: ORG_SECRET, token: TOKEN, retry: false, ...options });

/** A GET user answer that breaks the contract in three places, echoing secrets in each. */
async function driftedBody() {
  const body = await validUserBody();
  body.data.email = `${ORG_SECRET} is not an email`; // format
  body.data.access_roles = ["admin", `role-${TOKEN}`]; // enum, at /data/access_roles/1
  delete body.data.full_name; // required
  body.requestId = `req_${TOKEN}`;
  return body;
}

describe('validateResponses: "report"', () => {
  it("reports every violation by pointer and keyword, and still returns the data", async () => {
    const server = await serve(200, await driftedBody());
    const events: DriftEvent[] = [];
    const user = await clientFor(server.url, { validateResponses: "report", onDrift: (event) => events.push(event) }).users.get(USER);
    expect(user.user_id).toBe(USER);
    expect(events).toHaveLength(1);
    const [event] = events as [DriftEvent];
    expect(event).toMatchObject({ operationId: "getUser", method: "GET", path: USER_PATH, status: 200, truncated: false });
    const where = event.violations.map(({ pointer, keyword }) => `${pointer} ${keyword}`);
    expect(where).toEqual(expect.arrayContaining(["/data/email format", "/data/access_roles/1 enum", "/data required"]));
    for (const violation of event.violations) expect(violation.schemaPath).toMatch(/^#\//);
    // The request id the server sent, with the token it echoed redacted.
    expect(event.requestId).toMatch(/^req_/);
    const seen = everyView(event);
    expectNoPartOf(SECRETS, seen);
    // No value of the body either: not the user's email domain, name or id.
    for (const value of ["is not an email", user.email, (user.details as { family_name?: string } | undefined)?.family_name ?? "Cameron", USER]) expect(seen).not.toContain(value);
  });

  it("is silent for a response that matches the contract", async () => {
    const server = await serve(200, await validUserBody());
    const events: DriftEvent[] = [];
    await clientFor(server.url, { validateResponses: "report", onDrift: (event) => events.push(event) }).users.get(USER);
    expect(events).toEqual([]);
  });

  it("reports an error answer whose body is not the documented problem details, and the error is still the status's", async () => {
    const server = await serve(404, { success: false, statusCode: 404, message: "gone", error: { type: "x", title: "Not found", detail: `no ${ORG_SECRET}` }, requestId: "req_1" });
    const events: DriftEvent[] = [];
    const error = await failure(clientFor(server.url, { validateResponses: "report", onDrift: (event) => events.push(event) }).users.get(USER));
    expect((error as { status?: number }).status).toBe(404);
    expect(events[0]?.status).toBe(404);
    expect(events[0]!.violations.length).toBeGreaterThan(0);
    expectNoPartOf(SECRETS, everyView(events));
  });

  it("reports a status the contract does not document", async () => {
    const server = await serve(418, { teapot: ORG_SECRET });
    const events: DriftEvent[] = [];
    await failure(clientFor(server.url, { validateResponses: "report", onDrift: (event) => events.push(event) }).users.get(USER));
    expect(events[0]?.violations).toEqual([{ pointer: "", keyword: "status", schemaPath: "#/responses" }]);
  });

  it("a throwing onDrift does not change the call's outcome", async () => {
    const server = await serve(200, await driftedBody());
    const user = await clientFor(server.url, {
      validateResponses: "report",
      onDrift: () => {
        throw new Error("reporter down");
      },
    }).users.get(USER);
    expect(user.user_id).toBe(USER);
  });

  it("also checks calls made through raw", async () => {
    const server = await serve(200, await driftedBody());
    const events: DriftEvent[] = [];
    const client = clientFor(server.url, { validateResponses: "report", onDrift: (event) => events.push(event) });
    await client.raw.GET(USER_PATH, { params: { path: { organization_id: reference.organizationId, user_id: USER } } });
    expect(events[0]).toMatchObject({ operationId: "getUser", path: USER_PATH });
  });
});

describe('validateResponses: "throw"', () => {
  it("throws a ParchmentResponseError carrying the violations, with no secret or body value in any view of it", async () => {
    const server = await serve(200, await driftedBody());
    const error = await failure<ParchmentResponseError>(clientFor(server.url, { validateResponses: "throw" }).users.get(USER));
    expect(error).toBeInstanceOf(ParchmentResponseError);
    expect(error.status).toBe(200);
    expect(error.message).toMatch(/^GET \/v1\/organizations\/\{organization_id\}\/users\/\{user_id\}: 200 response does not match the contract: .*\/data\/email \(format\)/);
    expect(error.violations?.map((violation) => violation.pointer)).toEqual(expect.arrayContaining(["/data/email", "/data/access_roles/1"]));
    expect(error.requestId).toMatch(/^req_/);
    const seen = everyView(error);
    expectNoPartOf(SECRETS, seen);
    expect(seen).not.toContain("is not an email");
  });

  it("returns a response that matches", async () => {
    const server = await serve(200, await validUserBody());
    expect((await clientFor(server.url, { validateResponses: "throw" }).users.get(USER)).user_id).toBe(USER);
  });
});

describe("large and hostile answers", () => {
  it("judges a valid list of every user of a large organisation as valid, though it holds more values than a request may", async () => {
    const large = createReferenceHandler({ organizationSecret: ORG_SECRET, users: 2_000, listShape: "array" });
    const listed = await large.fetch(
      new Request(`http://reference.test/v1/organizations/${large.organizationId}/users`, { headers: { authorization: `Bearer ${large.token}`, "x-organization-secret": ORG_SECRET } }),
    );
    const server = await serve(200, await listed.json());
    const client = createParchmentClient({ baseUrl: server.url, organizationId: large.organizationId, organizationSecret: ORG_SECRET, token: TOKEN, retry: false, validateResponses: "throw" });
    expect((await client.users.list()).users).toHaveLength(2_000);
  });

  it("judges an answer breaking a rule a million times in linear time: the first violation, marked truncated", async () => {
    // About 8.5 MB, under the 10 MiB cap: 14,000 users, each breaking rules in fifty places.
    const user = { user_id: 1, email: 2, full_name: [], access_roles: Array.from({ length: 50 }, (_, i) => ({ role: i })) };
    const body = { success: true, statusCode: 200, message: "ok", timestamp: "2026-12-06T00:00:00Z", requestId: "req_1", data: { users: Array.from({ length: 14_000 }, () => user), pagination: { total: 14_000, limit: 100 } } };
    const server = await serve(200, body);
    const events: DriftEvent[] = [];
    const start = performance.now();
    await clientFor(server.url, { validateResponses: "report", onDrift: (event) => events.push(event) }).users.list().catch(() => undefined);
    // Listing every violation of it took minutes (ajv's allErrors grows its list by copying).
    expect(performance.now() - start).toBeLessThan(5_000);
    expect(events).toHaveLength(1);
    expect(events[0]!.truncated).toBe(true);
    expect(events[0]!.violations.length).toBeGreaterThan(0);
    expect(events[0]!.violations[0]!.pointer).toMatch(/^\/data\/users/);
  }, 30_000);
});

describe("the options", () => {
  it('is "off" by default: a drifted answer comes back as data, unreported', async () => {
    const server = await serve(200, await driftedBody());
    expect((await clientFor(server.url, {}).users.get(USER)).user_id).toBe(USER);
  });

  it("refuses a mode it does not know and a report with nowhere to go, naming the option", () => {
    expect(() => clientFor("http://127.0.0.1:9", { validateResponses: "loud" as never })).toThrow(new TypeError('validateResponses must be "off", "report" or "throw"'));
    expect(() => clientFor("http://127.0.0.1:9", { validateResponses: "report" })).toThrow(/^onDrift must be a function when validateResponses is "report"$/);
    expect(() => clientFor("http://127.0.0.1:9", { onDrift: "console" as never })).toThrow(/^onDrift must be a function$/);
  });
});
