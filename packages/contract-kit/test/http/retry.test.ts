// The retry layer on its own: the policy's checks, Retry-After as a server writes it (and as
// an attacker does), the decision whether and how long to wait, and the wait itself.
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MAX_TIMER_MS, RETRYABLE_STATUSES, backoffDelay, parseRetryAfter, retryDelay, retryPolicy, sleep, type RetryPolicy } from "contract-kit/http";
import { everyView } from "contract-kit/test-support";

afterEach(() => {
  // Mocks first: a spy set on a fake setTimeout would otherwise put the fake back.
  vi.restoreAllMocks();
  vi.useRealTimers();
});

const NOW = Date.parse("2024-01-15T10:30:00.000Z");
const policy = (options: Partial<RetryPolicy> = {}) => retryPolicy(options)!;

describe("retryPolicy", () => {
  it("is off with false, the documented defaults with nothing, and the caller's values over them", () => {
    expect(retryPolicy(false)).toBeUndefined();
    expect(retryPolicy(undefined)).toEqual({ maxAttempts: 3, maxDelayMs: 30_000, baseDelayMs: 250 });
    expect(retryPolicy({})).toEqual({ maxAttempts: 3, maxDelayMs: 30_000, baseDelayMs: 250 });
    expect(retryPolicy({ maxAttempts: 5 })).toEqual({ maxAttempts: 5, maxDelayMs: 30_000, baseDelayMs: 250 });
  });

  it("an option given as undefined is its default, as with every other option", () => {
    expect(retryPolicy({ maxAttempts: undefined, maxDelayMs: undefined, baseDelayMs: undefined })).toEqual({ maxAttempts: 3, maxDelayMs: 30_000, baseDelayMs: 250 });
  });

  it("takes the boundaries: 1 and 100 attempts, 0 and 2^31-1 ms", () => {
    expect(retryPolicy({ maxAttempts: 1, maxDelayMs: 0, baseDelayMs: 0 })).toEqual({ maxAttempts: 1, maxDelayMs: 0, baseDelayMs: 0 });
    expect(retryPolicy({ maxAttempts: 100, maxDelayMs: MAX_TIMER_MS, baseDelayMs: MAX_TIMER_MS })).toEqual({ maxAttempts: 100, maxDelayMs: MAX_TIMER_MS, baseDelayMs: MAX_TIMER_MS });
  });

  it.each([null, true, 3, "3"])("refuses retry: %j", (value) => {
    expect(() => retryPolicy(value as never)).toThrow(new TypeError("retry must be an object or false"));
  });

  it.each([0, -1, 1.5, 101, Number.NaN, Number.POSITIVE_INFINITY, "3", null])("refuses maxAttempts %s", (value) => {
    expect(() => retryPolicy({ maxAttempts: value as number })).toThrow(new TypeError("retry.maxAttempts must be an integer from 1 to 100"));
  });

  it.each(["maxDelayMs", "baseDelayMs"] as const)("refuses a %s a timer cannot hold, or no number at all", (name) => {
    for (const value of [-1, -0.5, 2 ** 31, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, "100", null]) {
      expect(() => retryPolicy({ [name]: value })).toThrow(new TypeError(`retry.${name} must be a number of milliseconds from 0 to 2147483647`));
    }
  });

  it("never echoes the value it refuses", () => {
    const secret = "sk_live_9f3b2c7e1d4a8f6b0e5c";
    for (const options of [{ maxAttempts: secret }, { maxDelayMs: secret }, { baseDelayMs: secret }]) {
      let thrown: unknown;
      try {
        retryPolicy(options as never);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(TypeError);
      expect(everyView(thrown)).not.toContain(secret);
    }
  });
});

describe("parseRetryAfter", () => {
  it.each([
    ["0", 0],
    ["120", 120_000],
    [" 7 ", 7000],
    ["007", 7000],
    ["Mon, 15 Jan 2024 10:30:07 GMT", 7000], // IMF-fixdate
    ["Monday, 15-Jan-24 10:30:07 GMT", 7000], // RFC 850
    ["Mon Jan 15 10:30:07 2024", 7000], // asctime
    ["Fri Jan  5 10:30:00 2024", 0], // asctime, a space-padded day, in the past
    ["Mon, 15 Jan 2024 10:00:00 GMT", 0], // in the past: at once, never negative
    ["Thu, 01 Jan 1970 00:00:00 GMT", 0],
  ])("%j is %i ms", (header, ms) => {
    expect(parseRetryAfter(header, NOW)).toBe(ms);
  });

  it.each([
    "-5",
    "+5",
    "1.5",
    "1e3",
    "0x10",
    "5s",
    "5 seconds",
    "soon",
    "Infinity",
    "NaN",
    "2024-01-15T10:30:07Z",
    "Mon, 15 Jan 2024 10:30:07 UTC",
    "mon, 15 jan 2024 10:30:07 gmt",
    "Mon, 32 Jan 2024 10:30:07 GMT",
    "Mon, 15 Jan 2024 10:30:07 GMT; x=1",
    "Mon, 15 Jan 2024 10:30:07",
    "1, 2",
    "",
    "   ",
  ])("garbage %j is undefined (the caller falls back to backoff)", (header) => {
    expect(parseRetryAfter(header, NOW)).toBeUndefined();
  });

  it("null and undefined are undefined", () => {
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
  });

  it("huge values are read as huge, not wrapped or negative: the budget, not the parser, refuses them", () => {
    expect(parseRetryAfter("99999999999", NOW)).toBe(99_999_999_999_000);
    expect(parseRetryAfter("9".repeat(400), NOW)).toBe(Number.POSITIVE_INFINITY);
    expect(parseRetryAfter("Fri, 31 Dec 9999 23:59:59 GMT", NOW)).toBe(Date.parse("9999-12-31T23:59:59Z") - NOW);
  });

  it("a date is read against the clock when no `now` is given", () => {
    vi.useFakeTimers({ now: NOW });
    expect(parseRetryAfter("Mon, 15 Jan 2024 10:30:09 GMT")).toBe(9000);
  });

  it("a long string of digits and spaces is parsed in linear time", () => {
    const started = performance.now();
    expect(parseRetryAfter(`${" ".repeat(100_000)}1${" ".repeat(100_000)}x`, NOW)).toBeUndefined();
    expect(parseRetryAfter(`Mon, ${"1".repeat(200_000)}`, NOW)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe("backoffDelay", () => {
  it("is full jitter over base * 2^(attempt-1): from 0 up to the step", () => {
    const random = vi.spyOn(Math, "random");
    const p = policy({ baseDelayMs: 100 });
    random.mockReturnValue(0);
    expect([1, 2, 3].map((n) => backoffDelay(p, n))).toEqual([0, 0, 0]);
    random.mockReturnValue(0.5);
    expect([1, 2, 3].map((n) => backoffDelay(p, n))).toEqual([50, 100, 200]);
    random.mockReturnValue(0.999999);
    expect([1, 2, 3].map((n) => backoffDelay(p, n))).toEqual([100, 200, 400]);
  });

  it("never exceeds what a timer can hold, however many attempts", () => {
    vi.spyOn(Math, "random").mockReturnValue(0.999999999);
    const p = policy({ maxAttempts: 100, baseDelayMs: MAX_TIMER_MS });
    for (const attempt of [1, 2, 40, 99, 1100]) expect(backoffDelay(p, attempt)).toBeLessThanOrEqual(MAX_TIMER_MS);
  });
});

describe("retryDelay", () => {
  const base = { idempotent: true, attempt: 1, waited: 0 };

  it("retries only 429, 502, 503 and 504 among statuses, and a failure with no status (network, timeout)", () => {
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    const p = policy({ baseDelayMs: 100 });
    expect([...RETRYABLE_STATUSES].sort()).toEqual([429, 502, 503, 504]);
    for (const status of [429, 502, 503, 504]) expect(retryDelay(p, { ...base, status })).toBe(50);
    expect(retryDelay(p, base)).toBe(50);
    for (const status of [200, 201, 204, 301, 304, 400, 401, 403, 404, 408, 409, 422, 425, 500, 501, 505, 599]) {
      expect(retryDelay(p, { ...base, status }), `status ${status}`).toBeUndefined();
    }
  });

  it("never retries a request that may not be sent twice, whatever the failure or Retry-After", () => {
    const p = policy();
    for (const status of [undefined, 429, 502, 503, 504]) {
      expect(retryDelay(p, { ...base, idempotent: false, status, retryAfter: "0" })).toBeUndefined();
    }
  });

  it("stops when the attempts are used up, and never retries without a policy", () => {
    const p = policy({ maxAttempts: 3 });
    expect(retryDelay(p, { ...base, attempt: 2, status: 503, retryAfter: "0" })).toBe(0);
    expect(retryDelay(p, { ...base, attempt: 3, status: 503, retryAfter: "0" })).toBeUndefined();
    expect(retryDelay(policy({ maxAttempts: 1 }), { ...base, status: 503, retryAfter: "0" })).toBeUndefined();
    expect(retryDelay(undefined, { ...base, status: 503, retryAfter: "0" })).toBeUndefined();
  });

  it("waits what Retry-After says, seconds or date, rather than backoff, even when shorter", () => {
    vi.useFakeTimers({ now: NOW });
    vi.spyOn(Math, "random").mockReturnValue(0.999);
    const p = policy({ baseDelayMs: 10_000 });
    expect(retryDelay(p, { ...base, status: 429, retryAfter: "2" })).toBe(2000);
    expect(retryDelay(p, { ...base, status: 503, retryAfter: "0" })).toBe(0);
    expect(retryDelay(p, { ...base, status: 503, retryAfter: "Mon, 15 Jan 2024 10:30:05 GMT" })).toBe(5000);
    expect(retryDelay(p, { ...base, status: 503, retryAfter: "soon" })).toBe(9990); // garbage: backoff
  });

  it("keeps the call's waits within maxDelayMs: up to it exactly, not a millisecond past", () => {
    const p = policy({ maxDelayMs: 5000 });
    expect(retryDelay(p, { ...base, status: 429, retryAfter: "5" })).toBe(5000);
    expect(retryDelay(p, { ...base, waited: 1, status: 429, retryAfter: "5" })).toBeUndefined();
    expect(retryDelay(p, { ...base, attempt: 2, waited: 3000, status: 429, retryAfter: "2" })).toBe(2000);
    expect(retryDelay(p, { ...base, attempt: 2, waited: 3001, status: 429, retryAfter: "2" })).toBeUndefined();
    expect(retryDelay(policy({ maxDelayMs: 0 }), { ...base, status: 429, retryAfter: "1" })).toBeUndefined();
  });

  it("refuses a huge Retry-After at once rather than waiting it or firing early", () => {
    const p = policy({ maxDelayMs: MAX_TIMER_MS });
    for (const retryAfter of ["99999999999", "2147484", "9".repeat(400), "Fri, 31 Dec 9999 23:59:59 GMT"]) {
      expect(retryDelay(p, { ...base, status: 503, retryAfter }), retryAfter).toBeUndefined();
    }
    expect(retryDelay(p, { ...base, status: 503, retryAfter: "2147483" })).toBe(2_147_483_000);
  });

  it("property: a delay is a whole, non-negative number a timer can hold, within what is left of the budget", () => {
    fc.assert(
      fc.property(
        fc.record({
          maxAttempts: fc.integer({ min: 1, max: 100 }),
          maxDelayMs: fc.integer({ min: 0, max: MAX_TIMER_MS }),
          baseDelayMs: fc.integer({ min: 0, max: MAX_TIMER_MS }),
        }),
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 0, max: MAX_TIMER_MS }),
        fc.constantFrom(undefined, 429, 502, 503, 504, 500),
        fc.oneof(fc.constant(null), fc.nat().map(String), fc.string(), fc.date().map((date) => (Number.isNaN(date.getTime()) ? "x" : date.toUTCString()))),
        (options, attempt, waited, status, retryAfter) => {
          const delay = retryDelay(retryPolicy(options), { idempotent: true, attempt, waited, status, retryAfter });
          if (delay === undefined) return;
          expect(Number.isInteger(delay)).toBe(true);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThanOrEqual(MAX_TIMER_MS);
          expect(waited + delay).toBeLessThanOrEqual(options.maxDelayMs);
        },
      ),
    );
  });
});

describe("sleep", () => {
  it("resolves after the time given, not before", async () => {
    vi.useFakeTimers();
    let done = false;
    const wait = sleep(1000, undefined).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await wait;
    expect(done).toBe(true);
  });

  it("rejects with the reason of a signal already aborted, and sets no timer", async () => {
    vi.useFakeTimers();
    const reason = new Error("caller gave up");
    await expect(sleep(1000, AbortSignal.abort(reason))).rejects.toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("rejects with the signal's reason as soon as it aborts mid-wait, and clears its timer", async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const wait = sleep(60_000, controller.signal);
    const settled = wait.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(100);
    const reason = new Error("caller gave up");
    controller.abort(reason);
    expect(await settled).toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("lets go of the signal once it has waited (no listener left on a long-lived signal)", async () => {
    const controller = new AbortController();
    const add = vi.spyOn(controller.signal, "addEventListener");
    const remove = vi.spyOn(controller.signal, "removeEventListener");
    await sleep(1, controller.signal);
    expect(add).toHaveBeenCalledTimes(1);
    expect(remove).toHaveBeenCalledWith("abort", add.mock.calls[0]![1]);
  });

  it("a wait longer than a timer can hold sets no timer past 2^31-1 ms", async () => {
    const spy = vi.spyOn(globalThis, "setTimeout");
    const controller = new AbortController();
    const wait = sleep(2 ** 40, controller.signal).catch(() => undefined);
    controller.abort();
    await wait;
    const delays = spy.mock.calls.map((call) => call[1] ?? 0);
    expect(delays.length).toBeGreaterThan(0);
    for (const delay of delays) expect(delay).toBeLessThanOrEqual(MAX_TIMER_MS);
  });

  it("a wait of 2^31 ms (and more) really waits: it does not overflow into firing at once", async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on("warning", onWarning);
    try {
      for (const ms of [2 ** 31, 2 ** 32 + 5, Number.MAX_SAFE_INTEGER]) {
        const controller = new AbortController();
        let resolved = false;
        const wait = sleep(ms, controller.signal).then(
          () => (resolved = true),
          () => undefined,
        );
        await new Promise((resolve) => setTimeout(resolve, 30));
        expect(resolved, `sleep(${ms})`).toBe(false);
        controller.abort();
        await wait;
      }
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((warning) => warning.name === "TimeoutOverflowWarning")).toEqual([]);
    } finally {
      process.off("warning", onWarning);
    }
  });
});
