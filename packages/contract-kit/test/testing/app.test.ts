// The reference-server skeleton with a tiny vendor of its own: errors as { why, detail }, a
// key header for authentication, one echo route and one route that throws.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Context } from "hono";
import { createReferenceApp, serveOnLoopback, userReader, type ReferenceAnswers, type ReferenceAppOptions } from "contract-kit/testing";

const answer = (c: Context, status: number, why: string, detail = why) => c.json({ why, detail }, status as 400);
const answers: ReferenceAnswers = {
  internalError: (c) => answer(c, 500, "internal"),
  notFound: (c) => answer(c, 404, "not-found"),
  fault: (c, status) => answer(c, status, "fault"),
  badRequest: (c, detail) => answer(c, 400, "bad-request", detail),
};

function tiny(options: Partial<ReferenceAppOptions> = {}) {
  const reference = createReferenceApp({ answers, ...options });
  reference.app.post("/v1/echo", async (c) => {
    const read = await reference.readJson(c);
    return "response" in read ? read.response : c.json({ echo: read.body }, 200);
  });
  reference.app.get("/v1/throw", () => {
    throw new Error("boom");
  });
  reference.app.get("/health", (c) => c.text("ok"));
  const send = async (path: string, init: RequestInit = {}) => {
    const response = await reference.fetch(new Request(`http://tiny.test${path}`, init));
    const text = await response.text();
    return { status: response.status, body: text.startsWith("{") ? JSON.parse(text) : text, headers: response.headers };
  };
  return { reference, send };
}

const json = (body: string): RequestInit => ({ method: "POST", headers: { "content-type": "application/json" }, body });

afterEach(() => {
  vi.restoreAllMocks();
});

