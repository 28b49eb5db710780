import { describe, expect, it } from "vitest";
import {
  ParchmentApiError,
  ParchmentAuthenticationError,
  ParchmentBadRequestError,
  ParchmentConflictError,
  ParchmentError,
  ParchmentNetworkError,
  ParchmentNotFoundError,
  ParchmentPermissionError,
  ParchmentRateLimitError,
  ParchmentResponseError,
  ParchmentServerError,
  ParchmentTimeoutError,
  ParchmentValidationError,
  type ParchmentClientOptions,
} from "../../src/index.js";
import { failure, testClient } from "../support/client.js";
import { ORG, json, problem, success, type Handler } from "../support/fake-fetch.js";

const clientWith = (handler: Handler, extra: Partial<ParchmentClientOptions> = {}) => testClient(handler, { retry: false, ...extra }).client;

const USER_PATH = "PUT /v1/organizations/{organization_id}/users/{user_id}";


describe("errors", () => {
  it("a documented error is a ParchmentApiError with every problem field", async () => {
    const validation = [{ field: "provider_details.qualifications", message: "required", code: "VALIDATION_ERROR" }];
    const client = clientWith(() =>
      problem(
        422,
        { type: "https://parchment.health/errors/validation-error", title: "Validation failed", detail: "There were some problems with your input.", validation },
        { code: "VALIDATION_ERROR", requestId: "req_1705312200000_def456" },
      ),
    );
    const error = await failure(client.users.update("usr_1", { full_name: "x" }));
    expect(error).toBeInstanceOf(ParchmentValidationError);
    expect(error).toMatchObject({
      status: 422,
      type: "https://parchment.health/errors/validation-error",
      title: "Validation failed",
      detail: "There were some problems with your input.",
      validation,
      requestId: "req_1705312200000_def456",
      code: "VALIDATION_ERROR",
      retryAfter: undefined,
      method: "PUT",
      path: "/v1/organizations/{organization_id}/users/{user_id}",
    });
    expect(error.message).toBe(
      `${USER_PATH}: 422 Validation failed: There were some problems with your input. (requestId req_1705312200000_def456)`,
    );
  });

  it("retryAfter is read from the header, in milliseconds", async () => {
    const client = clientWith(() => problem(429, { title: "Too Many Requests" }, {}, { "retry-after": "7" }));
    expect(await failure(client.users.get("usr_1"))).toMatchObject({ status: 429, retryAfter: 7000 });
  });

  it("a network failure is a ParchmentNetworkError naming its cause, which it keeps as a copy (name, code, message)", async () => {
    const client = clientWith(() => {
      throw Object.assign(new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" }) }), {
        request: "the raw object, which may hold headers",
      });
    });
    const error = await failure(client.users.get("usr_1"));
    expect(error).toBeInstanceOf(ParchmentNetworkError);
    expect(error.message).toBe(
      "GET /v1/organizations/{organization_id}/users/{user_id}: the request failed before a complete response arrived: fetch failed: connect ECONNREFUSED 127.0.0.1:9",
    );
    const cause = error.cause as Error & { code?: string; request?: unknown };
    expect([cause.name, cause.message, cause.request]).toEqual(["TypeError", "fetch failed", undefined]);
    expect((cause.cause as Error & { code?: string }).code).toBe("ECONNREFUSED");
  });

  it("no answer within timeoutMs is a ParchmentTimeoutError, which is a ParchmentNetworkError", async () => {
    const client = clientWith(() => new Promise<Response>(() => {}), { timeoutMs: 20 });
    const error = await failure(client.users.get("usr_1"));
    expect(error).toBeInstanceOf(ParchmentTimeoutError);
    expect(error).toBeInstanceOf(ParchmentNetworkError);
    expect(error).toMatchObject({ timeoutMs: 20 });
    expect(error.message).toBe("GET /v1/organizations/{organization_id}/users/{user_id}: no complete response within 20 ms");
  });

  it.each([
    [400, ParchmentBadRequestError],
    [401, ParchmentAuthenticationError],
    [403, ParchmentPermissionError],
    [404, ParchmentNotFoundError],
    [409, ParchmentConflictError],
    [422, ParchmentValidationError],
    [429, ParchmentRateLimitError],
    [500, ParchmentServerError],
    [503, ParchmentServerError],
    [418, ParchmentApiError],
  ])("a %i with problem details is a %o", async (status, ErrorClass) => {
    const error = await failure(clientWith(() => problem(status)).users.get("usr_1"));
    expect(error.constructor).toBe(ErrorClass);
    expect(error.name).toBe(ErrorClass.name);
    expect(error).toBeInstanceOf(ParchmentApiError);
    expect(error).toMatchObject({ status });
  });

  it.each([
    ["null", null],
    ["absent", undefined],
  ])("a success whose data is %s is a ParchmentResponseError, not a value", async (_name, data) => {
    const error = await failure(clientWith(() => json(200, { success: true, data, requestId: "req_n" })).users.get("usr_1"));
    expect(error).toBeInstanceOf(ParchmentResponseError);
    expect(error.message).toMatch(/200 success envelope has (null|no) data \(requestId req_n\)$/);
  });

  it("reads problem details sent as application/problem+json", async () => {
    const error = await failure(clientWith(() => problem(404, {}, {}, { "content-type": "application/problem+json; charset=utf-8" })).users.get("usr_1"));
    expect(error).toBeInstanceOf(ParchmentApiError);
  });

  it("takes a body typed text/json for what its Content-Type says, not JSON (as verify does)", async () => {
    const error = await failure(clientWith(() => new Response("{}", { headers: { "content-type": "text/json" } })).users.get("usr_1"));
    expect(error).toBeInstanceOf(ParchmentResponseError);
    expect(error.message).toMatch(/200 expected a JSON body, got text\/json$/);
  });

  it("a response that arrives after the timeout is let go quietly, even when its body has failed", async () => {
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on("unhandledRejection", onRejection);
    try {
      // Cancelling an errored body rejects: the client must not leave that rejection unhandled.
      const broken = () => new Response(new ReadableStream({ start: (controller) => controller.error(new Error("stream broke")) }));
      const client = clientWith(() => new Promise<Response>((resolve) => setTimeout(() => resolve(broken()), 40)), { timeoutMs: 10 });
      expect(await failure(client.users.get("usr_1"))).toBeInstanceOf(ParchmentTimeoutError);
      await new Promise((resolve) => setTimeout(resolve, 80));
      expect(rejections).toEqual([]);
    } finally {
      process.off("unhandledRejection", onRejection);
    }
  });

  it("a fetch that returns something other than a Response fails the call with a ParchmentNetworkError", async () => {
    for (const value of ["not a response", undefined, { status: 200 }, Promise.resolve(42)]) {
      const client = clientWith(() => value as never, { timeoutMs: 10 });
      const error = await failure(client.users.get("usr_1"));
      expect(error).toBeInstanceOf(ParchmentNetworkError);
      expect(error.message).toMatch(/fetch returned something other than a Response$/);
    }
  });

  it.each([
    ["an HTML page from a proxy", () => new Response("<html><body>502 Bad Gateway</body></html>", { status: 502, headers: { "content-type": "text/html" } }), /502 expected a JSON body, got text\/html/],
    ["a 200 typed application/json-seq", () => new Response("{}", { status: 200, headers: { "content-type": "application/json-seq" } }), /200 expected a JSON body, got application\/json-seq/],
    ["a 200 that is not JSON", () => new Response("OK", { status: 200, headers: { "content-type": "text/plain" } }), /200 expected a JSON body, got text\/plain/],
    ["a body labelled JSON that does not parse", () => new Response("{not json", { status: 200, headers: { "content-type": "application/json" } }), /200 body is not valid JSON/],
    ["a success without the envelope", () => json(200, { user_id: "usr_1" }), /200 response has no success envelope/],
    ["an error without problem details", () => json(500, { message: "boom", requestId: "req_x" }), /500 error response has no problem details envelope \(requestId req_x\)/],
    ["an error with a plain-text JSON body", () => json(403, "Forbidden"), /403 error response has no problem details envelope$/],
  ])("%s is a ParchmentResponseError", async (_name, respond, message) => {
    const client = clientWith(respond);
    const error = await failure(client.users.get("usr_1"));
    expect(error).toBeInstanceOf(ParchmentResponseError);
    expect(error.message).toMatch(/^GET \/v1\/organizations\/\{organization_id\}\/users\/\{user_id\}: /);
    expect(error.message).toMatch(message);
  });

  it("every failure of a call is a ParchmentError: problem, no envelope, bad JSON, network, timeout", async () => {
    const handlers: Handler[] = [
      () => problem(404),
      () => json(500, "boom"),
      () => new Response("{", { headers: { "content-type": "application/json" } }),
      () => Promise.reject(new TypeError("fetch failed")),
      () => new Promise<Response>(() => {}),
      () => success(null),
    ];
    for (const handler of handlers) {
      const error = await failure(clientWith(handler, { timeoutMs: 20 }).users.get("usr_1"));
      expect(error).toBeInstanceOf(ParchmentError);
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toMatch(/^Parchment\w+Error$/);
    }
  });

  it("a caller's abort is passed through as the abort, not wrapped", async () => {
    const controller = new AbortController();
    const client = clientWith(() => new Promise<Response>(() => {}));
    const call = client.users.get("usr_1", { signal: controller.signal });
    controller.abort();
    const error = await failure(call);
    expect(error).not.toBeInstanceOf(ParchmentError);
    expect((error as Error).name).toBe("AbortError");
  });
});

describe("errors from raw", () => {
  it("a network failure under client.raw names the method and the path template", async () => {
    const client = clientWith(() => {
      throw new TypeError("fetch failed");
    });
    const call = client.raw.GET("/v1/organizations/{organization_id}/users/{user_id}", {
      params: { path: { organization_id: ORG, user_id: "usr_1" } },
    });
    await expect(call).rejects.toThrow("GET /v1/organizations/{organization_id}/users/{user_id}: the request failed before a complete response arrived: fetch failed");
    await expect(call).rejects.toBeInstanceOf(ParchmentNetworkError);
  });
});
