// The readers of a command's flags that every vendor's verify shares: each value from its flag
// or its environment variable, and the checks of --base-url, --timeout and counts, each a
// UsageError (exit 2) that names the flag and shows only redacted text.
import { BASE_URL_RULES, MAX_TIMER_MS, OptionError, baseUrlOption } from "../http/options.js";
import { UsageError } from "./program.js";

/**
 * The value of each option, from its flag or else its environment variable (an empty one is
 * absent); throws one UsageError naming every missing required option, in usage order.
 */
export function optionsFrom(
  values: Record<string, string | boolean | undefined>,
  required: ReadonlyArray<readonly [flag: string, variable: string]>,
  usage: string,
): (flag: string, variable?: string) => string | undefined {
  const option = (flag: string, variable?: string) => {
    const value = (values[flag] as string | undefined) ?? (variable ? process.env[variable] : undefined);
    return value === "" ? undefined : value;
  };
  const missing = required.filter(([flag, variable]) => !option(flag, variable)).map(([flag, variable]) => `--${flag} (or ${variable})`);
  if (missing.length > 0) throw new UsageError(`missing ${missing.join(", ")}: ${missing.length === 1 ? "it is" : "each is"} required`, usage);
  return option;
}

/** `--timeout SECONDS` as milliseconds, within what a timer can hold (about 24.8 days); undefined when absent. */
export function timeoutFlag(text: string | undefined, usage: string, redact: (text: string) => string): number | undefined {
  if (text === undefined) return undefined;
  const seconds = /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
  if (!(seconds > 0 && seconds * 1000 <= MAX_TIMER_MS)) {
    throw new UsageError(`--timeout must be a number of seconds above 0 and at most ${Math.floor(MAX_TIMER_MS / 1000)}, got ${JSON.stringify(redact(text))}`, usage);
  }
  return seconds * 1000;
}

/** `--NAME N`, a whole number of at least 1 (--max-pages); undefined when absent. */
export function countFlag(flag: string, text: string | undefined, usage: string, redact: (text: string) => string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new UsageError(`--${flag} must be a whole number of at least 1, got ${JSON.stringify(redact(text))}`, usage);
  return Number(text);
}

/**
 * `--base-url` by the clients' own rule (baseUrlOption: absolute http(s), no credentials, no
 * query or fragment), its refusal worded for the flag; `where` says where credentials go
 * instead. The URL without a trailing slash.
 */
export function baseUrlFlag(text: string, usage: string, where: string): string {
  try {
    return baseUrlOption(text);
  } catch (error) {
    if (!(error instanceof OptionError)) throw error;
    const rule =
      error.expected === BASE_URL_RULES.noCredentials
        ? `not contain credentials (user:password@): ${where}`
        : error.expected === BASE_URL_RULES.noQuery
          ? "not have a query (?) or a fragment (#)"
          : `be ${error.expected}`;
    throw new UsageError(`--base-url must ${rule}`, usage);
  }
}
