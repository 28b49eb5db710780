// The reference handler as an injected fetch on Parchment's real base URL: for plain
// fetch(url, init) code, for any client that takes a `fetch` option, and for this package's client.
import { describe, expect, it } from "vitest";
import { createParchmentClient, PARCHMENT_SERVERS } from "../../src/index.js";
import { createReferenceHandler } from "../../src/testing/index.js";

const reference = createReferenceHandler();
const headers = { authorization: `Bearer ${reference.token}`, "x-organization-secret": reference.organizationSecret };

describe("fetchAt", () => {
  it("answers plain fetch(url, init) code on the sandbox URL", async () => {
    const fetch = reference.fetchAt();
    const response = await fetch(`${PARCHMENT_SERVERS.sandbox}/v1/organizations/${reference.organizationId}/users/${reference.userId}`, { headers });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: { user_id: string } }).data.user_id).toBe(reference.userId);
    // A body and a query reach the handler too.
    const put = await fetch(new URL(`${PARCHMENT_SERVERS.sandbox}/v1/organizations/${reference.organizationId}/users/${reference.userId}?x=1`), {
      method: "PUT",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ full_name: "Dr Fetch" }),
    });
    expect(put.status).toBe(200);
    expect(reference.readUser(reference.userId)?.full_name).toBe("Dr Fetch");
  });

  it("serves a client that takes an injected fetch, on its default base URL", async () => {
    const client = createParchmentClient({ organizationId: reference.organizationId, organizationSecret: reference.organizationSecret, token: reference.token, fetch: reference.fetchAt() });
    expect((await client.users.list({ limit: 3 })).users).toHaveLength(3);
  });

  it("refuses a request to another host or outside the base path, as fetch refuses an unreachable one", async () => {
    const fetch = reference.fetchAt("https://parchment.test/api");
    await expect(fetch("https://elsewhere.test/api/v1/token")).rejects.toThrow(new TypeError("fetch failed: https://elsewhere.test/api/v1/token is not under the reference handler's base URL https://parchment.test/api"));
    await expect(fetch("https://parchment.test/apiv1/token")).rejects.toBeInstanceOf(TypeError);
  });
});
