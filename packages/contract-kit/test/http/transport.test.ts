// The shared transport with no vendor: a tiny error family of its own, a token function and
// a custom credential header, against real servers on 127.0.0.1 that stall, drip, reset,
// redirect, flood and echo the credentials back, and against fetches that misbehave.
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  MAX_TIMER_MS,
  REDACTED,
  createRedactor,
  createTransport,
  retryPolicy,
  type ConnectionOptions,
  type FetchLike,
  type OperationInfo,
  type RetryOptions,
  type TokenFunction,
  type TransportErrors,
  type TransportOptions,
} from "contract-kit/http";
import { closeAllServers, everyView, expectNoPartOf, failure, startRequestEchoServer, startServer } from "contract-kit/test-support";

afterEach(async () => {
  // Mocks first: a spy on the faked setTimeout, restored after the real timers came back,
  // would put the fake back on globalThis for every later file of this worker.
  vi.restoreAllMocks();
  vi.useRealTimers();
  await closeAllServers();
});

// The fake vendor's error family: what the transport chooses among, and nothing else.
class KitError extends Error {
  constructor(
    readonly operation: OperationInfo,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`${operation.method} ${operation.path}: ${message}`, options);
  }
}
class KitNetworkError extends KitError {}
class KitTimeoutError extends KitNetworkError {
  constructor(
    operation: OperationInfo,
    message: string,
    readonly timeoutMs: number,
  ) {
    super(operation, message);
  }
}
class KitResponseError extends KitError {
  constructor(
    operation: OperationInfo,
    message: string,
    readonly status: number,
  ) {
    super(operation, message);
  }
}
for (const type of [KitError, KitNetworkError, KitTimeoutError, KitResponseError]) type.prototype.name = type.name;

const kitErrors: TransportErrors = {
  isOwn: (error) => error instanceof KitError,
  failed: (operation, message, cause) => new KitError(operation, message, { cause }),
  network: (operation, message, cause) => new KitNetworkError(operation, message, { cause }),
  timeout: (operation, message, timeoutMs) => new KitTimeoutError(operation, message, timeoutMs),
  response: (operation, message, status) => new KitResponseError(operation, message, status),
};

const API_KEY = 'sk_live_"q"\\9f3b2c7e1d4a8f6b0e5c2d9a';
const TOKEN = "eyJhbGciOiJIUzI1NiJ9.Zmlyc3QtdG9rZW4.c2lnbmF0dXJl";
const FRESH_TOKEN = "eyJhbGciOiJIUzI1NiJ9.ZnJlc2gtdG9rZW4.c2lnbmF0dXJl";
const SECRETS = [API_KEY, TOKEN, FRESH_TOKEN];
const OP: OperationInfo = { method: "GET", path: "/v1/things/{id}" };

/** A token function handing out `tokens` in turn (the last one from then on), recording what it was told. */
function tokenFunction(tokens: string[] = [TOKEN]) {
  const calls: { signal?: AbortSignal | undefined }[] = [];
  const invalidated: (string | undefined)[] = [];
  const token: TokenFunction = Object.assign((context: { signal?: AbortSignal | undefined }) => (calls.push(context), tokens[Math.min(calls.length, tokens.length) - 1]!), {
    invalidate: (refused?: string) => void invalidated.push(refused),
  });
  return { token, calls, invalidated };
}

/**
 * A transport as a vendor makes one: the API key pinned in the redactor, each token learned as
 * it is issued, and the key sent in a custom header on every request.
 */
function kit(connection: ConnectionOptions, options: Partial<Omit<TransportOptions, "retry">> & { retry?: RetryOptions | false } = {}) {
  const redactor = createRedactor([API_KEY]);
  const learned: string[] = [];
  const transport = createTransport(connection, {
    defaultBaseUrl: "http://127.0.0.1:1",
    product: "kit-test/1.0.0",
    errors: kitErrors,
    redact: redactor.redact,
    learnSecret: (secret) => (learned.push(secret), redactor.add(secret)),
    ...options,
    retry: retryPolicy(options.retry ?? false),
  });
  const send = (path: string, init: RequestInit = {}, signal?: AbortSignal, operation = OP) => {
    const headers = new Headers(init.headers);
    headers.set("x-api-key", API_KEY);
    return transport.send(new Request(`${transport.baseUrl}${path}`, { ...init, headers }), operation, signal);
  };
  return { transport, send, learned };
}

