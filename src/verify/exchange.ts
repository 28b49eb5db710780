// One request of a probe, made so that a broken or hostile server cannot hang verify, fill
// its memory or lead it elsewhere: one deadline covers the headers and the whole body, the
// body is read up to a cap, redirects are not followed, and a 429 or 503 is sent again once
// after its Retry-After (bounded). A failure is an ExchangeFailure that names its cause.
import { setTimeout as sleep } from "node:timers/promises";
import { BodyTooLargeError, readBodyText } from "../read-body.js";
import { parseRetryAfter } from "../retry.js";

export interface ExchangeOptions {
  fetch: typeof fetch;
  /** For the headers and the body together, per attempt. */
  timeoutMs: number;
  maxBodyBytes: number;
  /** The longest Retry-After honoured; a longer one is waited this long. */
  maxRetryAfterMs: number;
  signal?: AbortSignal;
}

export interface Exchange {
  status: number;
  headers: Headers;
  text: string;
  /** Set when the first answer was a 429 or 503 and the request was sent a second time. */
  retried?: { status: number; waitedMs: number };
}

/** No (complete) answer: `where` is "(request)" before the headers, "(body)" after them (with the status that came). */
export class ExchangeFailure extends Error {
  constructor(
    readonly where: "(request)" | "(body)",
    readonly expected: string,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}
ExchangeFailure.prototype.name = "ExchangeFailure";

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(3))} s`;

/** What went wrong, with the platform's cause ("ECONNREFUSED: connect ECONNREFUSED ..."), not "fetch failed". */
function describe(error: unknown, timeoutMs: number, what: string): string {
  if (error instanceof BodyTooLargeError) return `a body larger than ${error.maxBytes} bytes (not read further)`;
  const name = (error as { name?: unknown })?.name;
  if (name === "TimeoutError") return `${what} within ${seconds(timeoutMs)}`;
  if (name === "AbortError") return "aborted by the caller";
  if (!(error instanceof Error)) return String(error);
  const causes: string[] = [];
  for (let cause: unknown = error.cause, depth = 0; cause && depth < 4; cause = (cause as Error).cause, depth++) {
    const inner = cause instanceof AggregateError && cause.errors.length > 0 ? cause.errors[0] : cause;
    const code = (inner as { code?: unknown }).code;
    const message = (inner as { message?: unknown }).message;
    causes.push([typeof code === "string" ? code : "", typeof message === "string" ? message : String(inner)].filter(Boolean).join(": "));
  }
  return [`${error.name}: ${error.message}`, ...causes].join("; caused by ");
}

/** Retry-After in ms (the client's reading of it: seconds or an HTTP date), within [0, max]; 1 s when absent or unreadable. */
export function retryDelayMs(header: string | null, maxMs: number, now = Date.now()): number {
  return Math.min(parseRetryAfter(header, now) ?? 1000, maxMs);
}

async function attempt(url: URL, init: RequestInit, options: ExchangeOptions): Promise<Exchange> {
  const deadline = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([deadline, options.signal]) : deadline;
  let response: Response;
  try {
    // Not followed: a Location elsewhere would receive the credentials.
    response = await options.fetch(url, { ...init, redirect: "manual", signal });
  } catch (error) {
    throw new ExchangeFailure("(request)", "a response", describe(error, options.timeoutMs, "no response"));
  }
  try {
    return { status: response.status, headers: response.headers, text: await readBodyText(response, options.maxBodyBytes) };
  } catch (error) {
    await response.body?.cancel().catch(() => undefined);
    throw new ExchangeFailure("(body)", `a complete body of at most ${options.maxBodyBytes} bytes`, describe(error, options.timeoutMs, "the body was not complete"), response.status);
  }
}

export async function exchange(url: URL, init: RequestInit, options: ExchangeOptions): Promise<Exchange> {
  const first = await attempt(url, init, options);
  if (first.status !== 429 && first.status !== 503) return first;
  const waitedMs = retryDelayMs(first.headers.get("retry-after"), options.maxRetryAfterMs);
  await sleep(waitedMs, undefined, { signal: options.signal }).catch(() => undefined);
  return { ...(await attempt(url, init, options)), retried: { status: first.status, waitedMs } };
}
