// Checks the options a caller passes, naming the option at fault and never its value
// (several of them are secrets). A bad option is a TypeError thrown when the client or
// provider is made, before any request.

import { MAX_SECRET_LENGTH } from "./redact.js";

/** The longest delay a timer can wait: setTimeout fires at once past it. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

/**
 * A refused option: "<option> must be <expected>", never its value (it may be a secret). A
 * TypeError, so callers catch it as one; `option` and `expected` let a command line say the
 * same about its flag.
 */
export class OptionError extends TypeError {
  declare readonly option: string;
  declare readonly expected: string;
  constructor(option: string, expected: string) {
    super(`${option} must be ${expected}`);
    // Not enumerable: the error shows, serialises and compares as the plain TypeError it was.
    Object.defineProperties(this, { option: { value: option }, expected: { value: expected } });
  }
}
// Printed as the TypeError it is ("TypeError: timeoutMs must be ..."), whatever a minifier renames.
OptionError.prototype.name = "TypeError";

/** Throws an OptionError "<name> must be <what>" unless `ok`. */
export function check(ok: unknown, name: string, what: string): void {
  if (!ok) throw new OptionError(name, what);
}

/**
 * Whether a string can be sent as an HTTP header value as it is: no control characters
 * (a newline would split the header), nothing outside Latin-1, no surrounding spaces, and no
 * longer than a header can reasonably carry (MAX_SECRET_LENGTH: Node refuses 16 kB of headers
 * in all, and every secret is also kept by a redactor).
 */
export const isHeaderValue = (value: string): boolean =>
  value.length <= MAX_SECRET_LENGTH && /^[\x21-\x7e\x80-\xff]([\x20-\x7e\x80-\xff]*[\x21-\x7e\x80-\xff])?$/.test(value);

/** A non-empty string that can be sent in a header (ids and secrets are). */
export function headerString(name: string, value: unknown): string {
  check(typeof value === "string" && value.trim(), name, "a non-empty string");
  check((value as string).length <= MAX_SECRET_LENGTH, name, `at most ${MAX_SECRET_LENGTH} characters (it is sent in a header)`);
  check(isHeaderValue(value as string), name, "a string without control characters or surrounding spaces (it is sent in a header)");
  return value as string;
}

/** A non-empty string sent as one path segment; URLs resolve "." and ".." (even percent-encoded) as folders, so they cannot be one. */
export function pathSegment(name: string, value: unknown): string {
  check(typeof value === "string" && value, name, "a non-empty string");
  check(value !== "." && value !== "..", name, 'other than "." or ".."');
  return value as string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The spec types organization_id as a UUID. */
export function uuidOption(name: string, value: unknown): string {
  check(typeof value === "string" && UUID.test(value), name, "a UUID (format: uuid in openapi.yaml)");
  return value as string;
}

/**
 * The base URL without a trailing slash; `fallback` (the spec's server) when none is given. A
 * URL with a user name or password is refused (it would be printed in errors and sent along),
 * without echoing it.
 */
export function baseUrlOption(value: unknown, fallback?: string): string {
  if (value === undefined && fallback !== undefined) return fallback;
  check(typeof value === "string" && URL.canParse(value), "baseUrl", BASE_URL_RULES.absolute);
  const url = new URL(value as string);
  check(url.protocol === "http:" || url.protocol === "https:", "baseUrl", BASE_URL_RULES.absolute);
  check(!url.username && !url.password, "baseUrl", BASE_URL_RULES.noCredentials);
  // An empty query or fragment ("…/v1?") leaves search and hash empty but the "?" or "#" in href,
  // and every path appended to the base would land in it.
  check(!/[?#]/.test(url.href), "baseUrl", BASE_URL_RULES.noQuery);
  return url.href.replace(/\/+$/, "");
}

/** What baseUrlOption requires, each the `expected` of its OptionError (the CLI words each as a flag's rule). */
export const BASE_URL_RULES = {
  absolute: "an absolute http(s) URL",
  noCredentials: "a URL without credentials (user:password@)",
  noQuery: "a URL without a query or fragment",
} as const;

/** A positive number of milliseconds (or bytes) no larger than `max`; `fallback` when absent. */
export function positiveNumber(name: string, value: unknown, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  check(value === undefined || (typeof value === "number" && value > 0 && value <= max), name, `a positive number no larger than ${max}`);
  return (value as number | undefined) ?? fallback;
}

/** A delay or deadline in milliseconds: positive, and no longer than a timer can wait (Node fires a longer one after 1 ms). */
export function timerOption(name: string, value: unknown, fallback: number): number {
  return positiveNumber(name, value, fallback, MAX_TIMER_MS);
}

export function fetchOption(value: unknown): FetchLike {
  check(value === undefined || typeof value === "function", "fetch", "a function");
  // Looked up per call, so a fetch installed (or mocked) after the client was made is used.
  return (value as FetchLike | undefined) ?? ((input, init) => globalThis.fetch(input, init));
}

/** The User-Agent sent with every request: ours ("name/version"), then the caller's product, if given. */
export function userAgentOption(ours: string, product: unknown): string {
  if (product === undefined) return ours;
  return `${ours} ${headerString("userAgent", product)}`;
}
