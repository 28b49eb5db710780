import { describe, expect, it } from "vitest";
import { createParchmentClient, ParchmentPaginationError } from "../../src/index.js";
import { BASE, ORG, ORG_SECRET, TOKEN, fakeFetch, success, type Handler } from "../support/fake-fetch.js";

function clientWith(handler: Handler) {
  const fetch = fakeFetch(handler);
  return { client: createParchmentClient({ baseUrl: BASE, organizationId: ORG, organizationSecret: ORG_SECRET, token: TOKEN, fetch }), fetch };
}

const page = (ids: string[], lastKey: string | null) => success({ users: ids.map((user_id) => ({ user_id })), pagination: { limit: 2, lastKey } });

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe("listAll", () => {
  it("follows lastKey until it is null", async () => {
    const { client, fetch } = clientWith((request) => {
      const lastKey = new URL(request.url).searchParams.get("lastKey");
      if (lastKey === null) return page(["u1", "u2"], "k1");
      if (lastKey === "k1") return page(["u3", "u4"], "k2");
      return page(["u5"], null);
    });
    const ids = (await collect(client.users.listAll({ limit: 2 }))).map((user) => user.user_id);
    expect(ids).toEqual(["u1", "u2", "u3", "u4", "u5"]);
    expect(fetch.requests.map((request) => new URL(request.url).search)).toEqual(["?limit=2", "?limit=2&lastKey=k1", "?limit=2&lastKey=k2"]);
  });

  it("takes a plain array as the only page", async () => {
    const { client, fetch } = clientWith(() => success([{ user_id: "u1" }, { user_id: "u2" }]));
    expect(await collect(client.users.listAll())).toHaveLength(2);
    expect(fetch.requests).toHaveLength(1);
  });

  it("stops with an error on a repeated cursor", async () => {
    const { client, fetch } = clientWith((_request, call) => page([`u${call}`], call === 1 ? "k1" : "k1"));
    const seen: string[] = [];
    const run = async () => {
      for await (const user of client.users.listAll()) seen.push(user.user_id);
    };
    await expect(run()).rejects.toThrow(ParchmentPaginationError);
    await expect(run()).rejects.toThrow(/GET \/v1\/organizations\/\{organization_id\}\/users: the server repeated a lastKey after 2 pages/);
    expect(seen.slice(0, 2)).toEqual(["u1", "u2"]); // what was read is still yielded
    expect(fetch.requests.length).toBe(4);
  });

  it("stops with an error past the page cap", async () => {
    const { client, fetch } = clientWith((_request, call) => page([`u${call}`], `k${call}`));
    await expect(collect(client.users.listAll({ maxPages: 3 }))).rejects.toThrow(/stopped after maxPages \(3\) pages; more remain/);
    expect(fetch.requests).toHaveLength(3);
  });

  it("is lazy: stopping early sends no further request", async () => {
    const { client, fetch } = clientWith((_request, call) => page([`u${call}a`, `u${call}b`], `k${call}`));
    for await (const user of client.users.listAll()) if (user.user_id === "u1a") break;
    expect(fetch.requests).toHaveLength(1);
  });

  it.each([0, -1, Number.NaN, "3"])("refuses maxPages %s before asking for a page", async (maxPages) => {
    const { client, fetch } = clientWith(() => page(["u1"], "k1"));
    await expect(collect(client.users.listAll({ maxPages: maxPages as number }))).rejects.toThrow("maxPages must be a positive number");
    expect(fetch.requests).toHaveLength(0);
  });
});
