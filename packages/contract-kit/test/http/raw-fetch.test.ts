// createRawFetch with a stand-in transport and the middleware called as openapi-fetch calls
// it: each Request goes out as its path template, with the signal it carries.
import { describe, expect, it } from "vitest";
import { createRawFetch, type OperationInfo } from "contract-kit/http";

function recording() {
  const sent: { operation: OperationInfo; signal: AbortSignal | undefined }[] = [];
  const rawFetch = createRawFetch({
    send: async (_request, operation, signal) => {
      sent.push({ operation, signal });
      return new Response("{}", { status: 200 });
    },
  });
  return { rawFetch, sent };
}

describe("createRawFetch", () => {
  it("names each request by the path template the middleware saw", async () => {
    const { rawFetch, sent } = recording();
    const request = new Request("http://api.test/v1/users/usr_secret_id", { method: "PATCH", body: "{}" });
    rawFetch.middleware.onRequest({ request, schemaPath: "/v1/users/{userId}" });
    expect((await rawFetch.fetch(request)).status).toBe(200);
    expect(sent[0]!.operation).toEqual({ method: "PATCH", path: "/v1/users/{userId}" });
  });

  it("passes the Request's own signal, the caller's", async () => {
    const { rawFetch, sent } = recording();
    const controller = new AbortController();
    const request = new Request("http://api.test/v1/users", { signal: controller.signal });
    rawFetch.middleware.onRequest({ request, schemaPath: "/v1/users" });
    await rawFetch.fetch(request);
    controller.abort();
    expect(sent[0]!.signal?.aborted).toBe(true);
  });

  it("keeps templates per Request, and names one the middleware never saw by its path", async () => {
    const { rawFetch, sent } = recording();
    const seen = new Request("http://api.test/v1/users/a");
    rawFetch.middleware.onRequest({ request: seen, schemaPath: "/v1/users/{id}" });
    await rawFetch.fetch(new Request("http://api.test/v1/users/b?x=1"));
    await rawFetch.fetch(seen);
    expect(sent.map((call) => call.operation)).toEqual([
      { method: "GET", path: "/v1/users/b" },
      { method: "GET", path: "/v1/users/{id}" },
    ]);
  });
});
