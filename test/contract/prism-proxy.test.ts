// `prism proxy openapi.yaml <reference server> --errors` while the client works: Prism
// checks every request and response against the spec and would fail any that departs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createParchmentClient, createTokenProvider } from "../../src/index.js";
import { startReferenceServer, type ReferenceServer } from "../../src/testing/index.js";
import { startPrism, type Prism } from "../support/prism.js";

let server: ReferenceServer;
let prism: Prism;
const violations: string[] = [];
const statuses: number[] = [];

// Records Prism's violation header, should any response carry one.
const watchingFetch = async (request: Request) => {
  const response = await fetch(request);
  statuses.push(response.status);
  const header = response.headers.get("sl-violations");
  if (header) violations.push(`${request.method} ${request.url}: ${header}`);
  return response;
};

beforeAll(async () => {
  server = await startReferenceServer();
  prism = await startPrism(["proxy", server.baseUrl, "--errors"]);
}, 90_000);
afterAll(async () => {
  await prism?.close();
  await server?.close();
});

describe("the reference server behind prism proxy --errors", () => {
  it("answers the client's calls without a single violation", async () => {
    const token = createTokenProvider({
      baseUrl: prism.baseUrl, partnerId: server.partnerId, partnerSecret: server.partnerSecret, organizationId: server.organizationId,
      organizationSecret: server.organizationSecret, userId: server.userId, scopes: ["read:user", "read:users", "update:user"], fetch: watchingFetch,
    });
    const client = createParchmentClient({ baseUrl: prism.baseUrl, organizationId: server.organizationId, organizationSecret: server.organizationSecret, token, fetch: watchingFetch });

    let count = 0;
    for await (const _ of client.users.listAll({ limit: 20 })) count++;
    expect(count).toBe(45);
    const user = await client.users.get(server.userId);
    await client.users.update(server.userId, { full_name: user.full_name, provider_details: { prescriber_type: "M", prescriber_number: "1234567", qualifications: "MBBS", date_of_birth: "1969-10-02", sex: "F" } });
    expect((await client.users.get(server.userId)).provider_details?.date_of_birth).toBe("1969-10-02");
    await client.users.setRoles(server.userId, ["admin", "provider"]);
    await expect(client.users.get("usr_nobody")).rejects.toMatchObject({ status: 404 });

    // A documented 429 with Retry-After passes through Prism and is retried.
    server.failNext({ status: 429, retryAfterSeconds: 1 });
    await client.users.get(server.userId);

    expect(violations).toEqual([]);
    expect(statuses).toContain(429);
    expect(statuses).toContain(404);
  });
});

describe("prism proxy in front of a drifted server", () => {
  it("reports the violation (so the check above can fail)", async () => {
    const { drifts, startServer } = await import("../support/broken-servers.js");
    const drifted = await startServer(drifts["wrong enum value"]!.drift);
    const proxy = await startPrism(["proxy", drifted.baseUrl, "--errors"]);
    try {
      const response = await fetch(`${proxy.baseUrl}/v1/organizations/${drifted.handler.organizationId}/users/${drifted.handler.userId}`, {
        headers: { authorization: `Bearer ${drifted.handler.token}`, "x-organization-secret": drifted.handler.organizationSecret },
      });
      const text = await response.text();
      expect(response.status === 200 ? response.headers.get("sl-violations") : text).toMatch(/access_roles|enum|allowed values/);
    } finally {
      await proxy.close();
      await drifted.close();
    }
  }, 90_000);
});
