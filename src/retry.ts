// When and how long to wait before sending a request again.
import { check } from "./options.js";

export interface RetryOptions {
  /** Attempts in all, the first included. 1 disables retries. Default 3. */
  maxAttempts?: number;
  /** The most time spent waiting between attempts of one call, in total. Default 30 000 ms. */
  maxDelayMs?: number;
  /** The first backoff step; doubled each attempt, with full jitter. Default 250 ms. */
  baseDelayMs?: number;
}

export type RetryPolicy = Required<RetryOptions>;

export function retryPolicy(options: RetryOptions | false | undefined): RetryPolicy | undefined {
  if (options === false) return undefined;
  const policy = { maxAttempts: 3, maxDelayMs: 30_000, baseDelayMs: 250, ...options };
  for (const [name, value] of Object.entries(policy)) {
    const least = name === "maxAttempts" ? 1 : 0;
    check(value >= least && value < Infinity, `retry.${name}`, `a finite number >= ${least}`);
  }
  return policy;
}

/** Statuses that say "try again later" without the request having been acted on. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/** Retry-After as milliseconds: either delay-seconds or an HTTP date. Undefined if absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value?.trim()) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return +value * 1000;
  const date = Date.parse(value);
  return date >= 0 ? Math.max(0, date - now) : undefined;
}

/** Exponential backoff with full jitter for the given attempt (1 = after the first failure). */
export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  return Math.round(Math.random() * policy.baseDelayMs * 2 ** (attempt - 1));
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