/** A fetch double answering each call with `answer(call number, request)`. */
function fakeFetch(answer: (call: number, request: Request) => Response | Promise<Response>) {
  const requests: Request[] = [];
  const fetch: FetchLike = async (request) => {
    requests.push(request);
    return answer(requests.length, request);
  };
  return { fetch, requests };
}

const json = { "content-type": "application/json" };

describe("what it sends", () => {
  it("the caller's request with its User-Agent, bearer token and custom headers; the answer with its body read", async () => {
    const server = await startServer((_request, response) => response.writeHead(200, json).end('{"id":"t_1"}'));
    const { token, calls } = tokenFunction();
    const { send, learned } = kit({ baseUrl: server.url, userAgent: "acme-clinic/2.1" }, { token });
    const response = await send("/v1/things/t_1?expand=all", { headers: { accept: "application/json" } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: "t_1" });
    expect(server.requests).toMatchObject([
      {
        method: "GET",
        url: "/v1/things/t_1?expand=all",
        headers: { "user-agent": "kit-test/1.0.0 acme-clinic/2.1", authorization: `Bearer ${TOKEN}`, "x-api-key": API_KEY, accept: "application/json" },
      },
    ]);
    expect(calls).toEqual([{ signal: undefined }]);
    expect(learned).toEqual([TOKEN]);
  });

  it("no token function: no authorization header; the package's own User-Agent alone", async () => {
    const server = await startServer((_request, response) => response.end("{}"));
    await kit({ baseUrl: server.url }).send("/x");
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
    expect(server.requests[0]!.headers["user-agent"]).toBe("kit-test/1.0.0");
  });

  it("a PUT is retried with the very same body; a POST is never sent twice", async () => {
    const server = await startServer((request, response) => {
      const first = server.requests.filter((seen) => seen.method === request.method).length === 1;
      response.writeHead(first ? 503 : 200, { ...json, "retry-after": "0" }).end("{}");
    });
    const { send } = kit({ baseUrl: server.url }, { retry: { maxAttempts: 3 } });
    const body = JSON.stringify({ roles: ["admin", "café ✓"] });
    expect((await send("/x", { method: "PUT", body })).status).toBe(200);
    expect((await send("/x", { method: "POST", body })).status).toBe(503);
    expect(server.requests.map((request) => [request.method, request.body])).toEqual([
      ["PUT", body],
      ["PUT", body],
      ["POST", body],
    ]);
  });

  it("the idempotent methods are the caller's to choose: PATCH retried, PUT not, when so told", async () => {
    const server = await startServer((_request, response) => response.writeHead(503, { "retry-after": "0" }).end());
    const { send } = kit({ baseUrl: server.url }, { retry: { maxAttempts: 2 }, idempotent: new Set(["PATCH"]) });
    await send("/x", { method: "PATCH", body: "{}" });
    await send("/x", { method: "PUT", body: "{}" });
    expect(server.requests.map((request) => request.method)).toEqual(["PATCH", "PATCH", "PUT"]);
  });
  it("a POST whose operation allows it is sent again after a 429 only, never after a 503, a timeout or a reset", async () => {
    let answer = (response: import("node:http").ServerResponse) => void response.writeHead(429, { "retry-after": "0" }).end();
    const server = await startServer((_request, response) => answer(response));
    const { send } = kit({ baseUrl: server.url, timeoutMs: 300 }, { retry: { maxAttempts: 3, baseDelayMs: 0 } });
    const create = { method: "POST", path: "/v1/things", retryOn429: true };
    expect((await send("/x", { method: "POST", body: "{}" }, undefined, create)).status).toBe(429);
    expect(server.requests).toHaveLength(3);
    answer = (response) => void response.writeHead(503, { "retry-after": "0" }).end();
    expect((await send("/x", { method: "POST", body: "{}" }, undefined, create)).status).toBe(503);
    expect(server.requests).toHaveLength(4);
    answer = (response) => void response.socket?.destroy();
    await expect(send("/x", { method: "POST", body: "{}" }, undefined, create)).rejects.toBeInstanceOf(KitNetworkError);
    expect(server.requests).toHaveLength(5);
    answer = () => {};
    await expect(send("/x", { method: "POST", body: "{}" }, undefined, create)).rejects.toBeInstanceOf(KitTimeoutError);
    expect(server.requests).toHaveLength(6);
    answer = (response) => void response.writeHead(429, { "retry-after": "0" }).end();
    await send("/x", { method: "POST", body: "{}" });
    expect(server.requests).toHaveLength(7); // without the operation's word, a POST is sent once
  });
});

