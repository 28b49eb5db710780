// Hostile and malformed requests get a problem-details 4xx from the reference server, never
// a 500 or a crash, and leave the store unchanged.
import { describe, expect, it } from "vitest";
import { parchmentSpec } from "../../src/contract/parchment-spec.js";
import { createSpecValidator } from "contract-kit/spec";
import { createReferenceHandler } from "../../src/testing/index.js";

const validator = createSpecValidator(parchmentSpec);
const handler = createReferenceHandler();
const base = `http://reference.test/v1/organizations/${handler.organizationId}/users`;
const auth = { authorization: `Bearer ${handler.token}`, "x-organization-secret": handler.organizationSecret };

async function send(url: string, init: RequestInit = {}) {
  const response = await handler.fetch(new Request(url, { ...init, headers: { ...auth, ...(init.headers as Record<string, string>) } }));
  const body = await response.json();
  return { status: response.status, body };
}

const cases: [string, string, RequestInit][] = [
  ["malformed JSON", `${base}/${handler.userId}`, { method: "PUT", headers: { "content-type": "application/json" }, body: '{"full_name": "x"' }],
  ["a wrong content type", `${base}/${handler.userId}`, { method: "PUT", headers: { "content-type": "text/plain" }, body: '{"full_name": "x"}' }],
  ["no content type", `${base}/${handler.userId}/roles`, { method: "PUT", body: new Blob(['{"access_roles": ["admin"]}']) }],
  ["a body over 1 MB", `${base}/${handler.userId}`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ full_name: "x".repeat(1024 * 1024) }) }],
  ["a path climbing with ..", `${base}/${handler.userId}/../../../users/${handler.userId}/roles`, { method: "PUT", headers: { "content-type": "application/json" }, body: '{"access_roles": ["member"]}' }],
  ["an encoded slash in the user id", `${base}/${handler.userId}%2Froles`, { method: "PUT", headers: { "content-type": "application/json" }, body: '{"access_roles": ["admin"]}' }],
  ["an encoded dot-dot", `${base}/%2e%2e/${handler.userId}`, { method: "PUT", headers: { "content-type": "application/json" }, body: '{"full_name": "x"}' }],
  ["a user id with a NUL", `${base}/usr%00abc`, { method: "GET" }],
  ["a non-UUID organisation", `http://reference.test/v1/organizations/not-a-uuid/users`, { method: "GET" }],
  ["a limit that is not a number", `${base}?limit=ten`, { method: "GET" }],
  ["an unknown cursor", `${base}?lastKey=bm9wZQ`, { method: "GET" }],
  // 900 violations: the answer lists the first 200 (the ErrorEnvelope's maxItems), not all of them.
  ["900 unknown roles", `${base}/${handler.userId}/roles`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ access_roles: Array.from({ length: 900 }, (_, i) => `role_${i}`) }) }],
];

describe("bad input", () => {
  it.each(cases)("%s gets a problem-details 4xx and changes nothing", async (_name, url, init) => {
    const before = handler.readUser(handler.userId);
    const { status, body } = await send(url, init);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    expect(validator.validate("#/components/schemas/ErrorEnvelope", body)).toEqual([]);
    expect(body.statusCode).toBe(status);
    expect(handler.readUser(handler.userId)).toEqual(before);
  });

  it("the server still answers normally afterwards", async () => {
    const { status, body } = await send(`${base}/${handler.userId}`);
    expect(status).toBe(200);
    expect(body.data.user_id).toBe(handler.userId);
  });

  it("answers 401, 403 and 404 for credentials, scope and organisation", async () => {
    const missing = await handler.fetch(new Request(base));
    expect(missing.status).toBe(401);
    const tokenResponse = await handler.fetch(
      new Request("http://reference.test/v1/token", {
        method: "POST",
        headers: {
          "content-type": "application/json", "x-partner-id": handler.partnerId, "x-partner-secret": handler.partnerSecret,
          "x-organization-id": handler.organizationId, "x-organization-secret": handler.organizationSecret, "x-user-id": handler.userId,
        },
        body: JSON.stringify({ grantType: "client_credentials", scope: ["read:user"] }),
      }),
    );
    const { accessToken } = (await tokenResponse.json()).data;
    const narrow = { authorization: `Bearer ${accessToken}`, "x-organization-secret": handler.organizationSecret };
    expect((await handler.fetch(new Request(`${base}/${handler.userId}`, { headers: narrow }))).status).toBe(200);
    expect((await handler.fetch(new Request(`${base}/${handler.userId}/roles`, { method: "PUT", headers: { ...narrow, "content-type": "application/json" }, body: '{"access_roles":["admin"]}' }))).status).toBe(403);
    const otherOrg = `http://reference.test/v1/organizations/00000000-0000-4000-8000-000000000000/users`;
    expect((await handler.fetch(new Request(otherOrg, { headers: auth }))).status).toBe(404);
  });

  it("answers an injected 429 with Retry-After, then recovers", async () => {
    handler.failNext({ status: 429, retryAfterSeconds: 3 });
    const limited = await handler.fetch(new Request(base, { headers: auth }));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("3");
    expect((await handler.fetch(new Request(base, { headers: auth }))).status).toBe(200);
  });
});

