// The fetch that openapi-fetch calls, in layers: the bearer token (asked for within the
// caller's signal, refreshed once after a 401), then attempts (src/attempt.ts: deadline,
// size cap, no redirects), then retries (src/retry.ts: the decision, then the wait). Every
// failure leaves as a ParchmentError naming the method and the path template, with every
// server-supplied or thrown text redacted.
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../generated/openapi.js";
import { attempt, type AttemptResult } from "./attempt.js";
import {
  ParchmentError,
  ParchmentNetworkError,
  ParchmentResponseError,
  ParchmentTimeoutError,
  describeCause,
  safeCause,
  type OperationInfo,
} from "./errors.js";
import { MAX_TIMER_MS, baseUrlOption, fetchOption, isHeaderValue, positiveNumber, userAgentOption, type FetchLike } from "./options.js";
import { retryDelay, sleep, type RetryPolicy } from "./retry.js";
import { VERSION } from "./version.js";

export type { FetchLike } from "./options.js";

/**
 * Returns the current bearer token; `invalidate(token)` drops one the server refused, and
 * `redact(text)`, when present, hides the function's own secrets in error text.
 */
export type TokenFunction = ((context: { signal?: AbortSignal | undefined }) => string | Promise<string>) & {
  invalidate?: (token?: string) => void;
  redact?: (text: string) => string;
};

/** A bearer token, or a function that returns the current one (such as createTokenProvider()). */
export type TokenSource = string | TokenFunction;

/** The options the client and the token provider share; checked here, once. */
export interface ConnectionOptions {
  /** Defaults to the spec's sandbox server. Must not carry credentials (user:password@). */
  baseUrl?: string;
  fetch?: FetchLike;
  /** Per attempt, in milliseconds: the response's headers and its whole body must arrive within it. Default 30 000. */
  timeoutMs?: number;
  /** The largest response body read, in bytes; a larger one is a ParchmentResponseError. Default 10 MB. */
  maxResponseBytes?: number;
  /** Your product, appended to the User-Agent `parchment-contract/<version>`, such as "acme-clinic/2.1". */
  userAgent?: string;
}

export interface TransportOptions {
  /** Retries of GET and PUT; none without. */
  retry?: RetryPolicy | undefined;
  /** Sent with every request (credentials that do not change). */
  headers?: Record<string, string>;
  /** Asked for the bearer token of every request; told about a token refused with 401. */
  token?: TokenFunction | undefined;
  /** Hides every secret this client knows in text bound for an error. */
  redact: (text: string) => string;
  /** Told of each token the token function returned, so that it is redacted from then on. */
  learnSecret?: (secret: string) => void;
}

export type RawClient = Client<paths, "application/json">;

const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/** Waits for `promise`, or rejects with the signal's reason as soon as it aborts. */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** An openapi-fetch client whose requests go through the transport. */
export function createRawClient(connection: ConnectionOptions, options: TransportOptions): RawClient {
  const { retry, token, redact, learnSecret } = options;
  const fetch = fetchOption(connection.fetch);
  const timeoutMs = positiveNumber("timeoutMs", connection.timeoutMs, 30_000, MAX_TIMER_MS);
  const maxBytes = positiveNumber("maxResponseBytes", connection.maxResponseBytes, DEFAULT_MAX_BYTES);
  const userAgent = userAgentOption(VERSION, connection.userAgent);
  // The spec's path template of each request, recorded by the middleware below, so that
  // errors name the operation ("/users/{user_id}") rather than one user's path.
  const templates = new WeakMap<Request, string>();

  async function bearer(operation: OperationInfo, signal: AbortSignal): Promise<string> {
    let value: unknown;
    try {
      value = await untilAborted(Promise.resolve().then(() => token!({ signal })), signal);
    } catch (error) {
      if (signal.aborted || error instanceof ParchmentError) throw error; // the provider names POST /v1/token itself
      const cause = safeCause(error, redact);
      throw new ParchmentError(operation, `the token function failed: ${describeCause(cause)}`, {}, { cause });
    }
    if (typeof value !== "string" || !isHeaderValue(value)) {
      throw new ParchmentError(operation, "the token function returned no token that can be sent in a header");
    }
    learnSecret?.(value);
    return value;
  }

  function failure(operation: OperationInfo, result: AttemptResult & { failure: string }): ParchmentError {
    if (result.failure === "timeout") {
      return new ParchmentTimeoutError(operation, `no complete response within ${timeoutMs} ms`, { timeoutMs });
    }
    if (result.failure === "too-large") return new ParchmentResponseError(operation, `${result.status} response body larger than ${maxBytes} bytes`, { status: result.status });
    if (result.failure === "not-a-response") return new ParchmentNetworkError(operation, "fetch returned something other than a Response");
    const cause = safeCause(result.cause, redact);
    const why = describeCause(cause);
    return new ParchmentNetworkError(operation, `the request failed before a complete response arrived${why ? `: ${why}` : ""}`, {}, { cause });
  }

  function redirectError(operation: OperationInfo, response: Response, from: string): ParchmentResponseError {
    const location = response.headers.get("location");
    // The target's origin and path only: its query or user info may carry anything.
    const target = location && URL.canParse(location, from) ? new URL(location, from) : undefined;
    const where = target ? ` to ${redact(`${target.origin}${target.pathname}`)}` : "";
    return new ParchmentResponseError(operation, `${response.status} redirect${where} not followed`, { status: response.status });
  }

  async function send(request: Request): Promise<Response> {
    const operation = { method: request.method, path: templates.get(request) ?? new URL(request.url).pathname };
    const signal = request.signal;
    const headers = new Headers(request.headers);
    headers.set("user-agent", userAgent);
    const body = request.method === "GET" || request.method === "HEAD" ? undefined : await request.arrayBuffer();
    let current: string | undefined;
    let refreshed = false;
    let waited = 0;
    for (let number = 1; ; number++) {
      if (token && current === undefined) {
        current = await bearer(operation, signal);
        headers.set("authorization", `Bearer ${current}`);
      }
      const result = await attempt(fetch, { url: request.url, method: request.method, headers, body }, { timeoutMs, maxBytes, signal });
      const { response } = result;
      if (response && response.status >= 300 && response.status < 400) throw redirectError(operation, response, request.url);
      if (response?.status === 401 && token && !refreshed) {
        // The token may have expired early or been revoked: ask for a fresh one, once.
        refreshed = true;
        token.invalidate?.(current);
        current = undefined;
        number--; // the refresh does not use up a retry
        continue;
      }
      if (result.failure === "too-large" || result.failure === "not-a-response") throw failure(operation, result);
      const delay = retryDelay(retry, {
        method: request.method,
        attempt: number,
        waited,
        status: response?.status,
        retryAfter: response?.headers.get("retry-after"),
      });
      if (delay === undefined) {
        if (response) return response;
        throw failure(operation, result);
      }
      await sleep(delay, signal);
      waited += delay;
    }
  }

  const client = createClient<paths, "application/json">({ baseUrl: baseUrlOption(connection.baseUrl), headers: options.headers, fetch: send });
  client.use({
    onRequest({ request, schemaPath }) {
      templates.set(request, schemaPath);
    },
  });
  return client;
}