describe("the token", () => {
  it("a 401 asks for a fresh token once, telling the function which one was refused", async () => {
    const server = await startServer((request, response) => response.writeHead(request.headers.authorization === `Bearer ${TOKEN}` ? 401 : 200).end("{}"));
    const { token, calls, invalidated } = tokenFunction([TOKEN, FRESH_TOKEN]);
    const { send, learned } = kit({ baseUrl: server.url }, { token });
    expect((await send("/x")).status).toBe(200);
    expect(server.requests.map((request) => request.headers.authorization)).toEqual([`Bearer ${TOKEN}`, `Bearer ${FRESH_TOKEN}`]);
    expect(invalidated).toEqual([TOKEN]);
    expect(calls).toHaveLength(2);
    expect(learned).toEqual([TOKEN, FRESH_TOKEN]);
  });

  it("each token is learnt once: not again on every call, and not at all when the token function's own redact hides it", async () => {
    const server = await startServer((request, response) => response.writeHead(302, { location: `http://127.0.0.1:1/${request.headers.authorization}` }).end());
    const plain = kit({ baseUrl: server.url }, { token: tokenFunction([TOKEN]).token });
    for (let i = 0; i < 3; i++) await failure(plain.send("/x"));
    expect(plain.learned).toEqual([TOKEN]);
    // A token provider hides the tokens it issues itself: a second copy would double their cost.
    const own = createRedactor([]);
    const provider: TokenFunction = Object.assign(() => (own.add(FRESH_TOKEN), FRESH_TOKEN), { redact: own.redact });
    const withProvider = kit({ baseUrl: server.url }, { token: provider });
    const error = await failure(withProvider.send("/x"));
    expect(withProvider.learned).toEqual([]);
    expect(error.message).toBe(`GET /v1/things/{id}: 302 redirect to http://127.0.0.1:1/Bearer%20${REDACTED} not followed`);
  });

  it("a second 401 is the answer: no loop of refreshes", async () => {
    const server = await startServer((_request, response) => response.writeHead(401).end("{}"));
    const { token, invalidated } = tokenFunction([TOKEN, FRESH_TOKEN]);
    const response = await kit({ baseUrl: server.url }, { token, retry: { maxAttempts: 5 } }).send("/x");
    expect(response.status).toBe(401);
    expect(server.requests).toHaveLength(2);
    expect(invalidated).toEqual([TOKEN]);
  });

  it("the refresh does not use up a retry: 401, 503, 503, 200 with three attempts succeeds", async () => {
    const statuses = [401, 503, 503, 200];
    const server = await startServer((_request, response) => response.writeHead(statuses[server.requests.length - 1]!, { "retry-after": "0" }).end("{}"));
    const { token } = tokenFunction([TOKEN, FRESH_TOKEN]);
    expect((await kit({ baseUrl: server.url }, { token, retry: { maxAttempts: 3 } }).send("/x")).status).toBe(200);
    expect(server.requests).toHaveLength(4);
  });

  it("without a token function a 401 is simply the answer", async () => {
    const server = await startServer((_request, response) => response.writeHead(401).end("{}"));
    expect((await kit({ baseUrl: server.url }).send("/x")).status).toBe(401);
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    ["CRLF (header injection)", `${TOKEN}\r\nx-injected: 1`],
    ["an empty string", ""],
    ["surrounding spaces", ` ${TOKEN} `],
    ["a number", 42],
    ["undefined", undefined],
    ["an object", { token: TOKEN }],
  ])("a token function returning %s fails the call in the family, sending nothing and showing nothing of it", async (_what, value) => {
    const server = await startServer((_request, response) => response.end("{}"));
    const error = await failure(kit({ baseUrl: server.url }, { token: (() => value) as unknown as TokenFunction }).send("/x"));
    expect(error).toBeInstanceOf(KitError);
    expect(error.message).toBe("GET /v1/things/{id}: the token function returned no token that can be sent in a header");
    expectNoPartOf(SECRETS, everyView(error));
    expect(server.requests).toEqual([]);
  });

  it.each([
    ["throws", () => {
      throw Object.assign(new Error(`vault refused key ${API_KEY}`), { code: `E_${API_KEY}`, cause: new Error(`inner ${API_KEY}`) });
    }],
    ["rejects", async () => Promise.reject(new TypeError(`vault refused key ${API_KEY}`))],
    ["throws a string", () => {
      throw `vault refused key ${API_KEY}`;
    }],
  ])("a token function that %s fails the call in the family, its words redacted, the thrown value not kept", async (_how, thrower) => {
    const server = await startServer((_request, response) => response.end("{}"));
    const error = await failure(kit({ baseUrl: server.url }, { token: thrower as TokenFunction }).send("/x"));
    expect(error).toBeInstanceOf(KitError);
    expect(error.message).toMatch(/^GET \/v1\/things\/\{id\}: the token function failed: vault refused key \[redacted\]/);
    expect(error.cause).toBeInstanceOf(Error);
    expectNoPartOf(SECRETS, everyView(error));
    expect(server.requests).toEqual([]);
  });

  it("the token function's own secrets are hidden too, though the vendor's redact does not know them", async () => {
    const partnerSecret = "psk_partner_0123456789abcdef";
    const token: TokenFunction = Object.assign(
      () => {
        throw new Error(`grant refused for ${partnerSecret}`);
      },
      { redact: (text: string) => text.replaceAll(partnerSecret, REDACTED) },
    );
    const server = await startServer((_request, response) => response.end("{}"));
    const error = await failure(kit({ baseUrl: server.url }, { token }).send("/x"));
    expect(error.message).toContain(`grant refused for ${REDACTED}`);
    expectNoPartOf([partnerSecret], everyView(error));
  });

  it("an error of the family from the token function leaves as it is (a provider names its own call)", async () => {
    const own = new KitTimeoutError({ method: "POST", path: "/v1/token" }, "no complete response within 5 ms", 5);
    const error = await failure(kit({ baseUrl: "http://127.0.0.1:1" }, { token: () => Promise.reject(own) }).send("/x"));
    expect(error).toBe(own);
  });

  it("the caller's abort stops the wait for a token at once, with its reason, and nothing is sent", async () => {
    const server = await startServer((_request, response) => response.end("{}"));
    let seen: AbortSignal | undefined;
    const token: TokenFunction = ({ signal }) => ((seen = signal), new Promise<string>(() => {})); // never answers, ignores the signal
    const controller = new AbortController();
    const reason = new Error("the caller gave up");
    setTimeout(() => controller.abort(reason), 100);
    const started = Date.now();
    await expect(kit({ baseUrl: server.url }, { token }).send("/x", {}, controller.signal)).rejects.toBe(reason);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(seen).toBe(controller.signal);
    expect(server.requests).toEqual([]);
  });
});

