// The fetch that openapi-fetch calls: it bounds each attempt with a timeout, retries what is
// safe to retry, refreshes the token once after a 401, and (for `raw` calls with a token
// function) adds the credentials. Network failures and timeouts leave here as
// ParchmentNetworkError / ParchmentTimeoutError naming the method and the request's path;
// the client's own methods name the path template instead.
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../generated/openapi.js";
import { createDeadlines } from "./deadlines.js";
import { ParchmentNetworkError, ParchmentTimeoutError } from "./errors.js";
import { RETRYABLE_STATUSES, backoffDelay, parseRetryAfter, sleep, type RetryPolicy } from "./retry.js";

export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

/** A bearer token, or a function that returns the current one (such as createTokenProvider()). */
export type TokenSource = string | ((() => string | Promise<string>) & { invalidate?: (token?: string) => void });

/** The credentials of the user operations: a bearer token and the organisation secret, together. */
export interface Credentials {
  /** The headers to send, with the current token; remembers the token for scrubbing error text. */
  headers(): Record<string, string> | Promise<Record<string, string>>;
  /** The headers of a fixed token, sent as openapi-fetch's default headers. */
  fixed?: Record<string, string>;
  /** Drops a token that was refused with 401; false when there is nothing to refresh (a fixed token). */
  invalidate(token: string | undefined): boolean;
}

export function createCredentials(organizationSecret: string, token: TokenSource, onToken: (token: string) => void): Credentials {
  const headersFor = (value: string) => {
    onToken(value);
    return { authorization: `Bearer ${value}`, "x-organization-secret": organizationSecret };
  };
  if (typeof token === "string") {
    const fixed = headersFor(token);
    return { headers: () => fixed, fixed, invalidate: () => false };
  }
  return {
    headers: async () => headersFor(await token()),
    invalidate(sent) {
      token.invalidate?.(sent);
      return true;
    },
  };
}

export interface TransportOptions {
  fetch: FetchLike;
  timeoutMs: number;
  retry: RetryPolicy;
  /** For the user operations; the token call sends its own headers instead. */
  credentials?: Credentials;
  /**
   * Set the credentials on every request here. False when each call passes them as
   * openapi-fetch headers: changing a built Request costs more per call (BENCHMARKS.md).
   */
  attachCredentials?: boolean;
}

function operationOf(request: Request) {
  return { method: request.method, path: new URL(request.url).pathname };
}

async function setCredentials(request: Request, credentials: Credentials): Promise<void> {
  for (const [name, value] of Object.entries(await credentials.headers())) request.headers.set(name, value);
}

export function createTransport(options: TransportOptions): FetchLike {
  const { fetch: baseFetch, timeoutMs, retry, credentials, attachCredentials } = options;

  // One attempt, bounded by the timeout. Neither an AbortSignal combined with the caller's
  // (AbortSignal.any) nor a timer per attempt: both cost more than the rest of the client per
  // call (BENCHMARKS.md). The caller's signal travels on the Request, which fetch honours.
  const deadlines = createDeadlines(timeoutMs);
  function attempt(request: Request): Promise<Response> {
    const pending = baseFetch(request);
    return deadlines.bound(pending, () => {
      // Release the connection if the late response ever arrives.
      pending.then((late) => late.body?.cancel(), () => undefined);
      return new ParchmentTimeoutError(operationOf(request), timeoutMs);
    });
  }

  return async function send(request) {
    if (attachCredentials && credentials) await setCredentials(request, credentials);
    // GET and PUT are idempotent in this API; POST /v1/token is never sent twice.
    const { method } = request;
    const idempotent = method === "GET" || method === "PUT";
    // Only GET goes without a body here; reading `request.body` instead costs a stream per call.
    const hasBody = method !== "GET" && method !== "HEAD";
    let waited = 0;
    let refreshed = false;
    let template = request;
    for (let attemptNo = 1; ; attemptNo++) {
      const canRetry = idempotent && attemptNo < retry.maxAttempts;
      // A body can be read only once, and a request the caller's fetch has seen is not changed
      // afterwards: every attempt but a plain first one sends a copy.
      const outgoing = attemptNo > 1 || refreshed || hasBody ? template.clone() : template;
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
        if (error instanceof ParchmentTimeoutError) throw error;
        throw new ParchmentNetworkError(operationOf(request), { cause: error });
      }

      if (response.status === 401 && !refreshed && credentials?.invalidate(template.headers.get("authorization")?.slice(7))) {
        refreshed = true;
        await response.body?.cancel();
        template = template.clone();
        await setCredentials(template, credentials);
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

export type RawClient = Client<paths, "application/json">;

/** An openapi-fetch client whose requests go through the transport. */
export function createRawClient(baseUrl: string, transport: TransportOptions): RawClient {
  const headers = transport.attachCredentials ? transport.credentials?.fixed : undefined;
  const attachCredentials = transport.attachCredentials && !headers;
  return createClient<paths, "application/json">({ baseUrl, headers, fetch: createTransport({ ...transport, attachCredentials }) });
}
