// The transport every client of this repository shares (vendor conventions stay outside):
// a fetch in layers. First the bearer token (asked for within the caller's signal, refreshed
// once after a 401), then attempts (src/attempt.ts: one deadline over headers and body, a
// size cap, no redirects), then retries (src/retry.ts: the decision, then the wait). Every
// failure leaves as an error of the vendor's family, naming the operation, with every
// server-supplied or thrown text redacted.
import { attempt, type AttemptResult } from "./attempt.js";
import { describeCause, safeCause } from "./causes.js";
import { baseUrlOption, fetchOption, isHeaderValue, positiveNumber, timerOption, userAgentOption, type FetchLike } from "./options.js";
import type { Observer } from "./observer.js";
import { takeController } from "./call-request.js";
import type { BufferedResponse } from "./response-body.js";
import { REDACTED } from "./redact.js";
import { retryDelay, sleep, type RetryPolicy } from "./retry.js";

export type { FetchLike } from "./options.js";

/** Which call failed: GET and "/v1/organizations/{organization_id}/users/{user_id}". */
export interface OperationInfo {
  method: string;
  path: string;
  /** A method that is not idempotent (POST) may still be sent again after a 429, which says it was not acted on. */
  retryOn429?: boolean;
}

/**
 * Returns the current bearer token; `invalidate(token)` drops one the server refused, and
 * `redact(text)`, when present, hides the function's own secrets in error text.
 */
export type TokenFunction = ((context: { signal?: AbortSignal | undefined }) => string | Promise<string>) & {
  invalidate?: (token?: string) => void;
  redact?: (text: string) => string;
};

/** The options every client takes for its connection; checked by createTransport, once. */
export interface ConnectionOptions {
  /** Defaults to the vendor's sandbox (or only) server. Must not carry credentials (user:password@). */
  baseUrl?: string;
  fetch?: FetchLike;
  /** Per attempt, in milliseconds: the response's headers and its whole body must arrive within it. Default 30 000. */
  timeoutMs?: number;
  /** The largest response body read, in bytes; a larger one is a response error. Default 10 MB (10 485 760). */
  maxResponseBytes?: number;
  /** Your product, appended to the package's User-Agent, such as "acme-clinic/2.1". */
  userAgent?: string;
}

/** How a vendor's package builds its errors; the transport decides only which one. */
export interface TransportErrors {
  /** Whether a value a token function threw is already one of the family (passed on as it is). */
  isOwn(error: unknown): boolean;
  failed(operation: OperationInfo, message: string, cause?: Error): Error;
  network(operation: OperationInfo, message: string, cause?: Error): Error;
  timeout(operation: OperationInfo, message: string, timeoutMs: number): Error;
  response(operation: OperationInfo, message: string, status: number): Error;
}

export interface TransportOptions {
  /** The vendor's default server. */
  defaultBaseUrl: string;
  /** The package's own User-Agent product, "name/version". */
  product: string;
  errors: TransportErrors;
  /** Hides every secret the client knows in text bound for an error. */
  redact: (text: string) => string;
  /** Retries of GET, PUT and whatever `idempotent` allows; none without. */
  retry?: RetryPolicy | undefined;
  /** Methods safe to send again; default GET and PUT. */
  idempotent?: ReadonlySet<string>;
  /** Asked for the bearer token of every request; told about a token refused with 401. */
  token?: TokenFunction | undefined;
  /**
   * Told of each token the token function returned, so that it is redacted from then on: once
   * per token, and not when the function's own `redact` already hides it (a token provider's).
   */
  learnSecret?: (secret: string) => void;
  /**
   * Loads what watches the calls (hooks around each attempt, the drift check of each final
   * response: observer.ts), when the client asked for it; awaited once per call.
   */
  observer?: (() => Promise<Observer>) | undefined;
}

export interface Transport {
  baseUrl: string;
  /**
   * Sends `request` for `operation`; resolves with the final response, its body read into
   * memory. `signal` is the caller's (a request always has a signal of its own; a caller that
   * gave none passes undefined, and the deadline alone bounds each attempt).
   */
  sendBuffered(request: Request, operation: OperationInfo, signal: AbortSignal | undefined): Promise<BufferedResponse>;
  /** The same, resolving with a platform Response (for a caller that gets the Response itself, such as a raw call's). */
  send(request: Request, operation: OperationInfo, signal: AbortSignal | undefined): Promise<Response>;
}

const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/** Waits for `promise`, or rejects with the signal's reason as soon as it aborts. */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