describe("createReferenceApp", () => {
  it("answers an unknown route and a thrown error in the vendor's shape, logging the error", async () => {
    const { send } = tiny();
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await send("/v1/nothing")).toMatchObject({ status: 404, body: { why: "not-found" } });
    expect(await send("/v1/throw")).toMatchObject({ status: 500, body: { why: "internal" } });
    expect(logged).toHaveBeenCalledWith("reference server: boom");
  });

  it("reads a JSON body, and refuses one of another type, not JSON, too deep or with too long an array", async () => {
    const { send } = tiny();
    expect(await send("/v1/echo", json('{"a":[1]}'))).toMatchObject({ status: 200, body: { echo: { a: [1] } } });
    expect(await send("/v1/echo", { method: "POST", headers: { "content-type": "text/plain" }, body: "{}" })).toMatchObject({
      status: 400,
      body: { detail: "Content-Type must be application/json" },
    });
    expect((await send("/v1/echo", json("{"))).body.detail).toBe("The request body is not valid JSON");
    expect((await send("/v1/echo", json(`${"[".repeat(40)}${"]".repeat(40)}`))).body.detail).toBe("The request body is nested more than 32 deep");
    expect((await send("/v1/echo", json(JSON.stringify(Array(1001).fill(0))))).body.detail).toBe("The request body has an array of more than 1000 items");
  });

  it("refuses a body over 1 MB under the API path", async () => {
    const { send } = tiny();
    const answer = await send("/v1/echo", json(JSON.stringify({ a: "x".repeat(1024 * 1024) })));
    expect(answer).toMatchObject({ status: 400, body: { why: "bad-request", detail: "The request body is larger than 1 MB" } });
  });

  it("answers injected faults first under the API path, with Retry-After, then recovers", async () => {
    const { reference, send } = tiny();
    reference.failNext({ status: 503, times: 2, retryAfterSeconds: 7 });
    expect((await send("/health")).status).toBe(200);
    const first = await send("/v1/echo", json("{}"));
    expect([first.status, first.body.why, first.headers.get("retry-after")]).toEqual([503, "fault", "7"]);
    expect((await send("/v1/nothing")).status).toBe(503);
    expect((await send("/v1/echo", json("{}"))).status).toBe(200);
    reference.failNext({ status: 429 });
    expect([(await send("/v1/echo", json("{}"))).status, (await send("/v1/echo", json("{}"))).status]).toEqual([429, 200]);
  });

  it("refuses with a TypeError a fault it cannot answer with", () => {
    const { reference } = tiny();
    expect(() => reference.failNext({ status: 418 as 429 })).toThrow(new TypeError("failNext: status must be one of 429, 500, 502, 503, 504"));
    expect(() => reference.failNext({ status: 429, times: 0 })).toThrow(TypeError);
  });

  it("authenticates after a fault and before the body limit", async () => {
    const authenticate: ReferenceAppOptions["authenticate"] = async (c, next) => (c.req.header("x-key") === "k" ? next() : answer(c, 401, "who"));
    const { reference, send } = tiny({ authenticate });
    const large = json(JSON.stringify({ a: "x".repeat(1024 * 1024) }));
    expect(await send("/v1/echo", large)).toMatchObject({ status: 401, body: { why: "who" } });
    expect((await send("/v1/echo", { ...large, headers: { "content-type": "application/json", "x-key": "k" } })).status).toBe(400);
    reference.failNext({ status: 500 });
    expect((await send("/v1/echo", json("{}"))).status).toBe(500);
    expect((await send("/health")).status).toBe(200);
  });

  it("takes another API path", async () => {
    const reference = createReferenceApp({ answers, api: "/api/*" });
    reference.app.get("/api/ping", (c) => c.text("pong"));
    reference.failNext({ status: 502 });
    expect((await reference.fetch(new Request("http://tiny.test/api/ping"))).status).toBe(502);
    expect(await (await reference.fetch(new Request("http://tiny.test/api/ping"))).text()).toBe("pong");
  });

  it("takes faults over HTTP only when asked to", async () => {
    const off = tiny();
    expect((await off.send("/__reference/faults", json('{"status":429}'))).status).toBe(404);
    const { send } = tiny({ faultsEndpoint: true });
    expect(await send("/__reference/faults", json('{"status":504,"times":1}'))).toMatchObject({ status: 200, body: { fault: { status: 504, times: 1, retryAfterSeconds: 1 } } });
    expect((await send("/v1/echo", json("{}"))).status).toBe(504);
    expect(await send("/__reference/faults", json('{"status":504,"extra":1}'))).toMatchObject({ status: 400, body: { why: "bad-request" } });
    expect((await send("/__reference/faults", json("[1"))).body.detail).toBe("The request body is not valid JSON");
    expect((await send("/v1/echo", json("{}"))).status).toBe(200);
  });

  it("serves the docs page at /docs without credentials, / redirecting there, only when given one", async () => {
    const authenticate: ReferenceAppOptions["authenticate"] = async (c, next) => (c.req.header("x-key") === "k" ? next() : answer(c, 401, "who"));
    const { reference, send } = tiny({ authenticate, docsHtml: "<title>Tiny API</title>" });
    reference.failNext({ status: 503 });
    const docs = await send("/docs");
    expect([docs.status, docs.headers.get("content-type"), docs.body]).toEqual([200, "text/html; charset=UTF-8", "<title>Tiny API</title>"]);
    const root = await send("/", { redirect: "manual" });
    expect([root.status, root.headers.get("location")]).toEqual([302, "/docs"]);
    // The fault and the key are the API's: still there for it.
    expect((await send("/v1/echo", json("{}"))).status).toBe(503);
    expect((await send("/v1/echo", json("{}"))).status).toBe(401);
    const without = tiny();
    expect(await without.send("/docs")).toMatchObject({ status: 404, body: { why: "not-found" } });
    expect((await without.send("/")).status).toBe(404);
  });

  it("serves on a real socket: a chunked body over the limit and a fault", async () => {
    const { reference } = tiny();
    const server = await serveOnLoopback(reference);
    try {
      // No Content-Length: the limit counts the bytes as they stream in.
      const chunks = new ReadableStream({
        start(controller) {
          for (let i = 0; i < 17; i++) controller.enqueue(new TextEncoder().encode(`${i === 0 ? '{"a":"' : ""}${"x".repeat(64 * 1024)}`));
          controller.close();
        },
      });
      const response = await fetch(`${server.baseUrl}/v1/echo`, { method: "POST", headers: { "content-type": "application/json" }, body: chunks, duplex: "half" } as RequestInit);
      expect([response.status, (await response.json()).detail]).toEqual([400, "The request body is larger than 1 MB"]);
      server.failNext({ status: 502, retryAfterSeconds: 0 });
      const faulted = await fetch(`${server.baseUrl}/v1/echo`, json("{}"));
      expect([faulted.status, faulted.headers.get("retry-after"), await faulted.json()]).toEqual([502, "0", { why: "fault", detail: "fault" }]);
    } finally {
      await server.close();
    }
  });
});

describe("userReader", () => {
  it("gives a rendered copy, or undefined for an unknown id", () => {
    const users = new Map([["u1", { name: "Ada", roles: ["admin"] }]]);
    const read = userReader(users, (user) => ({ ...user, shown: true }));
    const copy = read("u1")!;
    copy.roles.push("changed");
    expect(read("u1")).toEqual({ name: "Ada", roles: ["admin"], shown: true });
    expect(users.get("u1")!.roles).toEqual(["admin"]);
    expect(read("u2")).toBeUndefined();
  });
});
