import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createTokenProvider, ParchmentApiError, ParchmentResponseError } from "../../src/index.js";
import { testClient } from "../support/client.js";
import { BASE, ORG, ORG_SECRET, fakeFetch, problem, success, userFixture, type Handler } from "../support/fake-fetch.js";

const PARTNER_SECRET = "ps_test_partner_secret_value";

function providerWith(handler: Handler, extra: Record<string, unknown> = {}) {
  const fetch = fakeFetch(handler);
  const provider = createTokenProvider({
    baseUrl: BASE,
    partnerId: "partner_acme",
    partnerSecret: PARTNER_SECRET,
    organizationId: ORG,
    organizationSecret: ORG_SECRET,
    userId: "usr_abc123def456",
    scopes: ["read:user", "read:users", "update:user"],
    fetch,
    ...extra,
  });
  return { provider, fetch };
}

/** A token endpoint that issues tok-1, tok-2, ... each valid for `expiresIn` seconds. */
const issuing =
  (expiresIn = 3600): Handler =>
  (_request, call) =>
    success({ accessToken: `tok-${call}`, expiresIn, tokenType: "Bearer", scope: ["read:user"] });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2024-01-15T10:30:00.000Z"));
});
afterEach(() => vi.useRealTimers());

describe("forUser: one provider for many acting users", () => {
  it("keeps one token per (user, sorted scopes), sends that user's x-user-id, and shares one request per key", async () => {
    let issued = 0;
    const { provider, fetch } = providerWith(() => success({ accessToken: `tok-${++issued}`, expiresIn: 3600, tokenType: "Bearer", scope: [] }));
    const bob = provider.forUser("usr_bob");
    const bobReversed = provider.forUser("usr_bob", ["update:user", "read:users", "read:user"]);
    const bobNarrow = provider.forUser("usr_bob", ["read:user"]);
    const tokens = await Promise.all([provider(), provider(), bob(), bob(), bobReversed(), bobNarrow(), bobNarrow()]);
    expect(fetch.requests).toHaveLength(3);
    expect(tokens[0]).toBe(tokens[1]);
    expect(tokens[2]).toBe(tokens[4]); // same user, same scopes in another order: one entry
    expect(new Set(tokens).size).toBe(3);
    expect(fetch.requests.map((request) => request.headers.get("x-user-id"))).toEqual(["usr_abc123def456", "usr_bob", "usr_bob"]);
    expect(fetch.bodies[2]).toMatchObject({ scope: ["read:user"] });
    expect([bob.userId, bobNarrow.scopes]).toEqual(["usr_bob", ["read:user"]]);
  });

  it("invalidates only the entry of the token the server refused", async () => {
    const { provider, fetch } = providerWith(issuing());
    const bob = provider.forUser("usr_bob");
    const [mine, bobs] = [await provider(), await bob()];
    bob.invalidate(mine); // not bob's token: nothing happens
    expect(await bob()).toBe(bobs);
    bob.invalidate(bobs);
    expect(await bob()).not.toBe(bobs);
    expect(await provider()).toBe(mine);
    expect(fetch.requests).toHaveLength(3);
  });

  it("keeps at most maxCachedTokens entries, dropping the least recently used", async () => {
    const { provider, fetch } = providerWith(issuing(), { maxCachedTokens: 2 });
    const [a, b, c] = ["usr_a", "usr_b", "usr_c"].map((user) => provider.forUser(user));
    await a!();
    await b!();
    await a!(); // a is now the most recently used
    await c!(); // drops b
    expect(fetch.requests).toHaveLength(3);
    await a!();
    expect(fetch.requests).toHaveLength(3);
    await b!();
    expect(fetch.requests).toHaveLength(4);
  });

  it("refuses a userId that cannot be sent in a header", () => {
    const { provider } = providerWith(issuing());
    expect(() => provider.forUser("usr\nevil")).toThrow("userId must be a string without control characters");
    expect(() => provider.forUser("usr_b", [])).toThrow("scopes must be a non-empty array of scope names");
  });
});

