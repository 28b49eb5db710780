import { describe, expect, it } from "vitest";
import { testClient } from "../support/client.js";
import { ORG, success, userFixture } from "../support/fake-fetch.js";

describe("path parameters", () => {
  it.each([
    ["usr_abc123def456", "usr_abc123def456"],
    ["a/b", "a%2Fb"],
    ["what?x=1", "what%3Fx%3D1"],
    ["frag#ment", "frag%23ment"],
    ["with space", "with%20space"],
    ["...", "..."],
    ["a..b", "a..b"],
    ["%2F", "%252F"],
  ])("user id %j stays one segment", async (userId, encoded) => {
    const { client, fetch } = testClient(() => success(userFixture));
    await client.users.setRoles(userId, ["admin"]).catch(() => undefined);
    const url = new URL(fetch.requests[0]!.url);
    expect(url.pathname).toBe(`/external/v1/organizations/${ORG}/users/${encoded}/roles`);
    expect(url.search).toBe("");
    expect(url.hash).toBe("");
  });
});

it.each([".", ".."])("user id %j is refused before anything is sent", async (userId) => {
  const { client, fetch } = testClient(() => success(userFixture));
  await expect(client.users.get(userId)).rejects.toThrow('userId must be other than "." or ".."');
  expect(fetch.requests).toHaveLength(0);
});
