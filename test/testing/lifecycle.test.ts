// The reference server as a test runner meets it: close() ends while a client holds half a
// request, Node's own refusals answer with the problem envelope, no body keeps the event loop
// busy (the create body's included), and interleaved writes lose nothing: to one user, and
// two creates of one email. On real sockets.
import { describe, expect, it } from "vitest";
import { closedAfterEach, fastestAnswer, rawBody, rawSocket } from "contract-kit/test-support";
import { startReferenceServer, type ReferenceServer } from "../../src/testing/index.js";

const start = closedAfterEach(() => startReferenceServer());

const usersPath = (server: ReferenceServer) => `/v1/organizations/${server.organizationId}/users`;
const credentials = (server: ReferenceServer) => `authorization: Bearer ${server.token}\r\nx-organization-secret: ${server.organizationSecret}\r\n`;
/** A request's head, up to and including the blank line. */
const head = (server: ReferenceServer, method: string, path: string, extra = "") =>
  `${method} ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n${credentials(server)}${extra}\r\n`;
const jsonHead = (server: ReferenceServer, method: string, path: string, body: string) =>
  head(server, method, path, `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n`);

describe("close()", () => {
  it("ends within a second while clients hold a half-sent head, a half-sent body and an idle connection", async () => {
    const server = await start();
    const halfHead = await rawSocket(server.baseUrl);
    await halfHead.write(`GET ${usersPath(server)} HTTP/1.1\r\nhost: 127.0.0.1\r\nx-half: `);
    const halfBody = await rawSocket(server.baseUrl);
    const body = JSON.stringify({ full_name: "Half Sent" });
    await halfBody.write(jsonHead(server, "PUT", `${usersPath(server)}/${server.userId}`, body) + body.slice(0, 5));
    const idle = await rawSocket(server.baseUrl);
    await idle.write(`GET ${usersPath(server)}?limit=1 HTTP/1.1\r\nhost: 127.0.0.1\r\n${credentials(server)}\r\n`);
    await idle.received(/\r\n\r\n\{[\s\S]*\}$/); // answered, and kept alive
    const started = performance.now();
    await server.close();
    expect(performance.now() - started).toBeLessThan(1000);
    await Promise.all([halfHead.closed, halfBody.closed, idle.closed]);
    // The half-sent update never arrived whole, so it changed nothing.
    expect(server.readUser(server.userId)?.full_name).not.toBe("Half Sent");
  });

  it("can be called twice", async () => {
    const server = await start();
    await server.close();
    await expect(server.close()).resolves.toBeUndefined();
  });
});

describe("requests Node refuses itself", () => {
  it("an Expect other than 100-continue gets a 417 with the problem envelope", async () => {
    const server = await start();
    const socket = await rawSocket(server.baseUrl);
    await socket.write(head(server, "GET", usersPath(server), "expect: bogus\r\n"));
    const answer = await socket.closed;
    expect(answer).toMatch(/^HTTP\/1\.1 417 /);
    expect(answer).toMatch(/content-type: application\/json/i);
    expect(rawBody(answer)).toMatchObject({ success: false, statusCode: 417, error: { title: "Expectation Failed" } });
  });

  it("a CONNECT gets a 405 with the problem envelope, not a dropped connection", async () => {
    const server = await start();
    const socket = await rawSocket(server.baseUrl);
    await socket.write("CONNECT parchment.health:443 HTTP/1.1\r\nhost: parchment.health:443\r\n\r\n");
    const answer = await socket.closed;
    expect(answer).toMatch(/^HTTP\/1\.1 405 Method Not Allowed\r\n/);
    expect(rawBody(answer)).toMatchObject({ success: false, statusCode: 405, error: { detail: expect.stringContaining("CONNECT") } });
  });

  // Node parses these; @hono/node-server cannot make a URL of them, and answered a bare 400 with an empty body.
  it.each([
    ["OPTIONS *", "127.0.0.1"],
    ["GET *", "127.0.0.1"],
    ["GET /v1\\users", "127.0.0.1"],
    ["GET http://[x/", "127.0.0.1"],
    ["GET /", "exa mple"],
    ["GET /", "a@b"],
  ])("%j with host %j gets a 400 with the problem envelope, not a bare 400", async (line, host) => {
    const server = await start();
    const socket = await rawSocket(server.baseUrl);
    await socket.write(`${line} HTTP/1.1\r\nhost: ${host}\r\nconnection: close\r\n\r\n`);
    const answer = await socket.closed;
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toMatch(/content-type: application\/json/i);
    expect(rawBody(answer)).toMatchObject({ success: false, statusCode: 400, error: { title: "Bad Request", detail: expect.stringMatching(/^The request target must be a path/) } });
  });
});

