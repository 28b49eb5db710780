// Checks the options a caller passes, naming the option at fault and never its value
// (several of them are secrets).
import { PARCHMENT_SERVERS } from "./types.js";
import type { FetchLike } from "./transport.js";

/** Throws a TypeError "<name> must be <what>" unless `ok`. */
export function check(ok: unknown, name: string, what: string): void {
  if (!ok) throw new TypeError(`${name} must be ${what}`);
}

export function requireString(name: string, value: unknown): string {
  check(typeof value === "string" && value.trim(), name, "a non-empty string");
  return value as string;
}

/** The base URL without a trailing slash; the spec's sandbox server when none is given. */
export function baseUrlOption(value: unknown): string {
  if (value === undefined) return PARCHMENT_SERVERS.sandbox;
  const url = requireString("baseUrl", value);
  check(/^https?:$/.test(URL.canParse(url) ? new URL(url).protocol : ""), "baseUrl", "an absolute http(s) URL");
  return url.replace(/\/+$/, "");
}

export function positiveNumber(name: string, value: unknown, fallback: number): number {
  check(value === undefined || (typeof value === "number" && value > 0 && value < Infinity), name, "a positive number");
  return (value as number | undefined) ?? fallback;
}

export function fetchOption(value: unknown): FetchLike {
  check(value === undefined || typeof value === "function", "fetch", "a function");
  // Looked up per call, so a fetch installed (or mocked) after the client was made is used.
  return (value as FetchLike | undefined) ?? ((input, init) => globalThis.fetch(input, init));
}

/** A scrubber that hides each of the given secrets in text. */
export function scrubber(secrets: () => Iterable<string | undefined>): (text: string) => string {
  return (text) => {
    for (const secret of secrets()) if (secret) text = text.replaceAll(secret, "[redacted]");
    return text;
  };
}
