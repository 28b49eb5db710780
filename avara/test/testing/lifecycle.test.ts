// Avara's reference server as a test runner meets it, on real sockets: interleaved updates of
// one user lose nothing, close() ends while a client holds half a request, and Node's own
// refusals answer in the server's error shape.
import { describe, expect, it } from "vitest";
import { closedAfterEach, rawBody, rawSocket } from "contract-kit/test-support";
import { startReferenceServer, type ReferenceServer } from "../../src/testing/index.js";

const start = closedAfterEach(() => startReferenceServer());

const userPath = (server: ReferenceServer) => `/v1/autoScribe/users/${server.userId}`;
const patchHead = (server: ReferenceServer, body: string) =>
  `PATCH ${userPath(server)} HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\nauthorization: Bearer ${server.apiKey}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n`;

describe("interleaved updates of one user", () => {
  it("lose nothing: an update held mid-body does not write back the user it found before waiting", async () => {
    const server = await start();
    const before = server.readUser(server.userId)!;
    const slowBody = JSON.stringify({ firstName: "Slow" });
    const slow = await rawSocket(server.baseUrl);
    await slow.write(patchHead(server, slowBody) + slowBody.slice(0, 8));
    const patch = (body: unknown) =>
      fetch(`${server.baseUrl}${userPath(server)}`, { method: "PATCH", headers: { authorization: `Bearer ${server.apiKey}`, "content-type": "application/json" }, body: JSON.stringify(body) });
    expect((await patch({ lastName: "Quick" })).status).toBe(200);
    expect((await patch({ clinicRole: "Cardiologist", phoneNumber: null })).status).toBe(200);
    await slow.write(slowBody.slice(8));
    const answer = await slow.closed;
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    const expected = { ...before, firstName: "Slow", lastName: "Quick", clinicRole: "Cardiologist" };
    delete (expected as { phoneNumber?: string }).phoneNumber;
    // Every field: the three updates, and nothing else changed.
    expect(server.readUser(server.userId)).toEqual(expected);
    expect(rawBody(answer)).toEqual(expected);
  });
});

describe("close() and Node's refusals", () => {
  it("close() ends within a second while a client holds a half-sent request", async () => {
    const server = await start();
    const half = await rawSocket(server.baseUrl);
    await half.write(`GET ${userPath(server)} HTTP/1.1\r\nhost: 127.0.0.1\r\nauthoriz`);
    const started = performance.now();
    await server.close();
    expect(performance.now() - started).toBeLessThan(1000);
    await half.closed;
  });

  it("an Expect it cannot meet and a CONNECT answer in the error shape", async () => {
    const server = await start();
    const expectation = await rawSocket(server.baseUrl);
    await expectation.write(`GET ${userPath(server)} HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\nexpect: bogus\r\n\r\n`);
    const refused = await expectation.closed;
    expect(refused).toMatch(/^HTTP\/1\.1 417 /);
    expect(rawBody(refused)).toEqual({ error: { type: "invalid_request_error", message: "Only Expect: 100-continue is supported" } });
    const connect = await rawSocket(server.baseUrl);
    await connect.write("CONNECT avara.ai:443 HTTP/1.1\r\nhost: avara.ai:443\r\n\r\n");
    const dropped = await connect.closed;
    expect(dropped).toMatch(/^HTTP\/1\.1 405 /);
    expect(rawBody(dropped)).toMatchObject({ error: { type: "invalid_request_error" } });
  });

  // Node parses these; @hono/node-server cannot make a URL of them, and answered a bare 400 with an empty body.
  it.each(["OPTIONS *", "GET *", "GET /v1\\autoScribe"])("%j answers 400 in the error shape, not a bare 400", async (line) => {
    const server = await start();
    const socket = await rawSocket(server.baseUrl);
    await socket.write(`${line} HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n`);
    const answer = await socket.closed;
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(rawBody(answer)).toEqual({ error: { type: "invalid_request_error", message: expect.stringMatching(/^The request target must be a path/) } });
  });
});