export function createTransport(connection: ConnectionOptions, options: TransportOptions): Transport {
  const { errors, retry, token, learnSecret } = options;
  // The token function's own secrets (a partner secret, the tokens it issued) are hidden here
  // too, whether or not the vendor folded them into its redact: they reach these messages.
  const redact = token?.redact ? (text: string) => options.redact(token.redact!(text)) : options.redact;
  const fetch = fetchOption(connection.fetch);
  const baseUrl = baseUrlOption(connection.baseUrl, options.defaultBaseUrl);
  const timeoutMs = timerOption("timeoutMs", connection.timeoutMs, 30_000);
  const maxBytes = positiveNumber("maxResponseBytes", connection.maxResponseBytes, DEFAULT_MAX_BYTES);
  const userAgent = userAgentOption(options.product, connection.userAgent);

  /** The token learnt last: the same token, returned for every call, is learnt once. */
  let lastToken: string | undefined;

  async function bearer(operation: OperationInfo, signal: AbortSignal | undefined): Promise<string> {
    let value: unknown;
    try {
      value = await untilAborted(Promise.resolve().then(() => token!({ signal })), signal);
    } catch (error) {
      if (signal?.aborted || errors.isOwn(error)) throw error; // a provider names its own call
      const cause = safeCause(error, redact);
      throw errors.failed(operation, `the token function failed: ${redact(describeCause(cause))}`, cause);
    }
    if (typeof value !== "string" || !isHeaderValue(value)) {
      throw errors.failed(operation, "the token function returned no token that can be sent in a header");
    }
    if (learnSecret && value !== lastToken) {
      lastToken = value;
      // A token provider learns each token it issues: a second copy here would double its cost.
      if (token!.redact?.(value) !== REDACTED) learnSecret(value);
    }
    return value;
  }

  function failure(operation: OperationInfo, result: AttemptResult & { failure: string }): Error {
    if (result.failure === "timeout") return errors.timeout(operation, `no complete response within ${timeoutMs} ms`, timeoutMs);
    if (result.failure === "too-large") return errors.response(operation, `${result.status} response body larger than ${maxBytes} bytes`, result.status!);
    if (result.failure === "not-a-response") return errors.network(operation, "fetch returned something other than a Response");
    const cause = safeCause(result.cause, redact);
    const why = redact(describeCause(cause)); // joined from parts redacted one by one
    return errors.network(operation, `the request failed before a complete response arrived${why ? `: ${why}` : ""}`, cause);
  }

  function redirectError(operation: OperationInfo, response: BufferedResponse, from: string): Error {
    const location = response.headers.get("location");
    // The target's origin and path only: its query or user info may carry anything.
    const target = location && URL.canParse(location, from) ? new URL(location, from) : undefined;
    const where = target ? ` to ${redact(`${target.origin}${target.pathname}`)}` : "";
    return errors.response(operation, `${response.status} redirect${where} not followed`, response.status);
  }

  async function sendBuffered(request: Request, operation: OperationInfo, signal: AbortSignal | undefined): Promise<BufferedResponse> {
    const { method } = request;
    let { headers } = request; // this request is ours to change (sent as it is once, then copied per attempt)
    headers.set("user-agent", userAgent);
    const body = method === "GET" || method === "HEAD" ? undefined : await request.arrayBuffer();
    const idempotent = (options.idempotent ?? IDEMPOTENT).has(method);
    // A CallRequest without a body is sent as it is on the first attempt (no copy); later attempts copy it.
    let controller = body === undefined ? takeController(request) : undefined;
    let current: string | undefined;
    let refreshed = false;
    let waited = 0;
    let sent = 0; // attempts made, token refreshes included (a hook's attempt number)
    const observer = options.observer && (await options.observer());
    for (let number = 1; ; number++) {
      // The Request sent as it is keeps its headers: a later attempt's are a copy.
      if (sent > 0 && headers === request.headers) headers = new Headers(headers);
      if (token && current === undefined) {
        current = await bearer(operation, signal);
        headers.set("authorization", `Bearer ${current}`);
      }
      const prepared = controller && { request, controller };
      controller = undefined;
      const run = () => attempt(fetch, { url: request.url, method, headers, body }, { timeoutMs, maxBytes, signal }, prepared);
      sent++;
      const result = observer ? await observer.attempt(run, operation, sent) : await run();
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
      const status = response?.status;
      const delay = retryDelay(retry, { idempotent, retryOn429: operation.retryOn429, attempt: number, waited, status, retryAfter: response?.headers.get("retry-after") });
      if (delay === undefined) {
        if (response) {
          await observer?.inspect(operation, response);
          return response;
        }
        throw failure(operation, result);
      }
      await sleep(delay, signal);
      waited += delay;
    }
  }

  return {
    baseUrl,
    sendBuffered,
    send: async (request, operation, signal) => (await sendBuffered(request, operation, signal)).toResponse(),
  };
}

const IDEMPOTENT: ReadonlySet<string> = new Set(["GET", "PUT"]);
