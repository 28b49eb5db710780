// verify's one request per probe, with no vendor: the answer as it came (a redirect
// included, never followed), one retry of a 429 or 503 after a bounded Retry-After (a create only after a 429), and every
// failure an ExchangeFailure saying where it happened, on real sockets (127.0.0.1).
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { ExchangeFailure, RETRIED_STATUSES_UNSAFE_TO_REPEAT, exchange, type ExchangeOptions } from "contract-kit/verify";
import { closeAllServers, everyView, expectNoPartOf, failure, startFloodingServer, startRequestEchoServer, startServer } from "contract-kit/test-support";

afterEach(closeAllServers);

const TOKEN = "eyJhbGciOiJIUzI1NiJ9.dmVyaWZ5LXRva2Vu.c2lnbmF0dXJl";
const ORG_SECRET = "os_live_7f3a9c1e5b2d8f4a6c0e9b1d";
const credentials = { authorization: `Bearer ${TOKEN}`, "x-organization-secret": ORG_SECRET };

const options = (overrides: Partial<ExchangeOptions> = {}): ExchangeOptions => ({
  fetch: globalThis.fetch,
  timeoutMs: 5000,
  maxBodyBytes: 1024 * 1024,
  maxRetryAfterMs: 10_000,
  ...overrides,
});
const at = (base: string, path = "/v1/things") => new URL(`${base}${path}`);
const failed = (promise: Promise<unknown>) => failure<ExchangeFailure>(promise);

describe("an answer", () => {
  it("is its status, headers and text, the request sent as given", async () => {
    const server = await startServer((_request, response) => response.writeHead(201, { "content-type": "application/json", "x-request-id": "req_1" }).end('{"name":"café ✓"}'));
    const answer = await exchange(at(server.url, "/v1/things?x=1"), { method: "POST", headers: { ...credentials, "content-type": "application/json" }, body: '{"a":"é"}' }, options());
    expect(answer).toEqual({ status: 201, headers: expect.any(Headers), text: '{"name":"café ✓"}' });
    expect(answer.headers.get("x-request-id")).toBe("req_1");
    expect(server.requests).toMatchObject([{ method: "POST", url: "/v1/things?x=1", body: '{"a":"é"}', headers: { "x-organization-secret": ORG_SECRET } }]);
  });

  it("is a GET when no method is given", async () => {
    const server = await startServer((_request, response) => response.end("ok"));
    await exchange(at(server.url), {}, options());
    expect(server.requests[0]!.method).toBe("GET");
  });

  it("a redirect is the answer, not followed: its Location receives nothing, the credentials included", async () => {
    const elsewhere = await startServer((_request, response) => response.end("{}"));
    for (const status of [301, 302, 307, 308]) {
      const server = await startServer((_request, response) => response.writeHead(status, { location: `${elsewhere.url}/steal` }).end());
      const answer = await exchange(at(server.url), { method: "PUT", headers: credentials, body: "{}" }, options());
      expect(answer.status).toBe(status);
      expect(answer.headers.get("location")).toBe(`${elsewhere.url}/steal`);
      expect(answer.retried).toBeUndefined();
    }
    expect(elsewhere.requests).toEqual([]);
  });
});

