// Checks the options a caller passes, naming the option at fault and never its value
// (several of them are secrets).
import { PARCHMENT_SERVERS } from "./types.js";
import type { FetchLike } from "./transport.js";

export function requireString(name: string, value: unknown): string {
  if (typeof value !== "string" || value.trim() === "") throw new TypeError(`${name} must be a non-empty string`);
  return value;
}

/** The base URL without a trailing slash; the spec's sandbox server when none is given. */
export function baseUrlOption(value: unknown): string {
  if (value === undefined) return PARCHMENT_SERVERS.sandbox;
  const url = requireString("baseUrl", value);
  if (!/^https?:$/.test(URL.canParse(url) ? new URL(url).protocol : "")) throw new TypeError("baseUrl must be an absolute http(s) URL");
  return url.replace(/\/+$/, "");
}

export function positiveNumber(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (!(typeof value === "number" && value > 0 && value < Infinity)) throw new TypeError(`${name} must be a positive number`);
  return value;
}

export function fetchOption(value: unknown): FetchLike {
  if (value === undefined) return (input, init) => globalThis.fetch(input, init);
  if (typeof value !== "function") throw new TypeError("fetch must be a function");
  return value as FetchLike;
}

/** A scrubber that hides each of the given secrets in text. */
export function scrubber(secrets: () => Iterable<string | undefined>): (text: string) => string {
  return (text) => {
    for (const secret of secrets()) if (secret) text = text.replaceAll(secret, "[redacted]");
    return text;
  };
}
