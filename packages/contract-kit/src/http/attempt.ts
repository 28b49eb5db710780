// One HTTP attempt: send the request and read its whole body, both within one deadline (a
// timer that aborts the request's controller, which the caller's signal aborts too) and
// within a size cap. When the deadline passes, fetch aborts: the connection is closed, whether
// the server stalled before its headers or in the middle of its body. Redirects are never
// followed (a redirect to another origin would carry the credential headers along).
import { MAX_TIMER_MS, type FetchLike } from "./options.js";
import { BodyTooLargeError, readBody } from "./read-body.js";
import { BufferedResponse } from "./response-body.js";

export interface AttemptLimits {
  /** The deadline for the headers and the body together, in milliseconds. */
  timeoutMs: number;
  /** The most bytes of body read. */
  maxBytes: number;
  /** The caller's signal: when it aborts, the attempt rejects with its reason. */
  signal?: AbortSignal | undefined;
}

export interface AttemptRequest {
  url: string;
  method: string;
  headers: Headers;
  body?: ArrayBuffer | undefined;
}

/** A complete response (its body read into memory), or why there is none (`status` when the headers had come). */
export type AttemptResult =
  | { response: BufferedResponse; failure?: undefined; status?: undefined }
  | { response?: undefined; failure: "timeout" | "network" | "too-large" | "not-a-response"; cause?: unknown; status?: number };

function isResponse(value: unknown): value is Response {
  const candidate = value as Response | null | undefined;
  return typeof candidate?.status === "number" && typeof candidate.headers?.get === "function" && "body" in candidate;
}

/** A Request made with the signal of `controller` (a CallRequest's), sent as it is instead of a copy. */
export interface PreparedRequest {
  request: Request;
  controller: AbortController;
}

export async function attempt(fetch: FetchLike, request: AttemptRequest, limits: AttemptLimits, prepared?: PreparedRequest): Promise<AttemptResult> {
  const caller = limits.signal;
  // Aborted already: nothing is sent (a fetch that ignores the signal would send it all the same).
  if (caller?.aborted) throw caller.reason;
  // One controller per attempt, aborted by a timer at the deadline or by the caller's signal: a
  // timer and a listener cost far less than AbortSignal.timeout and AbortSignal.any on Node 20,
  // and, held by the timer, the controller (and the request) stay reachable until the attempt
  // is over, whatever the fetch waits on.
  const controller = prepared?.controller ?? new AbortController();
  const { url, method, headers, body } = request;
  const sent = prepared?.request ?? new Request(url, { method, headers, body, signal: controller.signal, redirect: "manual" });
  // A fetch may also ignore the signal (a wrapper that drops it): the deadline and the caller's
  // abort are raced against the fetch and the body read too, so that neither can hang.
  let abandon!: (reason: unknown) => void;
  const abandoned = new Promise<never>((_resolve, reject) => (abandon = reject));
  abandoned.catch(() => undefined);
  let timedOut = false;
  const stop = (reason: unknown) => {
    controller.abort(reason);
    abandon(reason);
  };
  // Past MAX_TIMER_MS a timer fires at once (after 1 ms): a longer deadline is held to the longest.
  const timer = setTimeout(() => {
    timedOut = true;
    stop(new DOMException("The operation was aborted due to timeout", "TimeoutError"));
  }, Math.min(limits.timeoutMs, MAX_TIMER_MS));
  const onAbort = () => stop(caller!.reason);
  caller?.addEventListener("abort", onAbort, { once: true });
  // The caller's abort is not a failure of the server's: it leaves as the signal's reason.
  const failed = (failure: "timeout" | "network", cause: unknown, status?: number): AttemptResult => {
    if (caller?.aborted) throw caller.reason;
    return timedOut ? { failure: "timeout", status } : { failure, cause, status };
  };
  try {
    let received: unknown;
    try {
      // Promise.resolve: a fetch that returns a plain value must fail this attempt, not the process.
      received = await Promise.race([Promise.resolve(fetch(sent)), abandoned]);
    } catch (error) {
      return failed("network", error);
    }
    // A status outside 200..599 cannot be a Response of ours (and fetch never gives one).
    if (!isResponse(received) || !(received.status >= 200 && received.status <= 599)) return { failure: "not-a-response" };
    const response = received;
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      // As bytes: handed on as they came, decoded once, by whoever reads the response.
      bytes = await Promise.race([readBody(response, limits.maxBytes), abandoned]);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return { failure: "too-large", status: response.status };
      // A reset or a broken stream mid-body is a network failure like a refused connection.
      return failed("network", error, response.status);
    }
    return { response: new BufferedResponse(response.status, response.headers, bytes) };
  } finally {
    // The whole response is in memory (or the attempt failed): nothing is left to abort.
    clearTimeout(timer);
    caller?.removeEventListener("abort", onAbort);
  }
}