describe("createTokenProvider", () => {
  it("asks POST /v1/token with the five headers and the scopes, without a bearer token", async () => {
    const { provider, fetch } = providerWith(issuing());
    await expect(provider()).resolves.toBe("tok-1");
    const [request] = fetch.requests;
    expect(request!.method).toBe("POST");
    expect(request!.url).toBe(`${BASE}/v1/token`);
    expect(Object.fromEntries([...request!.headers].filter(([name]) => name.startsWith("x-")))).toEqual({
      "x-partner-id": "partner_acme",
      "x-partner-secret": PARTNER_SECRET,
      "x-organization-id": ORG,
      "x-organization-secret": ORG_SECRET,
      "x-user-id": "usr_abc123def456",
    });
    expect(request!.headers.get("authorization")).toBeNull();
    expect(fetch.bodies[0]).toEqual({ grantType: "client_credentials", scope: ["read:user", "read:users", "update:user"] });
  });

  it("caches the token until expiresIn minus the margin", async () => {
    const { provider, fetch } = providerWith(issuing(3600));
    expect(await provider()).toBe("tok-1");
    vi.advanceTimersByTime(3_539_999);
    expect(await provider()).toBe("tok-1");
    vi.advanceTimersByTime(1);
    expect(await provider()).toBe("tok-2");
    expect(fetch.requests).toHaveLength(2);
  });

  it("uses at most half the lifetime as margin for short-lived tokens", async () => {
    const { provider } = providerWith(issuing(60));
    await provider();
    vi.advanceTimersByTime(29_999);
    expect(await provider()).toBe("tok-1");
    vi.advanceTimersByTime(1);
    expect(await provider()).toBe("tok-2");
  });

  it("shares one request among concurrent callers", async () => {
    const { provider, fetch } = providerWith(issuing());
    const tokens = await Promise.all(Array.from({ length: 5 }, () => provider()));
    expect(tokens).toEqual(Array(5).fill("tok-1"));
    expect(fetch.requests).toHaveLength(1);
  });

  it("does not cache a failure", async () => {
    const { provider, fetch } = providerWith((request, call) => (call === 1 ? problem(401) : issuing()(request, call)));
    await expect(provider()).rejects.toBeInstanceOf(ParchmentApiError);
    await expect(provider()).resolves.toBe("tok-2");
    expect(fetch.requests).toHaveLength(2);
  });

  it.each([
    ["no accessToken", { expiresIn: 3600, tokenType: "Bearer" }, "no accessToken that can be sent in a header"],
    ["an empty accessToken", { accessToken: "", expiresIn: 3600 }, "no accessToken that can be sent in a header"],
    ["an accessToken with a newline", { accessToken: "tok-part-one\r\nx-evil: 1", expiresIn: 3600 }, "no accessToken that can be sent in a header"],
    ["no expiresIn", { accessToken: "tok-x", tokenType: "Bearer" }, "no positive expiresIn"],
    ["expiresIn as a string", { accessToken: "tok-x", expiresIn: "3600" }, "no positive expiresIn"],
    ["expiresIn of 0", { accessToken: "tok-x", expiresIn: 0 }, "no positive expiresIn"],
  ])("a grant with %s is a ParchmentResponseError, and nothing is cached", async (_name, grant, why) => {
    const { provider, fetch } = providerWith((request, call) => (call === 1 ? success(grant, "req_grant") : issuing()(request, call)));
    const error = await provider().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ParchmentResponseError);
    expect((error as Error).message).toBe(`POST /v1/token: 200 token grant has ${why} (requestId req_grant)`);
    await expect(provider()).resolves.toBe("tok-2");
    expect(fetch.requests).toHaveLength(2);
  });

  it("invalidate() forgets the token; invalidate(other) leaves a newer one alone", async () => {
    const { provider } = providerWith(issuing());
    await provider();
    provider.invalidate("tok-0");
    expect(await provider()).toBe("tok-1");
    provider.invalidate("tok-1");
    expect(await provider()).toBe("tok-2");
    provider.invalidate();
    expect(await provider()).toBe("tok-3");
  });

  it.each([
    ["partnerSecret", { partnerSecret: "" }],
    ["userId", { userId: undefined }],
    ["scopes", { scopes: [] }],
    ["refreshMarginMs", { refreshMarginMs: 0 }],
    ["refreshMarginMs", { refreshMarginMs: Number.NaN }],
    ["refreshMarginMs", { refreshMarginMs: Number.POSITIVE_INFINITY }],
    ["timeoutMs", { timeoutMs: 3e9 }],
  ])("rejects a bad %s option by name", (name, override) => {
    expect(() => providerWith(issuing(), override)).toThrow(new RegExp(`^${name} must`));
  });
});

describe("the client with a token provider", () => {
  function setup(userHandler: Handler) {
    const { provider, fetch: tokenFetch } = providerWith(issuing());
    const { client, fetch } = testClient(userHandler, { token: provider });
    return { client, fetch, tokenFetch };
  }

  it("after a 401 invalidates the token and retries once with a new one", async () => {
    const { client, fetch, tokenFetch } = setup((request) =>
      request.headers.get("authorization") === "Bearer tok-1" ? problem(401, { type: "https://parchment.health/errors/token-expired" }) : success(userFixture),
    );
    await expect(client.users.get("usr_1")).resolves.toEqual(userFixture);
    expect(fetch.requests.map((request) => request.headers.get("authorization"))).toEqual(["Bearer tok-1", "Bearer tok-2"]);
    expect(tokenFetch.requests).toHaveLength(2);
  });

  it("a second 401 is thrown, not retried again", async () => {
    const { client, fetch } = setup(() => problem(401));
    await expect(client.users.update("usr_1", { full_name: "x" })).rejects.toMatchObject({ status: 401 });
    expect(fetch.requests).toHaveLength(2);
    expect(fetch.bodies).toEqual([{ full_name: "x" }, { full_name: "x" }]);
  });

  it("a static token is not retried after a 401", async () => {
    const { client, fetch } = testClient(() => problem(401), { token: "static-token" });
    await expect(client.users.get("usr_1")).rejects.toMatchObject({ status: 401 });
    expect(fetch.requests).toHaveLength(1);
  });
});
