// One attempt on its own, on real sockets (127.0.0.1) and with fetches that misbehave: one
// deadline over the headers and the whole body, a size cap, no redirect followed, the
// caller's abort passed on as its reason, and a failure for whatever a fetch returns.
import net, { type AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { MAX_TIMER_MS, attempt, jsonBodyOf, type AttemptLimits, type AttemptRequest, type AttemptResult, type FetchLike } from "contract-kit/http";
import { closeAllServers, startFloodingServer, startServer } from "contract-kit/test-support";

afterEach(closeAllServers);

const rawServers: net.Server[] = [];
afterEach(async () => {
  await Promise.all(rawServers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A TCP server on 127.0.0.1 that answers every request's bytes with `answer(socket)`. */
async function rawServer(answer: (socket: net.Socket) => void): Promise<string> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.once("data", () => answer(socket));
  });
  server.on("close", () => sockets.forEach((socket) => socket.destroy()));
  const close = server.close.bind(server);
  server.close = (callback?: (error?: Error) => void) => (sockets.forEach((socket) => socket.destroy()), close(callback));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  rawServers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const get = (url: string, init: Partial<AttemptRequest> = {}): AttemptRequest => ({ url, method: "GET", headers: new Headers(), ...init });
const limits = (overrides: Partial<AttemptLimits> = {}): AttemptLimits => ({ timeoutMs: 5000, maxBytes: 1024 * 1024, ...overrides });
const realFetch: FetchLike = (request) => globalThis.fetch(request);
const text = (result: AttemptResult) => result.response!.text();

/** A fetch that returns `value` as it is, whatever it is. */
const returning = (value: unknown): FetchLike => (() => value) as unknown as FetchLike;

describe("a complete response", () => {
  it("is handed on with its status, headers and body, and the request went out as given", async () => {
    const server = await startServer((_request, response, body) => {
      response.writeHead(201, "Made It", { "content-type": "application/json", "x-seen": body });
      response.end('{"ok":true}');
    });
    const result = await attempt(
      realFetch,
      get(`${server.url}/things?x=1`, { method: "POST", headers: new Headers({ "x-api-key": "k-123456789" }), body: new TextEncoder().encode("hello").buffer }),
      limits(),
    );
    expect(result.failure).toBeUndefined();
    expect(result.response!.status).toBe(201);
    expect(result.response!.headers.get("x-seen")).toBe("hello");
    expect(await text(result)).toBe('{"ok":true}');
    expect(server.requests).toMatchObject([{ method: "POST", url: "/things?x=1", body: "hello", headers: { "x-api-key": "k-123456789" } }]);
  });

  it("is read within the cap exactly: a body of maxBytes is whole, one byte more is too large", async () => {
    const server = await startServer((_request, response) => response.end("x".repeat(100)));
    expect(await text(await attempt(realFetch, get(server.url), limits({ maxBytes: 100 })))).toBe("x".repeat(100));
    expect(await attempt(realFetch, get(server.url), limits({ maxBytes: 99 }))).toEqual({ failure: "too-large", status: 200 });
  });

  it("a character split between two chunks is decoded whole, and the platform Response made from it reads the same", async () => {
    const url = await rawServer((socket) => {
      const body = Buffer.from('{"name":"Zoë 🩺"}');
      const cut = body.indexOf(Buffer.from("🩺")) + 2; // inside the four bytes of the emoji
      socket.write(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n`);
      socket.write(body.subarray(0, cut));
      setTimeout(() => socket.end(body.subarray(cut)), 30);
    });
    const result = await attempt(realFetch, get(url), limits());
    expect(await text(result)).toBe('{"name":"Zoë 🩺"}');
    expect(await jsonBodyOf(result.response!)).toEqual({ json: { name: "Zoë 🩺" } });
    expect(await result.response!.toResponse().json()).toEqual({ name: "Zoë 🩺" });
  });

  it.each([204, 205, 304])("a %i (a status that cannot have a body) is a response, not a TypeError", async (status) => {
    const server = await startServer((_request, response) => response.writeHead(status).end());
    const result = await attempt(realFetch, get(server.url), limits());
    expect(result.response?.status).toBe(status);
    expect(result.response?.bytes.byteLength).toBe(0);
    expect(result.response?.toResponse().body).toBeNull();
  });

  it("a reason phrase outside Latin-1 is no TypeError: the status is what counts", async () => {
    const url = await rawServer((socket) =>
      socket.end("HTTP/1.1 503 服务不可用\r\ncontent-type: application/json\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}"),
    );
    const result = await attempt(realFetch, get(url), limits());
    expect(result.response?.status).toBe(503);
    expect(await text(result)).toBe("{}");
  });

  it("a redirect is handed back, not followed: its Location receives nothing, custom credentials included", async () => {
    const elsewhere = await startServer((_request, response) => response.end("stolen"));
    for (const status of [301, 302, 303, 307, 308]) {
      const server = await startServer((_request, response) => response.writeHead(status, { location: `${elsewhere.url}/steal` }).end());
      const headers = new Headers({ authorization: "Bearer tok-0123456789abcdef", "x-api-key": "sk_live_0123456789abcdef" });
      const result = await attempt(realFetch, get(server.url, { method: "PUT", headers, body: new ArrayBuffer(3) }), limits());
      expect(result.response?.status).toBe(status);
      expect(result.response?.headers.get("location")).toBe(`${elsewhere.url}/steal`);
      expect(server.requests).toHaveLength(1);
    }
    expect(elsewhere.requests).toEqual([]);
  });
});

describe("one deadline over the headers and the whole body", () => {
  it("headers then a stalled body: a timeout with the status that came, and the request's connection closed", async () => {
    const server = await startServer((_request, response) => {
      response.writeHead(200, { "content-type": "application/json", "content-length": "100" });
      response.write('{"users":[');
    });
    const started = Date.now();
    const result = await attempt(realFetch, get(server.url), limits({ timeoutMs: 250 }));
    expect(result).toEqual({ failure: "timeout", status: 200 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
    expect(Date.now() - started).toBeLessThan(1500);
    await expect.poll(() => server.allRequestConnectionsClosed(), { timeout: 1000 }).toBe(true);
  });

  it("no headers ever: a timeout without a status, and the connection closed", async () => {
    const server = await startServer(() => {});
    const result = await attempt(realFetch, get(server.url), limits({ timeoutMs: 200 }));
    expect(result).toEqual({ failure: "timeout", status: undefined });
    await expect.poll(() => server.allRequestConnectionsClosed(), { timeout: 1000 }).toBe(true);
  });

  it("a body dripping a byte at a time times out at the deadline, not after its last byte", async () => {
    let written = 0;
    const server = await startServer((_request, response) => {
      response.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
      const drip = setInterval(() => {
        if (written >= 1000 || response.destroyed) return clearInterval(drip);
        response.write("x");
        written++;
      }, 10);
      response.on("close", () => clearInterval(drip));
    });
    const started = Date.now();
    const result = await attempt(realFetch, get(server.url), limits({ timeoutMs: 300 }));
    expect(result).toEqual({ failure: "timeout", status: 200 });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(written).toBeLessThan(200); // the whole body would take 10 s
    await expect.poll(() => server.allRequestConnectionsClosed(), { timeout: 1000 }).toBe(true);
  });

  it("a deadline past what a timer can hold does not overflow into a 1 ms timeout", async () => {
    const server = await startServer((_request, response) => setTimeout(() => response.end("late but fine"), 100));
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on("warning", onWarning);
    try {
      for (const timeoutMs of [MAX_TIMER_MS, 2 ** 31, 2 ** 32 + 1]) {
        const result = await attempt(realFetch, get(server.url), limits({ timeoutMs }));
        expect(result.failure, `timeoutMs ${timeoutMs}`).toBeUndefined();
        expect(await text(result)).toBe("late but fine");
      }
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((warning) => warning.name === "TimeoutOverflowWarning")).toEqual([]);
    } finally {
      process.off("warning", onWarning);
    }
  });

  it("a fetch that ignores the signal and never answers still times out at the deadline", async () => {
    const started = Date.now();
    const result = await attempt(() => new Promise<Response>(() => {}), get("http://127.0.0.1:1/"), limits({ timeoutMs: 150 }));
    expect(result).toEqual({ failure: "timeout", status: undefined });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("a fetch that ignores the signal, with a body that never ends, still times out at the deadline", async () => {
    const endless = () => Promise.resolve(new Response(new ReadableStream({ pull: () => new Promise<void>(() => {}) }), { status: 200 }));
    const started = Date.now();
    const result = await attempt(endless, get("http://127.0.0.1:1/"), limits({ timeoutMs: 150 }));
    expect(result).toEqual({ failure: "timeout", status: 200 });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe("bodies that break or overflow", () => {
  it("a reset mid-body is a network failure with its cause and the status that came, not a timeout", async () => {
    const server = await startServer((request, response) => {
      response.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
      response.write('{"user_id":', () => request.socket.destroy());
    });
    const result = await attempt(realFetch, get(server.url), limits());
    expect(result).toMatchObject({ failure: "network", status: 200 });
    expect((result as { cause?: unknown }).cause).toBeInstanceOf(Error);
  });

  it("a refused connection is a network failure without a status", async () => {
    const url = await rawServer(() => {});
    const port = new URL(url).port;
    await new Promise((resolve) => rawServers.pop()!.close(resolve));
    const result = await attempt(realFetch, get(`http://127.0.0.1:${port}/`), limits());
    expect(result).toMatchObject({ failure: "network", status: undefined });
    expect(((result as { cause?: unknown }).cause as Error).name).toBe("TypeError"); // undici's "fetch failed", its socket error as cause
  });

  it("a reply that is not HTTP at all is a network failure", async () => {
    const url = await rawServer((socket) => socket.end("SSH-2.0-OpenSSH_9.6\r\n"));
    expect(await attempt(realFetch, get(url), limits())).toMatchObject({ failure: "network", status: undefined });
  });

  it("a streamed body over the cap is too large, read no further, and its connection is closed", async () => {
    const server = await startFloodingServer();
    expect(await attempt(realFetch, get(server.url), limits({ maxBytes: 256 * 1024 }))).toEqual({ failure: "too-large", status: 200 });
    await expect.poll(() => server.allRequestConnectionsClosed(), { timeout: 1000 }).toBe(true);
    expect(server.written()).toBeLessThan(16 * 1024 * 1024);
  });

  it("a declared Content-Length over the cap is refused before any of the body is read", async () => {
    const server = await startServer((_request, response) => {
      response.writeHead(200, { "content-length": String(500 * 1024 * 1024) });
      response.write("x");
    });
    expect(await attempt(realFetch, get(server.url), limits({ maxBytes: 1000 }))).toEqual({ failure: "too-large", status: 200 });
    await expect.poll(() => server.allRequestConnectionsClosed(), { timeout: 1000 }).toBe(true);
  });

  it("a gzip bomb with an honest Content-Length is capped as it inflates", async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
    const server = await startServer((_request, response) => {
      response.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip", "content-length": String(bomb.length) });
      response.end(bomb);
    });
    const before = process.memoryUsage().rss;
    expect(await attempt(realFetch, get(server.url), limits({ maxBytes: 1024 * 1024 }))).toEqual({ failure: "too-large", status: 200 });
    expect(process.memoryUsage().rss - before).toBeLessThan(48 * 1024 * 1024);
  });

  it("a fetch whose Response understates its Content-Length is capped all the same", async () => {
    const liar: FetchLike = async () => new Response("x".repeat(5 * 1024 * 1024), { headers: { "content-length": "10" } });
    expect(await attempt(liar, get("http://127.0.0.1:1/"), limits({ maxBytes: 1024 }))).toEqual({ failure: "too-large", status: 200 });
  });
});

describe("the caller's signal", () => {
  it("aborting while the headers are awaited rejects with its reason at once, and the connection is closed", async () => {
    const server = await startServer(() => {});
    const controller = new AbortController();
    const reason = new Error("the caller gave up");
    setTimeout(() => controller.abort(reason), 100);
    const started = Date.now();
    await expect(attempt(realFetch, get(server.url), limits({ signal: controller.signal }))).rejects.toBe(reason);
    expect(Date.now() - started).toBeLessThan(1000);
    await expect.poll(() => server.allRequestConnectionsClosed(), { timeout: 1000 }).toBe(true);
  });

  it("aborting mid-body rejects with its reason, not as a network failure or a timeout", async () => {
    const server = await startServer((_request, response) => {
      response.writeHead(200, { "content-length": "100" });
      response.write("{");
    });
    const controller = new AbortController();
    const reason = new DOMException("stop", "AbortError");
    setTimeout(() => controller.abort(reason), 100);
    await expect(attempt(realFetch, get(server.url), limits({ timeoutMs: 5000, signal: controller.signal }))).rejects.toBe(reason);
    await expect.poll(() => server.allRequestConnectionsClosed(), { timeout: 1000 }).toBe(true);
  });

  it("aborted before the attempt: rejects with its reason and sends nothing", async () => {
    const server = await startServer((_request, response) => response.end("x"));
    const reason = new Error("already gone");
    let called = 0;
    const counting: FetchLike = (request) => (called++, globalThis.fetch(request));
    await expect(attempt(counting, get(server.url), limits({ signal: AbortSignal.abort(reason) }))).rejects.toBe(reason);
    expect(server.requests).toEqual([]);
    expect(called).toBe(0);
  });

  it("is honoured by a fetch that ignores it", async () => {
    const controller = new AbortController();
    const reason = new Error("the caller gave up");
    setTimeout(() => controller.abort(reason), 50);
    await expect(attempt(() => new Promise<Response>(() => {}), get("http://127.0.0.1:1/"), limits({ signal: controller.signal }))).rejects.toBe(reason);
  });

  it("its own deadline still applies when the caller's signal never aborts", async () => {
    const server = await startServer(() => {});
    const result = await attempt(realFetch, get(server.url), limits({ timeoutMs: 150, signal: new AbortController().signal }));
    expect(result).toEqual({ failure: "timeout", status: undefined });
  });
});

describe("fetches that misbehave", () => {
  it.each([
    ["undefined", undefined],
    ["null", null],
    ["a number", 42],
    ["a string", "HTTP/1.1 200 OK"],
    ["a plain object", { ok: true }],
    ["an object with a status only", { status: 200 }],
    ["Response.error() (status 0)", Response.error()],
    ["a Response-like with status 101", { status: 101, headers: new Headers(), body: null }],
    ["a Response-like with status 600", { status: 600, headers: new Headers(), body: null }],
    ["a promise of a string", Promise.resolve("not a response")],
  ])("a fetch returning %s is not-a-response, not a crash", async (_what, value) => {
    expect(await attempt(returning(value), get("http://127.0.0.1:1/"), limits())).toEqual({ failure: "not-a-response" });
  });

  it("a fetch that throws synchronously is a network failure with what it threw as cause", async () => {
    const thrown = new Error("boom");
    const result = await attempt(
      () => {
        throw thrown;
      },
      get("http://127.0.0.1:1/"),
      limits(),
    );
    expect(result).toEqual({ failure: "network", cause: thrown, status: undefined });
  });

  it("a fetch that rejects with a non-Error is a network failure too", async () => {
    expect(await attempt(() => Promise.reject("nope"), get("http://127.0.0.1:1/"), limits())).toEqual({ failure: "network", cause: "nope", status: undefined });
  });

  it("a fetch is handed a Request that does not follow redirects and carries the deadline", async () => {
    let seen: Request | undefined;
    let abortedWith: unknown;
    // A fetch that answers only when its request's signal aborts: the deadline must reach it.
    const result = await attempt(
      (request) => {
        seen = request;
        expect(request.signal.aborted).toBe(false);
        return new Promise<Response>((_resolve, reject) => request.signal.addEventListener("abort", () => reject((abortedWith = request.signal.reason))));
      },
      get("http://127.0.0.1:1/x", { headers: new Headers({ "x-a": "1" }) }),
      limits({ timeoutMs: 100 }),
    );
    expect(result).toEqual({ failure: "timeout", status: undefined });
    expect(seen).toBeInstanceOf(Request);
    expect(seen!.redirect).toBe("manual");
    expect(seen!.headers.get("x-a")).toBe("1");
    expect((abortedWith as DOMException).name).toBe("TimeoutError");
  });

  it("the timer ends with the attempt: a deadline leaves nothing behind that keeps the process alive", async () => {
    const before = process.getActiveResourcesInfo().filter((name) => name === "Timeout").length;
    await attempt(async () => new Response("ok"), get("http://127.0.0.1:1/x"), limits({ timeoutMs: 600_000 }));
    expect(process.getActiveResourcesInfo().filter((name) => name === "Timeout").length).toBe(before);
  });

  it("a prepared Request (a CallRequest's) is sent as it is, and its controller aborts at the deadline", async () => {
    const controller = new AbortController();
    const request = new Request("http://127.0.0.1:1/x", { signal: controller.signal, redirect: "manual" });
    let seen: Request | undefined;
    const result = await attempt(
      (sent) => {
        seen = sent;
        return new Promise<Response>(() => {});
      },
      get("http://127.0.0.1:1/x"),
      limits({ timeoutMs: 100 }),
      { request, controller },
    );
    expect(result).toEqual({ failure: "timeout", status: undefined });
    expect(seen).toBe(request);
    expect(controller.signal.aborted).toBe(true);
    expect(request.signal.aborted).toBe(true);
  });
});
