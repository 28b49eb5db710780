// The fetch that openapi-fetch calls: it adds the credentials, bounds each attempt with a
// timeout, retries what is safe to retry, and refreshes the token once after a 401.
// Network failures and timeouts leave here as ParchmentNetworkError / ParchmentTimeoutError,
// named with the method and path template by openapi-fetch's onError middleware.
import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { paths } from "../generated/openapi.js";
import { ParchmentError, ParchmentNetworkError, ParchmentTimeoutError } from "./errors.js";
import { RETRYABLE_STATUSES, backoffDelay, parseRetryAfter, sleep, type RetryPolicy } from "./retry.js";

export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

/** A bearer token, or a function that returns the current one (such as createTokenProvider()). */
export type TokenSource = string | ((() => string | Promise<string>) & { invalidate?: (token?: string) => void });

export interface Credentials {
  organizationSecret: string;
  token: TokenSource;
}

export interface TransportOptions {
  fetch: FetchLike;
  timeoutMs: number;
  retry: RetryPolicy;
  /** Sent on every request when given; the token call sends its own headers instead. */
  credentials?: Credentials;
  /** Told each bearer token that is sent, so error text can be scrubbed of it. */
  onToken?: (token: string) => void;
}

/** Abort reason of an attempt that ran out of time. */
class AttemptTimedOut extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no response within ${timeoutMs} ms`);
  }
}

/** Rejects when the signal aborts: a fetch that ignores its signal still cannot hang a call. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

export function createTransport(options: TransportOptions): FetchLike {
  const { fetch: baseFetch, timeoutMs, retry, credentials, onToken } = options;

  async function authorize(request: Request): Promise<string | undefined> {
    if (!credentials) return undefined;
    const { token } = credentials;
    const value = typeof token === "function" ? await token() : token;
    onToken?.(value);
    request.headers.set("authorization", `Bearer ${value}`);
    request.headers.set("x-organization-secret", credentials.organizationSecret);
    return value;
  }

  async function attempt(request: Request): Promise<Response> {
    const timer = new AbortController();
    const timeout = setTimeout(() => timer.abort(new AttemptTimedOut(timeoutMs)), timeoutMs);
    const signal = AbortSignal.any([request.signal, timer.signal]);
    try {
      return await abortable(baseFetch(request, { signal }), signal);
    } finally {
      clearTimeout(timeout);
    }
  }

  return async function send(request) {
    // GET and PUT are idempotent in this API; POST /v1/token is never sent twice.
    const idempotent = request.method === "GET" || request.method === "PUT";
    let waited = 0;
    let refreshed = false;
    for (let attemptNo = 1; ; attemptNo++) {
      const canRetry = idempotent && attemptNo < retry.maxAttempts;
      // Send a copy whenever the original may be needed again: a body can be read only once,
      // and the credentials set below must not change a request the caller already saw.
      const outgoing = attemptNo === 1 && !refreshed && !request.body ? request : request.clone();
      const tokenSent = await authorize(outgoing);
      let response: Response;
      try {
        response = await attempt(outgoing);
      } catch (error) {
        if (request.signal.aborted) throw request.signal.reason;
        const delay = backoffDelay(retry, attemptNo);
        if (canRetry && waited + delay <= retry.maxDelayMs) {
          await sleep(delay, request.signal);
          waited += delay;
          continue;
        }
        throw error;
      }

      if (response.status === 401 && !refreshed && typeof credentials?.token === "function") {
        refreshed = true;
        credentials.token.invalidate?.(tokenSent);
        await response.body?.cancel();
        attemptNo--; // the refresh does not use up a retry
        continue;
      }
      if (canRetry && RETRYABLE_STATUSES.has(response.status)) {
        const delay = parseRetryAfter(response.headers.get("retry-after")) ?? backoffDelay(retry, attemptNo);
        if (waited + delay <= retry.maxDelayMs) {
          await response.body?.cancel();
          await sleep(delay, request.signal);
          waited += delay;
          continue;
        }
      }
      return response;
    }
  };
}

/** Turns what the transport throws into the client's errors, named by method and path template. */
const nameFailures: Middleware = {
  onError({ error, request, schemaPath }) {
    if (error instanceof ParchmentError || request.signal.aborted) return undefined;
    const operation = { method: request.method, path: schemaPath };
    if (error instanceof AttemptTimedOut) return new ParchmentTimeoutError(operation, error.timeoutMs);
    return new ParchmentNetworkError(operation, "the request failed before a response arrived", undefined, { cause: error });
  },
};

export type RawClient = Client<paths, "application/json">;

/** An openapi-fetch client whose requests go through the transport. */
export function createRawClient(baseUrl: string, transport: TransportOptions): RawClient {
  const client = createClient<paths, "application/json">({ baseUrl, fetch: createTransport(transport) });
  client.use(nameFailures);
  return client;
}