describe("the work per request is bounded", () => {
  const distinctObjects = (items: number, keys: number) =>
    Array.from({ length: items }, (_, item) => Object.fromEntries(Array.from({ length: keys }, (_, key) => [`k${key}`, key === keys - 1 ? item : 0])));
  const hostile: Record<string, (server: ReferenceServer) => [path: string, body: string, method?: string]> = {
    // 780 kB: ajv's uniqueItems compared every pair in depth (1.5 s on this machine).
    "1,000 distinct objects of 101 keys as roles": (server) => [`${usersPath(server)}/${server.userId}/roles`, JSON.stringify({ access_roles: distinctObjects(1000, 101) })],
    "1,000 distinct arrays as roles": (server) => [`${usersPath(server)}/${server.userId}/roles`, JSON.stringify({ access_roles: Array.from({ length: 1000 }, (_, i) => [i, 1, 2, 3, 4, 5, 6, 7, 8, 9]) })],
    "30,000 unknown keys in provider_details": (server) => [
      `${usersPath(server)}/${server.userId}`,
      JSON.stringify({ provider_details: Object.fromEntries(Array.from({ length: 30_000 }, (_, i) => [`k${i}`, i])) }),
    ],
    "a 900 kB full_name": (server) => [`${usersPath(server)}/${server.userId}`, JSON.stringify({ full_name: "x".repeat(900_000) })],
    "a 900 kB date_of_birth in provider_details": (server) => [`${usersPath(server)}/${server.userId}`, JSON.stringify({ provider_details: { date_of_birth: `1970-01-01${"0".repeat(900_000)}` } })],
    // The create body: the same attacks on POST .../users, and the provider rule's if/then on top.
    "a create with 1,000 distinct objects of 101 keys as roles": (server) => [usersPath(server), JSON.stringify({ given_name: "A", family_name: "B", email: "a@example.com", access_roles: distinctObjects(1000, 101) }), "POST"],
    "a create with 30,000 unknown keys": (server) => [usersPath(server), JSON.stringify(Object.fromEntries(Array.from({ length: 30_000 }, (_, i) => [`k${i}`, i]))), "POST"],
    "a create with a 900 kB email": (server) => [usersPath(server), JSON.stringify({ given_name: "A", family_name: "B", email: `${"a".repeat(900_000)}@example.com` }), "POST"],
    "a create of a provider with a 900 kB date_of_birth": (server) => [usersPath(server), JSON.stringify({ given_name: "A", family_name: "B", email: "a@example.com", access_roles: ["provider"], date_of_birth: `1970-01-01${"0".repeat(900_000)}` }), "POST"],
  };

  it.each(Object.keys(hostile))("%s is answered with a 4xx within 100 ms of its last byte", async (name) => {
    const server = await start();
    const [path, body, method = "PUT"] = hostile[name]!(server);
    const { ms, statuses } = await fastestAnswer(server.baseUrl, jsonHead(server, method, path, body) + body);
    for (const status of statuses) expect(status).toBeGreaterThanOrEqual(400);
    for (const status of statuses) expect(status).toBeLessThan(500);
    expect(ms).toBeLessThan(100);
  });
});

