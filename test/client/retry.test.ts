import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createTokenProvider, ParchmentApiError, ParchmentNetworkError, ParchmentRateLimitError } from "../../src/index.js";
import { parseRetryAfter, retryDelay, retryPolicy } from "contract-kit/http";
import { testClient } from "../support/client.js";
import { BASE, ORG, ORG_SECRET, fakeFetch, problem, success, userFixture, type Handler } from "../support/fake-fetch.js";

const clientWith = (handler: Handler, retry?: { maxAttempts?: number; maxDelayMs?: number }) => testClient(handler, retry ? { retry } : {});

/** Settles a promise's outcome into a value, so a rejection is never unhandled while timers run. */
function settle<T>(promise: Promise<T>) {
  return promise.then(
    (value) => ({ value, error: undefined }),
    (error: unknown) => ({ value: undefined, error }),
  );
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date("2024-01-15T10:30:00.000Z"));
  vi.spyOn(Math, "random").mockReturnValue(1); // full jitter at its upper bound: 250, 500, 1000 ms
});
afterEach(() => {
  // Mocks first: a spy set on a fake setTimeout would otherwise put the fake back.
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe("retries", () => {
  it("retries a 503 after an exponential backoff", async () => {
    const { client, fetch } = clientWith((_request, call) => (call < 3 ? problem(503) : success(userFixture)));
    const result = settle(client.users.get("usr_1"));
    await vi.advanceTimersByTimeAsync(249);
    expect(fetch.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetch.requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(499);
    expect(fetch.requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect((await result).value).toEqual(userFixture);
    expect(fetch.requests).toHaveLength(3);
  });

  it.each([
    ["in seconds", 429, () => "2", 2000],
    ["as an HTTP date", 503, () => new Date(Date.now() + 5000).toUTCString(), 5000],
  ])("honours Retry-After %s", async (_form, status, header, waitMs) => {
    const retryAfter = header(); // read now: the fake clock starts at a fixed time
    const { client, fetch } = clientWith((_request, call) => (call === 1 ? problem(status, {}, {}, { "retry-after": retryAfter }) : success(userFixture)));
    const result = settle(client.users.get("usr_1"));
    await vi.advanceTimersByTimeAsync(waitMs - 1);
    expect(fetch.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect((await result).value).toEqual(userFixture);
  });

  it("gives up after maxAttempts and throws the last error", async () => {
    const { client, fetch } = clientWith(() => problem(502), { maxAttempts: 3 });
    const result = settle(client.users.get("usr_1"));
    await vi.advanceTimersByTimeAsync(10_000);
    expect((await result).error).toBeInstanceOf(ParchmentApiError);
    expect((await result).error).toMatchObject({ status: 502 });
    expect(fetch.requests).toHaveLength(3);
  });

  it("does not wait past maxDelayMs in total", async () => {
    const { client, fetch } = clientWith(() => problem(429, {}, {}, { "retry-after": "120" }), { maxDelayMs: 30_000 });
    const { error } = await settle(client.users.get("usr_1"));
    expect(error).toMatchObject({ status: 429, retryAfter: 120_000 });
    expect(fetch.requests).toHaveLength(1);
  });

  it("retries a network error on GET", async () => {
    const { client, fetch } = clientWith((_request, call) => {
      if (call === 1) throw new TypeError("fetch failed");
      return success(userFixture);
    });
    const result = settle(client.users.get("usr_1"));
    await vi.advanceTimersByTimeAsync(250);
    expect((await result).value).toEqual(userFixture);
    expect(fetch.requests).toHaveLength(2);
  });

  it("retries PUT with the same body", async () => {
    const { client, fetch } = clientWith((_request, call) => (call === 1 ? problem(504) : success({ user_id: "usr_1", access_roles: ["admin"] })));
    const result = settle(client.users.setRoles("usr_1", ["admin"]));
    await vi.advanceTimersByTimeAsync(250);
    expect((await result).value).toEqual({ user_id: "usr_1", access_roles: ["admin"] });
    expect(fetch.bodies).toEqual([{ access_roles: ["admin"] }, { access_roles: ["admin"] }]);
  });

  it.each([400, 401, 404, 409, 422, 500])("does not retry a %i", async (status) => {
    const { client, fetch } = clientWith(() => problem(status));
    const { error } = await settle(client.users.get("usr_1"));
    expect(error).toMatchObject({ status });
    expect(fetch.requests).toHaveLength(1);
  });

  it("retry: false sends once", async () => {
    const { client, fetch } = testClient(() => problem(503), { retry: false });
    await settle(client.users.get("usr_1"));
    expect(fetch.requests).toHaveLength(1);
  });

  it("an abort during the wait stops at once, with no further request", async () => {
    const { client, fetch } = clientWith(() => problem(503, {}, {}, { "retry-after": "10" }));
    const controller = new AbortController();
    const result = settle(client.users.get("usr_1", { signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(1000);
    controller.abort();
    const { error } = await result;
    expect((error as Error).name).toBe("AbortError");
    await vi.advanceTimersByTimeAsync(20_000);
    expect(fetch.requests).toHaveLength(1);
  });

  it("never retries POST /v1/token", async () => {
    for (const respond of [() => problem(503), () => { throw new TypeError("fetch failed"); }]) {
      const fetch = fakeFetch(respond);
      const provider = createTokenProvider({
        baseUrl: BASE, partnerId: "p", partnerSecret: "ps", organizationId: ORG, organizationSecret: ORG_SECRET, userId: "usr_1", scopes: ["read:user"], fetch,
      });
      const result = settle(provider());
      await vi.advanceTimersByTimeAsync(60_000);
      const { error } = await result;
      expect(error instanceof ParchmentApiError || error instanceof ParchmentNetworkError).toBe(true);
      expect(fetch.requests).toHaveLength(1);
    }
  });

  it.each(["-5", "1.5", "soon", "0x10", "1e3", "Tomorrow, 10am"])("an unreadable Retry-After %j falls back to backoff (250 ms first)", async (header) => {
    const { client, fetch } = clientWith((_request, call) => (call === 1 ? problem(503, {}, {}, { "retry-after": header }) : success(userFixture)));
    const result = settle(client.users.get("usr_1"));
    await vi.advanceTimersByTimeAsync(249);
    expect(fetch.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect((await result).value).toEqual(userFixture);
  });

  it.each(["429", "502", "504"])("retries a %s", async (status) => {
    const { client, fetch } = clientWith((_request, call) => (call === 1 ? problem(Number(status)) : success(userFixture)));
    const result = settle(client.users.get("usr_1"));
    await vi.advanceTimersByTimeAsync(250);
    expect((await result).value).toEqual(userFixture);
    expect(fetch.requests).toHaveLength(2);
  });

  it("a Retry-After past maxDelayMs is not waited for: the 429 is thrown at once, retryAfter in milliseconds", async () => {
    const { client, fetch } = clientWith(() => problem(429, { title: "Too Many Requests" }, {}, { "retry-after": "31" }));
    const result = settle(client.users.get("usr_1"));
    await vi.advanceTimersByTimeAsync(0);
    const { error } = await result;
    expect(error).toBeInstanceOf(ParchmentRateLimitError);
    expect(error).toMatchObject({ status: 429, retryAfter: 31_000 });
    expect(fetch.requests).toHaveLength(1);
  });

  it("a Retry-After beyond what a timer can hold (2^31-1 ms) neither fires at once nor is waited for", async () => {
    const { client, fetch } = clientWith(() => problem(503, {}, {}, { "retry-after": "99999999999" }), { maxDelayMs: 2 ** 31 - 1 });
    const result = settle(client.users.get("usr_1"));
    await vi.advanceTimersByTimeAsync(10);
    expect((await result).error).toMatchObject({ status: 503 });
    expect(fetch.requests).toHaveLength(1);
  });

  it("refuses retry delays a timer cannot hold", () => {
    expect(() => retryPolicy({ maxDelayMs: 2 ** 31 })).toThrow("retry.maxDelayMs must be a number of milliseconds from 0 to 2147483647");
    expect(() => retryPolicy({ maxAttempts: 2.5 })).toThrow("retry.maxAttempts must be an integer from 1 to 100");
  });
});

describe("parseRetryAfter and retryDelay", () => {
  const now = Date.parse("2024-01-15T10:30:00.000Z");

  it.each([
    ["120", 120_000],
    [" 0 ", 0],
    ["Mon, 15 Jan 2024 10:30:07 GMT", 7000],
    ["Monday, 15-Jan-24 10:30:07 GMT", 7000],
    ["Mon Jan 15 10:30:07 2024", 7000],
    ["Mon, 15 Jan 2024 10:00:00 GMT", 0],
    ["-5", undefined],
    ["1.5", undefined],
    ["2024-01-15T10:30:07Z", undefined],
    ["", undefined],
    [null, undefined],
  ])("%j is %s ms", (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });

  it("decides apart from waiting: only idempotent requests, only retryable statuses, within attempts and the budget", () => {
    const policy = retryPolicy({ maxAttempts: 3, maxDelayMs: 1000, baseDelayMs: 100 })!;
    expect(retryDelay(policy, { idempotent: false, attempt: 1, waited: 0 })).toBeUndefined();
    expect(retryDelay(policy, { idempotent: true, attempt: 1, waited: 0, status: 500 })).toBeUndefined();
    expect(retryDelay(policy, { idempotent: true, attempt: 3, waited: 0, status: 503 })).toBeUndefined();
    expect(retryDelay(policy, { idempotent: true, attempt: 1, waited: 0, status: 429, retryAfter: "1" })).toBe(1000);
    expect(retryDelay(policy, { idempotent: true, attempt: 1, waited: 1, status: 429, retryAfter: "1" })).toBeUndefined();
    expect(retryDelay(policy, { idempotent: true, attempt: 2, waited: 0 })).toBe(200); // Math.random is 1 here
    expect(retryDelay(undefined, { idempotent: true, attempt: 1, waited: 0 })).toBeUndefined();
  });
});
