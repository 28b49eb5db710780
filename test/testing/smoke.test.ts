import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createParchmentClient, createTokenProvider, ParchmentApiError } from "../../src/index.js";
import { startReferenceServer, type ReferenceServer } from "../../src/testing/index.js";

let server: ReferenceServer;
beforeAll(async () => {
  server = await startReferenceServer();
});
afterAll(() => server.close());

describe("reference server over HTTP with the client", () => {
  it("serves every operation", async () => {
    const token = createTokenProvider({ baseUrl: server.baseUrl, partnerId: server.partnerId, partnerSecret: server.partnerSecret, organizationId: server.organizationId, organizationSecret: server.organizationSecret, userId: server.userId, scopes: ["read:user", "read:users", "update:user"] });
    const client = createParchmentClient({ baseUrl: server.baseUrl, organizationId: server.organizationId, organizationSecret: server.organizationSecret, token });
    const all = [];
    for await (const user of client.users.listAll({ limit: 20 })) all.push(user);
    expect(all).toHaveLength(45);
    const user = await client.users.get(server.userId);
    expect(user.provider_details).toBeTruthy();
    await client.users.update(server.userId, { full_name: "Dr Renamed" });
    expect((await client.users.get(server.userId)).full_name).toBe("Dr Renamed");
    await expect(client.users.setRoles(server.userId, [])).rejects.toBeInstanceOf(ParchmentApiError);
    await expect(client.users.get("usr_nobody")).rejects.toMatchObject({ status: 404 });
  });
});