describe("hostile bodies", () => {
  const deep = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;
  const json = { "content-type": "application/json" };

  it.each([
    ["access_roles", `${base}/${handler.userId}/roles`, (nested: string) => `{"access_roles": [${nested}, ${nested}]}`],
    ["full_name", `${base}/${handler.userId}`, (nested: string) => `{"full_name": ${nested}}`],
  ])("two arrays 10,000 deep in %s get a 400 problem, not a 500", async (_field, url, body) => {
    const before = handler.readUser(handler.userId);
    const { status, body: answer } = await send(url, { method: "PUT", headers: json, body: body(deep(10_000)) });
    expect(status).toBe(400);
    expect(answer.error.detail).toBe("The request body is nested more than 32 deep");
    expect(handler.readUser(handler.userId)).toEqual(before);
  });

  it("60,000 distinct roles (a 600 kB body, under the 1 MB limit) get a quick 400, not seconds of uniqueItems", async () => {
    const before = handler.readUser(handler.userId);
    const roles = Array.from({ length: 60_000 }, (_, i) => `r${i}`);
    const started = Date.now();
    const { status, body: answer } = await send(`${base}/${handler.userId}/roles`, { method: "PUT", headers: json, body: JSON.stringify({ access_roles: roles }) });
    expect(status).toBe(400);
    expect(answer.error.detail).toBe("The request body has more than 2000 values");
    expect(Date.now() - started).toBeLessThan(2000);
    expect(handler.readUser(handler.userId)).toEqual(before);
  });

  it("a token request with a scope 10,000 deep gets a 400 problem", async () => {
    const response = await handler.fetch(
      new Request("http://reference.test/v1/token", {
        method: "POST",
        headers: {
          ...json, "x-partner-id": handler.partnerId, "x-partner-secret": handler.partnerSecret,
          "x-organization-id": handler.organizationId, "x-organization-secret": handler.organizationSecret, "x-user-id": handler.userId,
        },
        body: `{"grantType": "client_credentials", "scope": [${deep(10_000)}, ${deep(10_000)}]}`,
      }),
    );
    expect(response.status).toBe(400);
    expect(validator.validate("#/components/schemas/ErrorEnvelope", await response.json())).toEqual([]);
  });

  it("nesting at the bound is still judged by the schema (422, not the depth rule)", async () => {
    const { status, body } = await send(`${base}/${handler.userId}`, { method: "PUT", headers: json, body: `{"full_name": ${deep(31)}}` });
    expect(status).toBe(422);
    expect(body.error.validation[0].field).toBe("full_name");
  });
});

describe("the faults endpoint", () => {
  const faults = "http://reference.test/__reference/faults";
  const post = async (body: BodyInit, headers: Record<string, string> = { "content-type": "application/json" }) => {
    const response = await handler.fetch(new Request(faults, { method: "POST", headers, body, duplex: "half" } as RequestInit));
    return { status: response.status, body: await response.json() };
  };
  const listStatus = async () => (await handler.fetch(new Request(base, { headers: auth }))).status;

  it.each([
    ["a header injected through retryAfterSeconds", { status: 429, retryAfterSeconds: "1\r\nx: y" }, "retryAfterSeconds must be a whole number"],
    ["retryAfterSeconds as a fraction", { status: 429, retryAfterSeconds: 1.5 }, "retryAfterSeconds must be a whole number"],
    ["a negative retryAfterSeconds", { status: 503, retryAfterSeconds: -1 }, "retryAfterSeconds must be a whole number"],
    ["an unknown status", { status: 200 }, "status must be one of 429, 500, 502, 503, 504"],
    ["a status as text", { status: "429" }, "status must be one of"],
    ["times as text", { status: 500, times: "2" }, "times must be a whole number from 1 to 1000"],
    ["times of zero", { status: 500, times: 0 }, "times must be a whole number"],
    ["an unknown field", { status: 500, retryAfter: 1 }, 'unknown field "retryAfter"'],
    ["not an object", [429], "the body must be an object"],
  ])("%s is refused with a 400 and no fault is kept", async (_name, fault, detail) => {
    const { status, body } = await post(JSON.stringify(fault));
    expect(status).toBe(400);
    expect(body.error.detail).toContain(detail);
    expect(await listStatus()).toBe(200);
  });

  it("a 50 MB body is refused after at most about 1 MB is read", async () => {
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= 50 * 1024 * 1024) return controller.close();
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const { status, body } = await post(stream);
    expect(status).toBe(400);
    expect(body.error.detail).toBe("The request body is larger than 1 MB");
    expect(pulled).toBeLessThan(4 * 1024 * 1024);
    expect(await listStatus()).toBe(200);
  });

  it("a valid fault is answered, with Retry-After as sent", async () => {
    expect((await post(JSON.stringify({ status: 503, times: 1, retryAfterSeconds: 7 }))).status).toBe(200);
    const response = await handler.fetch(new Request(base, { headers: auth }));
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("7");
    expect(await listStatus()).toBe(200);
  });

  it("failNext refuses the same values with a TypeError", () => {
    expect(() => handler.failNext({ status: 429, retryAfterSeconds: "1\r\nx: y" as unknown as number })).toThrow(TypeError);
    expect(() => handler.failNext({ status: 200 as 429 })).toThrow("failNext: status must be one of");
  });
});

describe("an organisation without users", () => {
  it("starts, lists nothing and has no default user", async () => {
    const empty = createReferenceHandler({ users: 0 });
    expect(empty.userId).toBe("");
    const response = await empty.fetch(
      new Request(`http://reference.test/v1/organizations/${empty.organizationId}/users`, { headers: { authorization: `Bearer ${empty.token}`, "x-organization-secret": empty.organizationSecret } }),
    );
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.data).toEqual({ users: [], pagination: { total: 0, limit: 20, lastKey: null } });
  });

  it.each([-1, 1.5, 10_001])("users: %s is refused with a TypeError", (users) => {
    expect(() => createReferenceHandler({ users })).toThrow("users must be a whole number from 0 to 10000");
  });
});