describe("deadlines, resets and sizes", () => {
  it("headers then a stalled body: a timeout error of the family, and every attempt's connection closed", async () => {
    const server = await startServer((_request, response) => {
      response.writeHead(200, { ...json, "content-length": "100" });
      response.write('{"id":');
    });
    const started = Date.now();
    const error = await failure(kit({ baseUrl: server.url, timeoutMs: 200 }, { retry: { maxAttempts: 2, baseDelayMs: 1 } }).send("/x"));
    expect(error).toBeInstanceOf(KitTimeoutError);
    expect(error).toMatchObject({ message: "GET /v1/things/{id}: no complete response within 200 ms", timeoutMs: 200 });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(server.requests).toHaveLength(2);
    await expect.poll(() => server.allRequestConnectionsClosed(), { timeout: 1000 }).toBe(true);
  });

  it("a body dripping a byte at a time times out at the deadline, and its connection is closed", async () => {
    const server = await startServer((_request, response) => {
      response.writeHead(200, json);
      const drip = setInterval(() => response.write(" "), 10);
      response.on("close", () => clearInterval(drip));
    });
    const started = Date.now();
    expect(await failure(kit({ baseUrl: server.url, timeoutMs: 250 }).send("/x"))).toBeInstanceOf(KitTimeoutError);
    expect(Date.now() - started).toBeLessThan(1500);
    await expect.poll(() => server.allRequestConnectionsClosed(), { timeout: 1000 }).toBe(true);
  });

  it("a reset mid-body is a network error naming its cause; a GET is retried, a POST is not", async () => {
    const server = await startServer((request, response) => {
      response.writeHead(200, { ...json, "content-length": "1000" });
      response.write('{"id":', () => request.socket.destroy());
    });
    const { send } = kit({ baseUrl: server.url }, { retry: { maxAttempts: 3, baseDelayMs: 1 } });
    const error = await failure(send("/x"));
    expect(error).toBeInstanceOf(KitNetworkError);
    expect(error).not.toBeInstanceOf(KitTimeoutError);
    expect(error.message).toMatch(/^GET \/v1\/things\/\{id\}: the request failed before a complete response arrived: \S/);
    expect(error.cause).toBeInstanceOf(Error);
    expect(server.requests).toHaveLength(3);
    expect(await failure(send("/x", { method: "POST", body: "{}" }))).toBeInstanceOf(KitNetworkError);
    expect(server.requests).toHaveLength(4);
  });

  it("a POST that times out is not sent again", async () => {
    const server = await startServer(() => {});
    const error = await failure(kit({ baseUrl: server.url, timeoutMs: 150 }, { retry: { maxAttempts: 3, baseDelayMs: 1 } }).send("/x", { method: "POST", body: "{}" }));
    expect(error).toBeInstanceOf(KitTimeoutError);
    expect(server.requests).toHaveLength(1);
  });

  it("a body over maxResponseBytes is a response error, read no further and not retried", async () => {
    let written = 0;
    const server = await startServer((_request, response) => {
      response.writeHead(200, json);
      const chunk = Buffer.alloc(64 * 1024, 32);
      const pump = () => {
        while (!response.destroyed && written < 100 * 1024 * 1024 && response.write(chunk)) written += chunk.length;
        if (!response.destroyed && written < 100 * 1024 * 1024) response.once("drain", pump);
      };
      pump();
    });
    const error = await failure(kit({ baseUrl: server.url, maxResponseBytes: 256 * 1024 }, { retry: { maxAttempts: 3 } }).send("/x"));
    expect(error).toBeInstanceOf(KitResponseError);
    expect(error).toMatchObject({ message: "GET /v1/things/{id}: 200 response body larger than 262144 bytes", status: 200 });
    expect(server.requests).toHaveLength(1);
    await expect.poll(() => server.allRequestConnectionsClosed(), { timeout: 1000 }).toBe(true);
    expect(written).toBeLessThan(16 * 1024 * 1024);
  });

  it("a gzip bomb with an honest Content-Length is a response error, capped as it inflates", async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
    const server = await startServer((_request, response) => {
      response.writeHead(200, { ...json, "content-encoding": "gzip", "content-length": String(bomb.length) });
      response.end(bomb);
    });
    const before = process.memoryUsage().rss;
    const error = await failure(kit({ baseUrl: server.url, maxResponseBytes: 1024 * 1024 }).send("/x"));
    expect(error).toBeInstanceOf(KitResponseError);
    expect(error.message).toBe("GET /v1/things/{id}: 200 response body larger than 1048576 bytes");
    expect(process.memoryUsage().rss - before).toBeLessThan(48 * 1024 * 1024);
  });

  it.each([
    ["undefined", undefined],
    ["a string", "HTTP/1.1 200 OK"],
    ["an object", { status: 200 }],
  ])("a fetch returning %s is a network error of the family, not retried", async (_what, value) => {
    let calls = 0;
    const fetch = (() => (calls++, value)) as unknown as FetchLike;
    const error = await failure(kit({ fetch }, { retry: { maxAttempts: 3 } }).send("/x"));
    expect(error).toBeInstanceOf(KitNetworkError);
    expect(error.message).toBe("GET /v1/things/{id}: fetch returned something other than a Response");
    expect(calls).toBe(1);
  });

  it("a fetch that ignores the signal cannot hang the call past its deadline", async () => {
    const fetch: FetchLike = () => new Promise<Response>(() => {});
    const started = Date.now();
    expect(await failure(kit({ fetch, timeoutMs: 150 }).send("/x"))).toBeInstanceOf(KitTimeoutError);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe("redirects are never followed", () => {
  it.each([301, 302, 303, 307, 308])("a %i to another origin: nothing reaches it, the custom credential included, and nothing is retried", async (status) => {
    const elsewhere = await startServer((_request, response) => response.end("{}"));
    const target = `${elsewhere.url.replace("127.0.0.1", "localhost")}/steal?key=${encodeURIComponent(API_KEY)}&t=${TOKEN}#frag`;
    const server = await startServer((_request, response) => response.writeHead(status, { location: target }).end());
    const { token } = tokenFunction();
    const error = await failure(kit({ baseUrl: server.url }, { token, retry: { maxAttempts: 3, baseDelayMs: 1 } }).send("/x", { method: "PUT", body: "{}" }));
    expect(error).toBeInstanceOf(KitResponseError);
    expect(error).toMatchObject({ status });
    expect(error.message).toBe(`GET /v1/things/{id}: ${status} redirect to ${new URL(target).origin}/steal not followed`);
    expect(everyView(error)).not.toContain("key=");
    expectNoPartOf(SECRETS, everyView(error));
    expect(elsewhere.requests).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it("a Location carrying the credentials in its host, path or user info shows none of them", async () => {
    const host = "q7xk2m9rtz4wbv8n3hjd"; // a secret a host name can hold, lower-cased as URLs write hosts
    for (const location of [
      `http://${API_KEY.slice(9, 30)}.attacker.example/x`,
      `http://127.0.0.1:1/${encodeURIComponent(API_KEY)}/${TOKEN}`,
      `http://${encodeURIComponent(TOKEN)}:${encodeURIComponent(API_KEY)}@attacker.example/`,
      `http://${host.toUpperCase()}.attacker.example/`,
      `/${TOKEN.slice(4, 30)}`,
    ]) {
      const server = await startServer((_request, response) => response.writeHead(302, { location }).end());
      const redactor = createRedactor([API_KEY, host.toUpperCase()]);
      const transport = createTransport({ baseUrl: server.url }, { defaultBaseUrl: server.url, product: "kit-test/1.0.0", errors: kitErrors, redact: redactor.redact, learnSecret: redactor.add, token: () => TOKEN });
      const error = await failure(transport.send(new Request(`${server.url}/x`), OP, undefined));
      expect(error).toBeInstanceOf(KitResponseError);
      expect(error.message).toMatch(/^GET \/v1\/things\/\{id\}: 302 redirect to .* not followed$/);
      expectNoPartOf([...SECRETS, host, host.toUpperCase()], everyView(error));
      await server.close();
    }
  });

  it.each([
    ["without a Location", undefined],
    ["with a Location that is no URL", "http://[::1"],
  ])("a redirect %s names its status alone", async (_what, location) => {
    const server = await startServer((_request, response) => response.writeHead(307, location ? { location } : {}).end());
    const error = await failure(kit({ baseUrl: server.url }).send("/x"));
    expect(error).toMatchObject({ message: "GET /v1/things/{id}: 307 redirect not followed", status: 307 });
  });
});

describe("credentials echoed back", () => {
  it("a custom fetch that throws with the headers in its message, cause, code, name and fields leaks nothing", async () => {
    const fetch: FetchLike = async (request) => {
      const headers = JSON.stringify(Object.fromEntries(request.headers));
      throw Object.assign(new Error(`refused ${headers}`, { cause: Object.assign(new Error(`auth ${request.headers.get("authorization")}`), { code: request.headers.get("x-api-key") }) }), {
        name: `Err ${request.headers.get("x-api-key")}`,
        headers: Object.fromEntries(request.headers),
        request,
      });
    };
    const { token } = tokenFunction();
    const error = await failure(kit({ fetch }, { token }).send("/x"));
    expect(error).toBeInstanceOf(KitNetworkError);
    expect(error.message).toContain(REDACTED);
    expectNoPartOf(SECRETS, everyView(error));
  });

  it("a server answering with a broken response that echoes the request (the parser keeps the bytes) leaks nothing", async () => {
    const server = await startRequestEchoServer();
    const { token } = tokenFunction();
    const error = await failure(kit({ baseUrl: server.url }, { token }).send("/x"));
    expect(error).toBeInstanceOf(KitNetworkError);
    expect(error.message).toMatch(/the request failed before a complete response arrived: fetch failed: Response does not match the HTTP\/1\.1 protocol/);
    expectNoPartOf(SECRETS, everyView(error));
  });

  it("a token issued during the call (not known beforehand) is redacted from the error it ends in", async () => {
    const issued = "tok_issued_later_7c1e9a3b5d2f8e4a";
    const server = await startServer((_request, response) => response.writeHead(302, { location: `http://127.0.0.1:1/${issued}` }).end());
    const { token } = tokenFunction([issued]);
    const error = await failure(kit({ baseUrl: server.url }, { token }).send("/x"));
    expect(error.message).toBe(`GET /v1/things/{id}: 302 redirect to http://127.0.0.1:1/${REDACTED} not followed`);
    expectNoPartOf([issued], everyView(error));
  });
});

describe("the caller's signal", () => {
  it("aborting during the attempt rejects with its reason, and the connection is closed", async () => {
    const server = await startServer(() => {});
    const controller = new AbortController();
    const reason = new Error("the caller gave up");
    setTimeout(() => controller.abort(reason), 100);
    await expect(kit({ baseUrl: server.url }, { retry: { maxAttempts: 3 } }).send("/x", {}, controller.signal)).rejects.toBe(reason);
    expect(server.requests).toHaveLength(1);
    await expect.poll(() => server.allRequestConnectionsClosed(), { timeout: 1000 }).toBe(true);
  });

  it("aborting during the retry wait rejects at once with its reason, and nothing more is sent", async () => {
    const server = await startServer((_request, response) => response.writeHead(503, { "retry-after": "10" }).end());
    const controller = new AbortController();
    const reason = new Error("the caller gave up");
    const call = kit({ baseUrl: server.url }, { retry: { maxAttempts: 3, maxDelayMs: 60_000 } }).send("/x", {}, controller.signal);
    await expect.poll(() => server.requests.length).toBe(1);
    const started = Date.now();
    controller.abort(reason);
    await expect(call).rejects.toBe(reason);
    expect(Date.now() - started).toBeLessThan(500);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.requests).toHaveLength(1);
  });

  it("a signal aborted before the call sends nothing", async () => {
    const server = await startServer((_request, response) => response.end("{}"));
    const reason = new Error("gone already");
    await expect(kit({ baseUrl: server.url }, { token: tokenFunction().token }).send("/x", {}, AbortSignal.abort(reason))).rejects.toBe(reason);
    expect(server.requests).toEqual([]);
  });
});

describe("Retry-After and the retry budget (a fake clock)", () => {
  const NOW = Date.parse("2024-01-15T10:30:00.000Z");
  const settle = <T>(promise: Promise<T>) =>
    promise.then(
      (value) => ({ value, error: undefined }),
      (error: unknown) => ({ value: undefined, error }),
    );
  const answer = (status: number, headers: Record<string, string> = {}) => new Response(status === 200 ? "{}" : null, { status, headers });

  it.each([
    ["seconds", () => "2", 2000],
    ["an HTTP date", () => new Date(NOW + 5000).toUTCString(), 5000],
  ])("waits what Retry-After says in %s, not a millisecond less", async (_form, header, waitMs) => {
    vi.useFakeTimers({ now: NOW });
    const retryAfter = header();
    const { fetch, requests } = fakeFetch((call) => (call === 1 ? answer(429, { "retry-after": retryAfter }) : answer(200)));
    const result = settle(kit({ fetch }, { retry: { maxAttempts: 2 } }).send("/x"));
    await vi.advanceTimersByTimeAsync(waitMs - 1);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect((await result).value?.status).toBe(200);
    expect(requests).toHaveLength(2);
  });

  it.each(["soon", "-1", "1.5", "Mon, 15 Jan 2024 10:30:05 UTC"])("a garbage Retry-After %j falls back to backoff", async (retryAfter) => {
    vi.useFakeTimers({ now: NOW });
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    const { fetch, requests } = fakeFetch((call) => (call === 1 ? answer(503, { "retry-after": retryAfter }) : answer(200)));
    const result = settle(kit({ fetch }, { retry: { maxAttempts: 2, baseDelayMs: 400 } }).send("/x"));
    await vi.advanceTimersByTimeAsync(199);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect((await result).value?.status).toBe(200);
  });

  it.each(["31", "99999999999", "9".repeat(400), "Fri, 31 Dec 9999 23:59:59 GMT"])("a Retry-After of %s past maxDelayMs is not waited: the answer comes at once", async (retryAfter) => {
    vi.useFakeTimers({ now: NOW });
    const { fetch, requests } = fakeFetch(() => answer(503, { "retry-after": retryAfter }));
    const result = settle(kit({ fetch }, { retry: { maxAttempts: 3, maxDelayMs: 30_000 } }).send("/x"));
    await vi.advanceTimersByTimeAsync(0);
    expect((await result).value?.status).toBe(503);
    expect(requests).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("the waits of one call add up within maxDelayMs: 2 s, 2 s, then the third answer rather than a wait to 6 s", async () => {
    vi.useFakeTimers({ now: NOW });
    const { fetch, requests } = fakeFetch(() => answer(429, { "retry-after": "2" }));
    const result = settle(kit({ fetch }, { retry: { maxAttempts: 10, maxDelayMs: 5000 } }).send("/x"));
    await vi.advanceTimersByTimeAsync(4000);
    expect((await result).value?.status).toBe(429);
    expect(requests).toHaveLength(3);
  });

  it("no timer longer than 2^31-1 ms, with the largest budget and backoff a policy allows", async () => {
    vi.useFakeTimers({ now: NOW });
    vi.spyOn(Math, "random").mockReturnValue(0.999999999);
    const timers = vi.spyOn(globalThis, "setTimeout");
    const { fetch } = fakeFetch(() => answer(503));
    const controller = new AbortController();
    const result = settle(kit({ fetch }, { retry: { maxAttempts: 100, maxDelayMs: MAX_TIMER_MS, baseDelayMs: MAX_TIMER_MS } }).send("/x", {}, controller.signal));
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    await result;
    const delays = timers.mock.calls.map((call) => call[1] ?? 0);
    expect(delays.length).toBeGreaterThan(0);
    for (const delay of delays) expect(delay).toBeLessThanOrEqual(MAX_TIMER_MS);
  });
});
