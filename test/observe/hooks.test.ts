// onRequest/onResponse on real sockets: one call per attempt, retries and token refreshes
// counted, the status, duration and requestId given, and never a header value, an id of the
// call's path or a body, though the server echoes the secrets back.
import { afterEach, describe, expect, it } from "vitest";
import { createParchmentClient, type RequestEvent, type ResponseEvent } from "../../src/index.js";
import { closeAllServers, envelope, everyView, expectNoPartOf, failure, startServer } from "contract-kit/test-support";

afterEach(closeAllServers);

const ORG = "3f6c1b2a-8d4e-4f5a-9b7c-1d2e3f4a5b6c";
const ORG_SECRET = "os_live_9a2e7f41c0d3b8e6";
const TOKEN = "eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXRva2Vu.Zk9xQ2";
const USER = "usr_secretive_id_1234";

describe("onRequest and onResponse", () => {
  it("tell each attempt, retries included, with status, duration and the envelope's requestId", async () => {
    let calls = 0;
    const server = await startServer((_request, response) => {
      calls++;
      if (calls === 1) return void response.writeHead(503, { "content-type": "application/json", "retry-after": "0" }).end(JSON.stringify({ requestId: `req_${TOKEN}` }));
      response.writeHead(200, { "content-type": "application/json" }).end(envelope({ user_id: USER, email: `${ORG_SECRET}@x.test` }));
    });
    const requests: RequestEvent[] = [];
    const responses: ResponseEvent[] = [];
    const client = createParchmentClient({ baseUrl: server.url, organizationId: ORG, organizationSecret: ORG_SECRET, token: TOKEN, onRequest: (event) => requests.push(event), onResponse: (event) => responses.push(event) });
    await client.users.get(USER);
    const path = "/v1/organizations/{organization_id}/users/{user_id}";
    expect(requests).toEqual([1, 2].map((attempt) => ({ operationId: "getUser", method: "GET", path, attempt })));
    expect(responses.map(({ attempt, status, requestId, error }) => ({ attempt, status, requestId, error }))).toEqual([
      { attempt: 1, status: 503, requestId: "req_[redacted]", error: undefined },
      { attempt: 2, status: 200, requestId: "req_ok", error: undefined },
    ]);
    for (const event of responses) expect(event.durationMs).toBeGreaterThanOrEqual(0);
    const seen = everyView([requests, responses]);
    expectNoPartOf([ORG_SECRET, TOKEN], seen);
    expect(seen).not.toContain(USER);
    expect(seen).not.toContain("@x.test");
  });

  it("tell an attempt that got no response, and a hook that throws changes nothing", async () => {
    const server = await startServer((request) => request.socket.destroy());
    const responses: ResponseEvent[] = [];
    const client = createParchmentClient({
      baseUrl: server.url, organizationId: ORG, organizationSecret: ORG_SECRET, token: TOKEN, retry: false,
      onRequest: () => { throw new Error("tracer down"); },
      onResponse: (event) => { responses.push(event); throw new Error("tracer down"); },
    });
    const error = await failure(client.users.get(USER));
    expect(error.name).toBe("ParchmentNetworkError");
    expect(responses).toMatchObject([{ attempt: 1, status: undefined, error: "network" }]);
  });

  it("refuse a hook that is not a function, naming it", () => {
    expect(() => createParchmentClient({ organizationId: ORG, organizationSecret: ORG_SECRET, token: TOKEN, onResponse: "log" as never })).toThrow(/^onResponse must be a function$/);
  });
});
