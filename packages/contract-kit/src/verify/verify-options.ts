// The options every vendor's verify takes, checked once for all of them before any request:
// the base URL by the clients' own rule, the credentials as header values, and each limit a
// positive number a timer (or a read) can honour. A bad option is a TypeError naming it, never
// its value. Checked here rather than by each vendor, since two copies drifted: both took a
// timeoutMs of 0 or 3e9, which Node's timer turns into 1 ms, so every probe "timed out".
import { baseUrlOption, check, headerString, positiveNumber, timerOption } from "../http/options.js";
import type { ExchangeOptions } from "./exchange.js";

/** What every vendor's verify options hold besides its credentials and ids. */
export interface VerifyBaseOptions {
  /** http(s), without credentials, a query or a fragment. */
  baseUrl: string;
  /** Also make the vendor's writes (each put back). */
  allowWrites?: boolean;
  /** Per request, for the headers and the whole body. Default 15 000, at most MAX_TIMER_MS. */
  timeoutMs?: number;
  /** The largest body read. Default 4 MiB. */
  maxBodyBytes?: number;
  /** The longest Retry-After waited before the one retry of a 429 or 503. Default 10 000, at most MAX_TIMER_MS. */
  maxRetryAfterMs?: number;
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

/** The string options a vendor's verify takes, by kind. */
export interface VerifyStringOptions<O> {
  /** Sent in a header (a token, a secret, an API key): non-blank and sendable as a header value. */
  credentials: ReadonlyArray<keyof O & string>;
  /** Required ids (put into paths): non-blank strings. */
  required?: ReadonlyArray<keyof O & string>;
  /** Ids that may be left out: non-empty strings when given. */
  optional?: ReadonlyArray<keyof O & string>;
}

export interface CheckedVerifyOptions {
  /** Without a trailing slash. */
  baseUrl: string;
  /** What each probe's exchange is made with. */
  transport: ExchangeOptions;
}

export const VERIFY_DEFAULTS = { timeoutMs: 15_000, maxBodyBytes: 4 * 1024 * 1024, maxRetryAfterMs: 10_000 } as const;

export function checkVerifyOptions<O extends VerifyBaseOptions>(options: O, strings: VerifyStringOptions<O>): CheckedVerifyOptions {
  check(typeof options === "object" && options !== null, "options", "an object");
  const baseUrl = baseUrlOption(options.baseUrl);
  const value = (name: string) => (options as Record<string, unknown>)[name];
  for (const name of strings.credentials) headerString(name, value(name));
  for (const name of strings.required ?? []) check(typeof value(name) === "string" && (value(name) as string).trim(), name, "a non-empty string");
  for (const name of strings.optional ?? []) check(value(name) === undefined || (typeof value(name) === "string" && value(name)), name, "a non-empty string");
  check(options.allowWrites === undefined || typeof options.allowWrites === "boolean", "allowWrites", "a boolean");
  check(options.fetch === undefined || typeof options.fetch === "function", "fetch", "a function");
  return {
    baseUrl,
    transport: {
      fetch: options.fetch ?? fetch,
      timeoutMs: timerOption("timeoutMs", options.timeoutMs, VERIFY_DEFAULTS.timeoutMs),
      maxBodyBytes: positiveNumber("maxBodyBytes", options.maxBodyBytes, VERIFY_DEFAULTS.maxBodyBytes),
      maxRetryAfterMs: timerOption("maxRetryAfterMs", options.maxRetryAfterMs, VERIFY_DEFAULTS.maxRetryAfterMs),
      signal: options.signal,
    },
  };
}
