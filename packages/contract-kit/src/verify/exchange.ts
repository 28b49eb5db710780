// One request of a probe, made so that a broken or hostile server cannot hang verify, fill
// its memory or lead it elsewhere: one deadline covers the headers and the whole body, the
// body is read up to a cap, redirects are not followed, and a 429 or 503 is sent again once
// after its Retry-After (bounded); a request unsafe to repeat (a create) only after a 429. A
// failure is an ExchangeFailure that names its cause.
import { setTimeout as sleep } from "node:timers/promises";
import { attempt, type AttemptResult } from "../http/attempt.js";
import { NOT_ACTED_ON_STATUSES, parseRetryAfter } from "../http/retry.js";

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

/** A network failure with the platform's cause ("ECONNREFUSED: connect ECONNREFUSED ..."), not just "fetch failed". */
function describe(error: unknown): string {
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

/** One attempt through the clients' own (src/attempt.ts): the same deadline, cap and refusal to follow redirects. */
async function attemptOnce(url: URL, init: RequestInit, options: ExchangeOptions): Promise<Exchange> {
  const request = {
    url: url.href,
    method: init.method ?? "GET",
    headers: new Headers(init.headers),
    body: typeof init.body === "string" ? new TextEncoder().encode(init.body).buffer : undefined,
  };
  let result: AttemptResult;
  try {
    result = await attempt((sent) => options.fetch(sent), request, { timeoutMs: options.timeoutMs, maxBytes: options.maxBodyBytes, signal: options.signal });
  } catch {
    throw new ExchangeFailure("(request)", "a response", "aborted by the caller"); // the caller's signal, the only thing attempt throws
  }
  const { response, status } = result;
  if (response) return { status: response.status, headers: response.headers, text: await response.text() };
  const complete = `a complete body of at most ${options.maxBodyBytes} bytes`;
  switch (result.failure) {
    case "too-large":
      throw new ExchangeFailure("(body)", complete, `a body larger than ${options.maxBodyBytes} bytes (not read further)`, status);
    case "timeout":
      if (status === undefined) throw new ExchangeFailure("(request)", "a response", `no response within ${seconds(options.timeoutMs)}`);
      throw new ExchangeFailure("(body)", complete, `the body was not complete within ${seconds(options.timeoutMs)}`, status);
    case "not-a-response":
      throw new ExchangeFailure("(request)", "a response", "fetch returned something other than a Response");
    default:
      if (status === undefined) throw new ExchangeFailure("(request)", "a response", describe(result.cause));
      throw new ExchangeFailure("(body)", complete, describe(result.cause), status);
  }
}

/** The answers sent again once: a 429 and a 503 say to come back later. */
export const RETRIED_STATUSES: readonly number[] = [429, 503];
/** For a request that must not be made twice (a create: no idempotency key): those that say it was not acted on. */
export const RETRIED_STATUSES_UNSAFE_TO_REPEAT: readonly number[] = RETRIED_STATUSES.filter((status) => NOT_ACTED_ON_STATUSES.has(status));

export async function exchange(url: URL, init: RequestInit, options: ExchangeOptions, retried: readonly number[] = RETRIED_STATUSES): Promise<Exchange> {
  const first = await attemptOnce(url, init, options);
  if (!retried.includes(first.status)) return first;
  const waitedMs = retryDelayMs(first.headers.get("retry-after"), options.maxRetryAfterMs);
  await sleep(waitedMs, undefined, { signal: options.signal }).catch(() => undefined);
  return { ...(await attemptOnce(url, init, options)), retried: { status: first.status, waitedMs } };
}
