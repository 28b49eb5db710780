// listAll() pages through the reference server in each of the three documented list shapes,
// over real sockets, visiting every user exactly once.
import { afterAll, describe, expect, it } from "vitest";
import { createParchmentClient } from "../../src/index.js";
import { startReferenceServer, type ListShape, type ReferenceServer } from "../../src/testing/index.js";

const servers: ReferenceServer[] = [];
afterAll(() => Promise.all(servers.map((server) => server.close())));

/** Every user id the server holds, read with one plain-array listing (no client code involved). */
async function allIds(): Promise<string[]> {
  const server = await startReferenceServer({ listShape: "array" });
  servers.push(server);
  const response = await fetch(`${server.baseUrl}/v1/organizations/${server.organizationId}/users`, {
    headers: { authorization: `Bearer ${server.token}`, "x-organization-secret": server.organizationSecret },
  });
  return ((await response.json()) as { data: { user_id: string }[] }).data.map((user) => user.user_id);
}

describe.each<ListShape>(["page", "envelope", "array"])("listAll() against a server answering in the %s shape", (listShape) => {
  it.each([1, 7, 45, 100])("visits every user exactly once, in order, with limit %i", async (limit) => {
    const server = await startReferenceServer({ listShape });
    servers.push(server);
    const client = createParchmentClient({ baseUrl: server.baseUrl, organizationId: server.organizationId, organizationSecret: server.organizationSecret, token: server.token });
    const ids: string[] = [];
    for await (const user of client.users.listAll({ limit })) ids.push(user.user_id);
    const expected = await allIds();
    expect(expected).toHaveLength(45);
    expect(ids).toEqual(expected);
  });
});
