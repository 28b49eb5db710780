// Hostile and malformed requests get a problem-details 4xx from the reference server, never
// a 500 or a crash, and leave the store unchanged.
import { describe, expect, it } from "vitest";
import { createSpecValidator } from "../../src/contract/spec-validator.js";
import { createReferenceHandler } from "../../src/testing/index.js";

const validator = createSpecValidator();
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
