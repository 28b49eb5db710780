// The retry layer: whether to send a request again and how long to wait first, decided
// apart from the waiting itself. Only idempotent requests are retried (GET and PUT in
// Parchment's API); POST /v1/token is never sent twice, since a token request that may have
// arrived must not be repeated. A request that is not idempotent but whose operation says so
// (a create) is sent again after a 429 alone: the server says it did not act on it.
import { MAX_TIMER_MS, check } from "./options.js";

export interface RetryOptions {
  /** Attempts in all, the first included. 1 disables retries. Default 3. */
  maxAttempts?: number;
  /** The most time, in milliseconds, spent waiting between the attempts of one call, all waits together. Default 30 000. */
  maxDelayMs?: number;
  /** The first backoff step, in milliseconds; doubled each attempt, with full jitter. Default 250. */
  baseDelayMs?: number;
}

export type RetryPolicy = Required<RetryOptions>;

export function retryPolicy(options: RetryOptions | false | undefined): RetryPolicy | undefined {
  if (options === false) return undefined;
  check(options === undefined || (typeof options === "object" && options !== null), "retry", "an object or false");
  // An option given as undefined is its default, as everywhere else (a spread would keep the undefined).
  const given = Object.fromEntries(Object.entries(options ?? {}).filter(([, value]) => value !== undefined));
  const policy = { maxAttempts: 3, maxDelayMs: 30_000, baseDelayMs: 250, ...given } as RetryPolicy;
  check(Number.isInteger(policy.maxAttempts) && policy.maxAttempts >= 1 && policy.maxAttempts <= 100, "retry.maxAttempts", "an integer from 1 to 100");
  for (const name of ["maxDelayMs", "baseDelayMs"] as const) {
    const value = policy[name];
    check(typeof value === "number" && value >= 0 && value <= MAX_TIMER_MS, `retry.${name}`, `a number of milliseconds from 0 to ${MAX_TIMER_MS}`);
  }
  return policy;
}

/** Statuses that say "try again later" without the request having been acted on. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/**
 * The statuses after which even a request that must not be made twice (a create, with no
 * idempotency key) may be sent again: only a 429 says the server did not act on it; a 502, 503
 * or 504 may come from in front of a server that did. verify's exchange reads the same set.
 */
export const NOT_ACTED_ON_STATUSES: ReadonlySet<number> = new Set([429]);

// RFC 9110 section 5.6.7: IMF-fixdate, and the obsolete RFC 850 and asctime forms.
const HTTP_DATE = [
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/,
  /^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \d{2}-(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)-\d{2} \d{2}:\d{2}:\d{2} GMT$/,
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/,
];

/**
 * Retry-After in milliseconds: non-negative delay-seconds ("120") or an HTTP date, as RFC 9110
 * allows. Anything else ("-5", "1.5", "soon") is undefined, so the caller falls back to backoff.
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!HTTP_DATE.some((form) => form.test(text))) return undefined;
  const date = Date.parse(text.endsWith("GMT") ? text : `${text} GMT`);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with full jitter for the given attempt (1 = after the first failure). */
export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  return Math.round(Math.random() * Math.min(MAX_TIMER_MS, policy.baseDelayMs * 2 ** (attempt - 1)));
}

/** What an attempt came to, as far as retrying is concerned. */
export interface AttemptOutcome {
  /** Whether the request may be sent again (GET and PUT in this API; never POST /v1/token). */
  idempotent: boolean;
  /** For a request that is not idempotent: whether a 429 may be retried all the same (the request was not acted on). */
  retryOn429?: boolean | undefined;
  /** The attempt that just ended, 1 for the first. */
  attempt: number;
  /** Milliseconds already spent waiting between this call's attempts. */
  waited: number;
  /** The status, when a response arrived; undefined for a network failure or a timeout. */
  status?: number;
  /** The response's Retry-After header, if any. */
  retryAfter?: string | null;
}

/**
 * How long to wait before the next attempt, or undefined when there is to be none: no policy,
 * a request that may not be sent twice (unless it may after a 429 and got one), a status that is not retryable, attempts used up, or a wait that would take
 * the call's waits past maxDelayMs.
 */
export function retryDelay(policy: RetryPolicy | undefined, outcome: AttemptOutcome): number | undefined {
  if (!policy || outcome.attempt >= policy.maxAttempts) return undefined;
  if (!outcome.idempotent && !(outcome.retryOn429 && outcome.status !== undefined && NOT_ACTED_ON_STATUSES.has(outcome.status))) return undefined;
  if (outcome.status !== undefined && !RETRYABLE_STATUSES.has(outcome.status)) return undefined;
  const delay = parseRetryAfter(outcome.retryAfter) ?? backoffDelay(policy, outcome.attempt);
  return outcome.waited + delay > policy.maxDelayMs ? undefined : delay;
}

/** Waits `ms` (at most MAX_TIMER_MS), or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      },
      Math.min(ms, MAX_TIMER_MS),
    );
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
