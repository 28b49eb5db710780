import { describe, expect, it } from "vitest";
import {
  createParchmentClient,
  ParchmentApiError,
  ParchmentError,
  ParchmentNetworkError,
  ParchmentResponseError,
  ParchmentTimeoutError,
} from "../../src/index.js";
import { BASE, ORG, ORG_SECRET, TOKEN, fakeFetch, json, problem, type Handler } from "../support/fake-fetch.js";

function clientWith(handler: Handler, extra: Record<string, unknown> = {}) {
  const fetch = fakeFetch(handler);
  return createParchmentClient({ baseUrl: BASE, organizationId: ORG, organizationSecret: ORG_SECRET, token: TOKEN, fetch, retry: false, ...extra });
}

const USER_PATH = "PUT /v1/organizations/{organization_id}/users/{user_id}";

async function failure(promise: Promise<unknown>): Promise<ParchmentError> {
  try {
    await promise;
  } catch (error) {
    return error as ParchmentError;
  }
  throw new Error("expected the call to fail");
}

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
    expect(error).toBeInstanceOf(ParchmentApiError);
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

  it("a network failure is a ParchmentNetworkError that keeps its cause", async () => {
    const client = clientWith(() => {
      throw new TypeError("fetch failed");
    });
    const error = await failure(client.users.get("usr_1"));
    expect(error).toBeInstanceOf(ParchmentNetworkError);
    expect(error.message).toBe("GET /v1/organizations/{organization_id}/users/{user_id}: the request failed before a response arrived");
    expect((error.cause as Error).message).toBe("fetch failed");
  });

  it("no answer within timeoutMs is a ParchmentTimeoutError", async () => {
    const client = clientWith(() => new Promise<Response>(() => {}), { timeoutMs: 20 });
    const error = await failure(client.users.get("usr_1"));
    expect(error).toBeInstanceOf(ParchmentTimeoutError);
    expect(error.message).toBe("GET /v1/organizations/{organization_id}/users/{user_id}: no response within 20 ms");
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

  it("a fetch that returns something other than a promise fails the call, not the process", async () => {
    const fetch = (() => "not a response") as never;
    const client = createParchmentClient({ baseUrl: BASE, organizationId: ORG, organizationSecret: ORG_SECRET, token: TOKEN, fetch, retry: false, timeoutMs: 10 });
    await expect(client.users.get("usr_1")).rejects.toThrow(TypeError);
    await new Promise((resolve) => setTimeout(resolve, 30)); // past the deadline it would have left behind
  });

  it.each([
    ["an HTML page from a proxy", () => new Response("<html><body>502 Bad Gateway</body></html>", { status: 502, headers: { "content-type": "text/html" } }), /502 expected a JSON body, got text\/html/],
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

  it("every error class is a ParchmentError and an Error with its own name", async () => {
    for (const ErrorClass of [ParchmentApiError, ParchmentNetworkError, ParchmentTimeoutError, ParchmentResponseError]) {
      expect(ErrorClass.prototype).toBeInstanceOf(ParchmentError);
    }
    const error = await failure(clientWith(() => problem(404)).users.get("usr_1"));
    expect(error.name).toBe("ParchmentApiError");
    expect(error).toBeInstanceOf(Error);
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
  it("a network failure under client.raw names the method and the request's path", async () => {
    const client = clientWith(() => {
      throw new TypeError("fetch failed");
    });
    const call = client.raw.GET("/v1/organizations/{organization_id}/users/{user_id}", {
      params: { path: { organization_id: ORG, user_id: "usr_1" } },
    });
    await expect(call).rejects.toThrow(`GET /external/v1/organizations/${ORG}/users/usr_1: the request failed before a response arrived`);
    await expect(call).rejects.toBeInstanceOf(ParchmentNetworkError);
  });
});
