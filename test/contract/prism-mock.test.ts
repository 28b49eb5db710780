// The client against `prism mock openapi.yaml`: answers built from the spec's examples by a
// tool that shares no code with this package.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createParchmentClient, createTokenProvider, ParchmentApiError } from "../../src/index.js";
import { startPrism, type Prism } from "../support/prism.js";

const ORG = "3f6c1b2a-8d4e-4f5a-9b7c-1d2e3f4a5b6c";
let prism: Prism;

beforeAll(async () => {
  prism = await startPrism(["mock"]);
}, 90_000);
afterAll(() => prism?.close());

function client() {
  const token = createTokenProvider({
    baseUrl: prism.baseUrl, partnerId: "partner_acme", partnerSecret: "ps_example", organizationId: ORG,
    organizationSecret: "os_example", userId: "usr_abc123def456", scopes: ["read:user", "read:users", "update:user"],
  });
  return createParchmentClient({ baseUrl: prism.baseUrl, organizationId: ORG, organizationSecret: "os_example", token, retry: false });
}

describe("the client against Prism's mock of the spec", () => {
  it("gets a token and reads a user", async () => {
    const user = await client().users.get("usr_abc123def456");
    expect(user).toMatchObject({ user_id: "usr_abc123def456", access_roles: ["admin", "provider"] });
    expect(user.provider_details?.australian_address?.postcode).toBe("3000");
  });

  it("lists users (the paginated example) and walks them all", async () => {
    const c = client();
    await expect(c.users.list({ limit: 20 })).resolves.toEqual({
      users: [{ user_id: "usr_abc123def456", external_user_id: "PARTNER#USER_12345", full_name: "John Doe", access_roles: ["provider", "admin"] }],
      lastKey: null,
      total: 1,
    });
    const ids = [];
    for await (const user of c.users.listAll()) ids.push(user.user_id);
    expect(ids).toEqual(["usr_abc123def456"]);
  });

  it("updates a user and replaces roles", async () => {
    const c = client();
    await expect(c.users.update("usr_abc123def456", { full_name: "Dr Darlene Cameron", provider_details: { prescriber_type: "T", qualifications: "BPod" } })).resolves.toEqual({ user_id: "usr_abc123def456" });
    await expect(c.users.setRoles("usr_abc123def456", ["admin", "provider"])).resolves.toEqual({ user_id: "usr_abc123def456", access_roles: ["admin", "provider"] });
  });

  it("reads a documented error as ParchmentApiError", async () => {
    const response = await client().raw.GET("/v1/organizations/{organization_id}/users/{user_id}", {
      params: { path: { organization_id: ORG, user_id: "usr_doesnotexist" } },
      headers: { Prefer: "code=404" },
    });
    expect(response.response.status).toBe(404);
    expect(response.error?.error.type).toBe("https://parchment.health/errors/user-not-found");
  });

  it("Prism refuses a request the spec forbids with a documented error", async () => {
    const failure = await client()
      .users.setRoles("usr_abc123def456", ["owner" as never])
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ParchmentApiError);
    expect([400, 422]).toContain((failure as ParchmentApiError).status);
    expect((failure as Error).message).toMatch(/^PUT \/v1\/organizations\/\{organization_id\}\/users\/\{user_id\}\/roles: 4\d\d /);
  });
});
