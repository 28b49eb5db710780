// The fetch that openapi-fetch calls. It bounds each attempt with a timeout, retries what is
// safe to retry, and, given a token function, sets the bearer token and refreshes it once
// after a 401. Network failures and timeouts leave as ParchmentNetworkError /
// ParchmentTimeoutError naming the method and the request's path; the client's methods
// name the path template instead (src/envelope.ts).
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../generated/openapi.js";
import { createDeadlines } from "./deadlines.js";
import { ParchmentTimeoutError, networkError, timeoutError } from "./errors.js";
import { baseUrlOption, fetchOption, positiveNumber } from "./options.js";
import { RETRYABLE_STATUSES, backoffDelay, parseRetryAfter, sleep, type RetryPolicy } from "./retry.js";

export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

/** Returns the current bearer token; `invalidate(token)` drops one the server refused. */
export type TokenFunction = (() => string | Promise<string>) & { invalidate?: (token?: string) => void };

/** A bearer token, or a function that returns the current one (such as createTokenProvider()). */
export type TokenSource = string | TokenFunction;

/** The options the client and the token provider share; checked here, once. */
export interface ConnectionOptions {
  /** Defaults to the spec's sandbox server. */
  baseUrl?: string;
  fetch?: FetchLike;
  /** Per-attempt timeout. Default 30 000 ms. */
  timeoutMs?: number;
}

export interface TransportOptions {
  /** Retries of GET and PUT; none without. */
  retry?: RetryPolicy;
  /** Sent with every request (a fixed token goes here, costing nothing per call). */
  headers?: Record<string, string>;
  /** Asked for the bearer token of every request; told about a token refused with 401. */
  token?: TokenFunction;
}

export type RawClient = Client<paths, "application/json">;

const noop = () => undefined;

/** The method and path of a request, for an error; only then, since parsing the URL costs. */
const operationOf = (request: Request) => ({ method: request.method, path: new URL(request.url).pathname });

/** Lets go of a response that will not be read, so its connection is released. */
const discard = (response: Response) => void response.body?.cancel().catch(noop);

/**
 * How long to wait before another attempt: as long as Retry-After says, or a backoff.
 * Undefined when the policy allows none (no retries, attempts used up, or over the budget).
 */
function retryDelay(retry: RetryPolicy | undefined, attempt: number, waited: number, response?: Response): number | undefined {
  if (!retry || attempt >= retry.maxAttempts) return undefined;
  const delay = parseRetryAfter(response?.headers.get("retry-after")) ?? backoffDelay(retry, attempt);
  return waited + delay > retry.maxDelayMs ? undefined : delay;
}

/** An openapi-fetch client whose requests go through the transport. */
export function createRawClient(connection: ConnectionOptions, { retry, headers, token }: TransportOptions): RawClient {
  const fetch = fetchOption(connection.fetch);
  const timeoutMs = positiveNumber("timeoutMs", connection.timeoutMs, 30_000);
  // Neither an AbortSignal combined with the caller's (AbortSignal.any) nor a timer per
  // attempt: both cost more than the rest of the client per call (BENCHMARKS.md). The
  // caller's signal travels on the Request, which fetch honours.
  const bound = createDeadlines(timeoutMs);
  const authorize = async (request: Request) => request.headers.set("authorization", `Bearer ${await token!()}`);

  async function send(request: Request): Promise<Response> {
    const { method, signal } = request;
    if (token) await authorize(request);
    // GET and PUT are idempotent in this API; POST /v1/token is never sent twice.
    const idempotent = method === "GET" || method === "PUT";
    let waited = 0;
    let refreshed = false;
    let attempt = 0;
    for (;;) {
      attempt++;
      let response: Response | undefined;
      let failure: unknown;
      try {
        // A body can be read only once, and a request the caller's fetch has seen is not
        // changed afterwards: every attempt but a plain first GET sends a copy.
        // Promise.resolve: a fetch that returns something else must not break the deadline below.
        const pending = Promise.resolve(fetch(attempt > 1 || refreshed || method !== "GET" ? request.clone() : request));
        response = await bound(pending, () => {
          // Release the connection if the late response ever arrives.
          pending.then(discard, noop);
          return timeoutError(operationOf(request), timeoutMs);
        });
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        failure = error;
      }
      if (response) {
        if (response.status === 401 && token && !refreshed) {
          refreshed = true;
          token.invalidate?.(request.headers.get("authorization")!.slice(7));
          discard(response);
          request = request.clone();
          await authorize(request);
          attempt--; // the refresh does not use up a retry
          continue;
        }
        if (!RETRYABLE_STATUSES.has(response.status)) return response;
      }
      // A retryable status, a network failure or a timeout: another attempt if the policy allows.
      const delay = idempotent ? retryDelay(retry, attempt, waited, response) : undefined;
      if (delay === undefined) {
        if (response) return response;
        throw failure instanceof ParchmentTimeoutError ? failure : networkError(operationOf(request), failure);
      }
      if (response) discard(response);
      await sleep(delay, signal);
      waited += delay;
    }
  }

  return createClient<paths, "application/json">({ baseUrl: baseUrlOption(connection.baseUrl), headers, fetch: send });
}
