// The reference server on its own: credentials, unknown users and routes, bodies that are not
// JSON, its faults, its state, and every answer it gives judged against avara/openapi.yaml.
import { describe, expect, it } from "vitest";
import { specOperations, createSpecValidator } from "contract-kit/spec";
import { checkResponse, createShow } from "contract-kit/verify";
import { avaraSpec } from "../../src/contract/spec.js";
import { createReferenceHandler } from "../../src/testing/index.js";

const validator = createSpecValidator(avaraSpec);
const operations = specOperations(avaraSpec);
const show = createShow((text) => text);
const BASE = "http://reference.test";

function setup() {
  const handler = createReferenceHandler();
  const call = async (method: string, userId: string, init: { body?: string; headers?: Record<string, string> } = {}) => {
    const response = await handler.fetch(
      new Request(`${BASE}/v1/autoScribe/users/${userId}`, { method, body: init.body, headers: init.headers ?? { authorization: `Bearer ${handler.apiKey}`, "content-type": "application/json" } }),
    );
    const text = await response.text();
    // Whatever it answers, the answer is one the contract documents.
    const operation = operations.get(method === "GET" ? "getUser" : "updateUser")!;
    expect(checkResponse(operation, { status: response.status, contentType: response.headers.get("content-type"), text }, validator, show).violations).toEqual([]);
    return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
  };
  return { handler, call };
}

describe("the reference server", () => {
  it("answers 401 without the key, with another key or another scheme", async () => {
    const { handler, call } = setup();
    expect((await call("GET", handler.userId, { headers: {} })).status).toBe(401);
    expect((await call("GET", handler.userId, { headers: { authorization: "Bearer sk_live_other_key_0000" } })).status).toBe(401);
    expect((await call("GET", handler.userId, { headers: { authorization: `Basic ${handler.apiKey}` } })).status).toBe(401);
    expect((await call("PATCH", handler.userId, { headers: { "content-type": "application/json" }, body: "{}" })).status).toBe(401);
  });

  it("answers 404 for an unknown user, a malformed id and an unknown route", async () => {
    const { handler, call } = setup();
    expect((await call("GET", "usr_00000000000000000000000000000000")).status).toBe(404);
    expect((await call("PATCH", "not-an-id", { body: "{}" })).status).toBe(404);
    const route = await handler.fetch(new Request(`${BASE}/v1/autoScribe/users`, { headers: { authorization: `Bearer ${handler.apiKey}` } }));
    expect(route.status).toBe(404);
  });

  it("answers 400 for a body that is not JSON, is nested too deep, or has the wrong Content-Type", async () => {
    const { handler, call } = setup();
    const auth = { authorization: `Bearer ${handler.apiKey}` };
    expect((await call("PATCH", handler.userId, { body: "{firstName:" })).status).toBe(400);
    expect((await call("PATCH", handler.userId, { body: `{"firstName":${"[".repeat(100)}${"]".repeat(100)}}` })).status).toBe(400);
    expect((await call("PATCH", handler.userId, { body: '{"firstName":"A"}', headers: { ...auth, "content-type": "text/plain" } })).status).toBe(400);
    expect(handler.readUser(handler.userId)?.firstName).toBe("Sarah");
  });

  it("names the fields at fault in a 400", async () => {
    const { handler, call } = setup();
    const answer = await call("PATCH", handler.userId, { body: '{"email":"x@y.z","npiNumber":"12"}' });
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toContain("email");
    expect(answer.body.error.message).toContain("npiNumber");
  });

  it("an empty body changes nothing and answers the user", async () => {
    const { handler, call } = setup();
    const answer = await call("PATCH", handler.userId, { body: "{}" });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(handler.readUser(handler.userId));
  });

  it("keeps state per handler and hands out copies", async () => {
    const first = setup();
    const second = setup();
    await first.call("PATCH", first.handler.userId, { body: '{"suffix2":null}' });
    expect(first.handler.readUser(first.handler.userId)).not.toHaveProperty("suffix2");
    expect(second.handler.readUser(second.handler.userId)?.suffix2).toBe("FACR");
    const copy = first.handler.readUser(first.handler.userId)!;
    copy.firstName = "Changed";
    expect(first.handler.readUser(first.handler.userId)?.firstName).toBe("Sarah");
    expect(first.handler.apiKey).not.toBe(second.handler.apiKey);
    expect(first.handler.userIds).toHaveLength(5);
  });

  it("answers injected faults first, with Retry-After, then recovers", async () => {
    const { handler, call } = setup();
    handler.failNext({ status: 503, times: 2, retryAfterSeconds: 3 });
    const answer = await call("GET", handler.userId);
    expect([answer.status, answer.headers.get("retry-after")]).toEqual([503, "3"]);
    expect((await call("GET", handler.userId)).status).toBe(503);
    expect((await call("GET", handler.userId)).status).toBe(200);
    expect(() => handler.failNext({ status: 418 as 429 })).toThrow(TypeError);
  });

  it("takes a fixed API key, and refuses one that cannot be a header", () => {
    expect(createReferenceHandler({ apiKey: "sk_test_fixed_key_1" }).apiKey).toBe("sk_test_fixed_key_1");
    expect(() => createReferenceHandler({ apiKey: "short" })).toThrow(TypeError);
    expect(() => createReferenceHandler({ apiKey: "sk_test with space" })).toThrow(TypeError);
  });
});
