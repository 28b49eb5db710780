// How long verify waits before its one retry of a 429 or 503.
import { describe, expect, it } from "vitest";
import { retryDelayMs } from "contract-kit/verify";

describe("retryDelayMs", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  it.each([
    ["2", 2000],
    [" 0 ", 0],
    ["3600", 10_000], // bounded
    ["Thu, 01 Jan 2026 00:00:05 GMT", 5000],
    ["Wed, 31 Dec 2025 23:59:00 GMT", 0], // in the past
    ["-5", 1000], // not a number of seconds, not a date
    ["1.5", 1000],
    ["soon", 1000],
    [null, 1000],
  ])("Retry-After %j waits %i ms (at most 10 s)", (header, ms) => {
    expect(retryDelayMs(header, 10_000, now)).toBe(ms);
  });
});