describe("one retry of a 429 or 503", () => {
  it.each([429, 503])("a %i is sent again once after its Retry-After, and the answer says so", async (status) => {
    const server = await startServer((_request, response) =>
      server.requests.length === 1 ? response.writeHead(status, { "retry-after": "0" }).end() : response.end("fine"),
    );
    const answer = await exchange(at(server.url), { headers: credentials }, options());
    expect(answer).toMatchObject({ status: 200, text: "fine", retried: { status, waitedMs: 0 } });
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.headers["x-organization-secret"]).toBe(ORG_SECRET);
  });

  it("only once: a second 503 is the answer", async () => {
    const server = await startServer((_request, response) => response.writeHead(503, { "retry-after": "0" }).end("busy"));
    const answer = await exchange(at(server.url), {}, options());
    expect(answer).toMatchObject({ status: 503, text: "busy", retried: { status: 503, waitedMs: 0 } });
    expect(server.requests).toHaveLength(2);
  });

  it("a request unsafe to repeat (a create) is sent again after a 429, never after a 503 (it may have been acted on)", async () => {
    const answers = [429, 503];
    const server = await startServer((_request, response) => response.writeHead(answers[server.requests.length - 1] ?? 200, { "retry-after": "0" }).end("busy"));
    const answer = await exchange(at(server.url), { method: "POST", body: "{}" }, options(), RETRIED_STATUSES_UNSAFE_TO_REPEAT);
    expect(answer).toMatchObject({ status: 503, retried: { status: 429, waitedMs: 0 } });
    expect(server.requests).toHaveLength(2);
  });

  it.each([500, 502, 504, 401])("a %i is not sent again", async (status) => {
    const server = await startServer((_request, response) => response.writeHead(status, { "retry-after": "0" }).end());
    const answer = await exchange(at(server.url), {}, options());
    expect(answer.status).toBe(status);
    expect(answer.retried).toBeUndefined();
    expect(server.requests).toHaveLength(1);
  });

  it.each(["3600", "99999999999", "9".repeat(400), "Fri, 31 Dec 9999 23:59:59 GMT"])("a Retry-After of %s is waited maxRetryAfterMs at most", async (retryAfter) => {
    const server = await startServer((_request, response) => (server.requests.length === 1 ? response.writeHead(429, { "retry-after": retryAfter }).end() : response.end()));
    const started = Date.now();
    const answer = await exchange(at(server.url), {}, options({ maxRetryAfterMs: 150 }));
    expect(answer.retried).toEqual({ status: 429, waitedMs: 150 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("a Retry-After as an HTTP date is waited until that date", async () => {
    const server = await startServer((_request, response) =>
      server.requests.length === 1 ? response.writeHead(503, { "retry-after": new Date(Date.now() + 1000).toUTCString() }).end() : response.end(),
    );
    const started = Date.now();
    const answer = await exchange(at(server.url), {}, options());
    const waited = answer.retried!.waitedMs;
    expect(waited).toBeGreaterThanOrEqual(0);
    expect(waited).toBeLessThanOrEqual(1000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(waited - 20);
  });

  it.each([undefined, "soon", "-1", "1.5"])("a Retry-After of %j (none, or unreadable) is still waited, within maxRetryAfterMs", async (retryAfter) => {
    // 1 s, bounded by maxRetryAfterMs (retryDelayMs, test/verify/retry-after.test.ts)
    const server = await startServer((_request, response) =>
      server.requests.length === 1 ? response.writeHead(503, retryAfter === undefined ? {} : { "retry-after": retryAfter }).end() : response.end(),
    );
    const started = Date.now();
    const answer = await exchange(at(server.url), {}, options({ maxRetryAfterMs: 120 }));
    expect(answer.retried).toEqual({ status: 503, waitedMs: 120 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });
});

describe("failures say where they happened", () => {
  it("no response at all: (request), and the connection is closed", async () => {
    const server = await startServer(() => {});
    const error = await failed(exchange(at(server.url), {}, options({ timeoutMs: 200 })));
    expect(error).toBeInstanceOf(ExchangeFailure);
    expect(error).toMatchObject({ name: "ExchangeFailure", where: "(request)", expected: "a response", message: "no response within 0.2 s", status: undefined });
    await expect.poll(() => server.allRequestConnectionsClosed(), { timeout: 1000 }).toBe(true);
  });

  it("headers then a stalled body: (body), with the status that came, and the connection is closed", async () => {
    const server = await startServer((_request, response) => {
      response.writeHead(200, { "content-type": "application/json", "content-length": "100" });
      response.write('{"users":[');
    });
    const started = Date.now();
    const error = await failed(exchange(at(server.url), {}, options({ timeoutMs: 250, maxBodyBytes: 5000 })));
    expect(error).toMatchObject({ where: "(body)", expected: "a complete body of at most 5000 bytes", message: "the body was not complete within 0.25 s", status: 200 });
    expect(Date.now() - started).toBeLessThan(1500);
    await expect.poll(() => server.allRequestConnectionsClosed(), { timeout: 1000 }).toBe(true);
  });

  it("a body dripping a byte at a time fails at the deadline, not after its last byte", async () => {
    const server = await startServer((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      const drip = setInterval(() => response.write(" "), 10);
      response.on("close", () => clearInterval(drip));
    });
    const started = Date.now();
    expect(await failed(exchange(at(server.url), {}, options({ timeoutMs: 300 })))).toMatchObject({ where: "(body)", message: "the body was not complete within 0.3 s" });
    expect(Date.now() - started).toBeLessThan(1500);
    await expect.poll(() => server.allRequestConnectionsClosed(), { timeout: 1000 }).toBe(true);
  });

  it("a reset mid-body: (body), naming the platform's cause", async () => {
    const server = await startServer((request, response) => {
      response.writeHead(200, { "content-length": "1000" });
      response.write('{"users":', () => request.socket.destroy());
    });
    const error = await failed(exchange(at(server.url), {}, options()));
    expect(error).toMatchObject({ where: "(body)", status: 200 });
    expect(error.message).toMatch(/^TypeError: \S.*; caused by \S/);
  });

  it("a refused connection: (request), naming ECONNREFUSED", async () => {
    const server = await startServer(() => {});
    const url = server.url;
    await server.close();
    const error = await failed(exchange(at(url), {}, options()));
    expect(error).toMatchObject({ where: "(request)", expected: "a response", status: undefined });
    expect(error.message).toMatch(/^TypeError: fetch failed; caused by ECONNREFUSED: connect ECONNREFUSED 127\.0\.0\.1:\d+/);
  });

  it("a body over the cap: (body), read no further", async () => {
    const server = await startFloodingServer();
    const error = await failed(exchange(at(server.url), {}, options({ maxBodyBytes: 256 * 1024 })));
    expect(error).toMatchObject({ where: "(body)", expected: "a complete body of at most 262144 bytes", message: "a body larger than 262144 bytes (not read further)", status: 200 });
    await expect.poll(() => server.allRequestConnectionsClosed(), { timeout: 1000 }).toBe(true);
    expect(server.written()).toBeLessThan(16 * 1024 * 1024);
  });

  it("a gzip bomb with an honest Content-Length: (body), capped as it inflates", async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
    const server = await startServer((_request, response) => {
      response.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip", "content-length": String(bomb.length) });
      response.end(bomb);
    });
    const before = process.memoryUsage().rss;
    expect(await failed(exchange(at(server.url), {}, options({ maxBodyBytes: 1024 * 1024 })))).toMatchObject({ where: "(body)", message: "a body larger than 1048576 bytes (not read further)" });
    expect(process.memoryUsage().rss - before).toBeLessThan(48 * 1024 * 1024);
  });

  it.each([
    ["undefined", undefined],
    ["a string", "HTTP/1.1 200 OK"],
    ["a Response-like without headers", { status: 200, body: null }],
  ])("a fetch returning %s: (request)", async (_what, value) => {
    const error = await failed(exchange(at("http://127.0.0.1:1"), {}, options({ fetch: (() => value) as unknown as typeof fetch })));
    expect(error).toMatchObject({ where: "(request)", expected: "a response", message: "fetch returned something other than a Response" });
  });

  it("a fetch rejecting with a non-Error is named by what it threw", async () => {
    const error = await failed(exchange(at("http://127.0.0.1:1"), {}, options({ fetch: (() => Promise.reject("no route")) as typeof fetch })));
    expect(error).toMatchObject({ where: "(request)", message: "no route" });
  });

  it("a broken response echoing the request's credentials (the parser keeps the bytes) shows none of them", async () => {
    const server = await startRequestEchoServer();
    const error = await failed(exchange(at(server.url), { headers: credentials }, options()));
    expect(error).toMatchObject({ where: "(request)" });
    expect(error.message).toMatch(/HPE_INVALID_HEADER_TOKEN: Response does not match the HTTP\/1\.1 protocol/);
    expectNoPartOf([TOKEN, ORG_SECRET], everyView(error));
  });

  it("a deadline past what a timer can hold is not a 1 ms timeout", async () => {
    const server = await startServer((_request, response) => setTimeout(() => response.end("late but fine"), 100));
    const answer = await exchange(at(server.url), {}, options({ timeoutMs: 2 ** 31 + 1 }));
    expect(answer.text).toBe("late but fine");
  });
});

describe("the caller's signal", () => {
  it("aborting during the attempt: (request) aborted by the caller, at once, and the connection is closed", async () => {
    const server = await startServer(() => {});
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const error = await failed(exchange(at(server.url), {}, options({ signal: controller.signal })));
    expect(error).toMatchObject({ where: "(request)", expected: "a response", message: "aborted by the caller" });
    expect(Date.now() - started).toBeLessThan(1000);
    await expect.poll(() => server.allRequestConnectionsClosed(), { timeout: 1000 }).toBe(true);
  });

  it("aborting during the body: aborted by the caller, not a body failure", async () => {
    const server = await startServer((_request, response) => {
      response.writeHead(200, { "content-length": "100" });
      response.write("{");
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    expect(await failed(exchange(at(server.url), {}, options({ signal: controller.signal })))).toMatchObject({ where: "(request)", message: "aborted by the caller" });
  });

  it("aborting during the wait before the retry stops at once, and the request is not sent again", async () => {
    const server = await startServer((_request, response) => response.writeHead(503, { "retry-after": "5" }).end());
    const controller = new AbortController();
    const call = failed(exchange(at(server.url), {}, options({ signal: controller.signal })));
    await expect.poll(() => server.requests.length).toBe(1);
    const started = Date.now();
    controller.abort();
    expect(await call).toMatchObject({ message: "aborted by the caller" });
    expect(Date.now() - started).toBeLessThan(500);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.requests).toHaveLength(1);
  });

  it("aborted before: nothing is sent", async () => {
    const server = await startServer((_request, response) => response.end());
    expect(await failed(exchange(at(server.url), {}, options({ signal: AbortSignal.abort() })))).toMatchObject({ message: "aborted by the caller" });
    expect(server.requests).toEqual([]);
  });
});
