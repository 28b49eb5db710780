import { describe, expect, it } from "vitest";
import { ParchmentPaginationError } from "../../src/index.js";
import { testClient } from "../support/client.js";
import { json, success, type Handler } from "../support/fake-fetch.js";

const clientWith = (handler: Handler) => testClient(handler);

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
    // Every page answers with the same cursor, k1, whatever cursor was sent.
    const { client, fetch } = clientWith((_request, call) => page([`u${call}`], "k1"));
    const seen: string[] = [];
    const run = async () => {
      for await (const user of client.users.listAll()) seen.push(user.user_id);
    };
    const error = await run().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ParchmentPaginationError);
    expect((error as Error).message).toBe("GET /v1/organizations/{organization_id}/users: the server repeated a lastKey after 2 pages");
    expect(seen).toEqual(["u1", "u2"]); // what was read is still yielded
    expect(fetch.requests.map((request) => new URL(request.url).searchParams.get("lastKey"))).toEqual([null, "k1"]);
  });

  it.each([
    ["a cycle of two", ["k1", "k2"], 3],
    ["a cycle of five after a tail of three", ["t1", "t2", "t3", "c1", "c2", "c3", "c4", "c5"], 12],
  ])("stops with an error on cursors that go round in %s", async (_name, keys, detectedAt) => {
    // Page n answers with keys[n - 1]; past the end of the list, the cycle (its last five or two) repeats.
    const cycle = keys.length === 2 ? 2 : 5;
    const keyOf = (call: number) => (call <= keys.length ? keys[call - 1]! : keys[keys.length - cycle + ((call - keys.length - 1) % cycle)]!);
    const { client } = clientWith((_request, call) => page([`u${call}`], keyOf(call)));
    const error = await (async () => {
      for await (const _user of client.users.listAll()) void _user;
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ParchmentPaginationError);
    expect((error as Error).message).toBe(`GET /v1/organizations/{organization_id}/users: the server repeated a lastKey after ${detectedAt} pages`);
  });

  it("follows the envelope-level pagination shape (a plain array data beside pagination) until hasNext is false", async () => {
    const envelopePage = (ids: string[], pagination: Record<string, unknown>) =>
      json(200, { success: true, statusCode: 200, data: ids.map((user_id) => ({ user_id })), pagination, requestId: "req_p" });
    const { client, fetch } = clientWith((request) => {
      const lastKey = new URL(request.url).searchParams.get("lastKey");
      if (lastKey === null) return envelopePage(["u1", "u2", "u3"], { count: 3, hasNext: true, limit: 3, offset: 0, lastKey: "c1" });
      if (lastKey === "c1") return envelopePage(["u4", "u5", "u6"], { count: 3, hasNext: true, limit: 3, offset: 3, lastKey: "c2" });
      return envelopePage(["u7"], { count: 1, hasNext: false, limit: 3, offset: 6, lastKey: null });
    });
    expect((await collect(client.users.listAll({ limit: 3 }))).map((user) => user.user_id)).toEqual(["u1", "u2", "u3", "u4", "u5", "u6", "u7"]);
    expect(fetch.requests).toHaveLength(3);
  });

  it("stops with an error when a page says hasNext but gives no cursor", async () => {
    const { client } = clientWith(() =>
      json(200, { success: true, data: [{ user_id: "u1" }], pagination: { count: 1, hasNext: true, limit: 1, offset: 0, lastKey: null } }),
    );
    const seen: string[] = [];
    const error = await (async () => {
      for await (const user of client.users.listAll()) seen.push(user.user_id);
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ParchmentPaginationError);
    expect((error as Error).message).toMatch(/page 1 says hasNext but gives no lastKey to follow$/);
    expect(seen).toEqual(["u1"]);
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