describe("interleaved writes to one user", () => {
  it("lose nothing: an update held mid-body does not undo the writes that landed meanwhile", async () => {
    const server = await start();
    const user = `${usersPath(server)}/${server.userId}`;
    const slowBody = JSON.stringify({ full_name: "Slow Writer" });
    const slow = await rawSocket(server.baseUrl);
    await slow.write(jsonHead(server, "PUT", user, slowBody) + slowBody.slice(0, 10));
    const send = (path: string, body: unknown) =>
      fetch(`${server.baseUrl}${path}`, { method: "PUT", headers: { authorization: `Bearer ${server.token}`, "x-organization-secret": server.organizationSecret, "content-type": "application/json" }, body: JSON.stringify(body) });
    expect((await send(`${user}/roles`, { access_roles: ["admin", "provider"] })).status).toBe(200);
    expect((await send(user, { provider_details: { hpii_number: "8003610000000000" } })).status).toBe(200);
    await slow.write(slowBody.slice(10));
    expect(await slow.closed).toMatch(/^HTTP\/1\.1 200 /);
    const after = server.readUser(server.userId)!;
    expect(after.full_name).toBe("Slow Writer");
    expect(after.access_roles).toEqual(["admin", "provider"]);
    expect(after.provider_details).toMatchObject({ hpii_number: "8003610000000000" });
  });

  it("a create held mid-body and a create of the same email landing meanwhile make one user and one 409", async () => {
    const server = await start();
    const body = (partner: string) => JSON.stringify({ given_name: "Sam", family_name: "Nguyen", email: "sam.nguyen@example.com", partner_user_id: partner });
    const slowBody = body("SLOW");
    const slow = await rawSocket(server.baseUrl);
    await slow.write(jsonHead(server, "POST", usersPath(server), slowBody) + slowBody.slice(0, 10));
    const fast = await fetch(`${server.baseUrl}${usersPath(server)}`, {
      method: "POST",
      headers: { authorization: `Bearer ${server.token}`, "x-organization-secret": server.organizationSecret, "content-type": "application/json" },
      body: body("FAST"),
    });
    expect(fast.status).toBe(201);
    const fastId = ((await fast.json()) as { data: { user_id: string } }).data.user_id;
    await slow.write(slowBody.slice(10));
    const answer = await slow.closed;
    expect(answer).toMatch(/^HTTP\/1\.1 409 /);
    expect(rawBody(answer)).toMatchObject({ code: "USER_ALREADY_EXISTS" });
    const listed = await fetch(`${server.baseUrl}${usersPath(server)}?limit=100`, { headers: { authorization: `Bearer ${server.token}`, "x-organization-secret": server.organizationSecret } });
    const users = ((await listed.json()) as { data: { users: { user_id: string; external_user_id?: string }[] } }).data.users;
    expect(users.filter((user) => user.external_user_id === "FAST" || user.external_user_id === "SLOW").map((user) => user.user_id)).toEqual([fastId]);
  });

  it("a disable landing while a roles update is held mid-body leaves the user disabled, with the roles that came last", async () => {
    const server = await start();
    const user = `${usersPath(server)}/${server.userId}`;
    const slowBody = JSON.stringify({ access_roles: ["receptionist"] });
    const slow = await rawSocket(server.baseUrl);
    await slow.write(jsonHead(server, "PUT", `${user}/roles`, slowBody) + slowBody.slice(0, 5));
    const disabled = await fetch(`${server.baseUrl}${user}/disable`, { method: "PUT", headers: { authorization: `Bearer ${server.token}`, "x-organization-secret": server.organizationSecret } });
    expect(disabled.status).toBe(200);
    expect(server.readUser(server.userId)?.access_roles).toEqual(["member"]);
    await slow.write(slowBody.slice(5));
    expect(await slow.closed).toMatch(/^HTTP\/1\.1 200 /);
    expect(server.isEnabled(server.userId)).toBe(false);
    expect(server.readUser(server.userId)?.access_roles).toEqual(["receptionist"]);
  });
});
