// The errors the Avara client throws: every failure is an AvaraError naming the method and
// path template of the call. Avara documents no error body, so an error answer is judged by
// its status alone (AvaraApiError) and its body kept as whatever JSON came, every string in
// it redacted. No error keeps the Request, its headers or a raw cause, so the API key cannot
// surface through a message, a field, a stack, JSON.stringify or util.inspect.
import { OperationError, nameClasses, transportErrors, type Violation } from "contract-kit/http";

export type { OperationInfo } from "contract-kit/http";

/** Every failure of the client: the message names the method and path template of the call. */
export class AvaraError extends OperationError {}

/**
 * An error status (4xx, 5xx) from Avara. `body` is the parsed JSON body, of any shape
 * (undefined when the body was not JSON); its strings are redacted.
 */
export class AvaraApiError extends AvaraError {
  declare readonly status: number;
  declare readonly body: unknown;
  /** Milliseconds the server asked to wait (from Retry-After), when it said. */
  declare readonly retryAfter: number | undefined;
}

/** No usable response: connection refused, reset (also mid-body), DNS failure. `cause` is a redacted copy. */
export class AvaraNetworkError extends AvaraError {}

/** An attempt got no complete response (headers and body) within `timeoutMs`. */
export class AvaraTimeoutError extends AvaraNetworkError {
  declare readonly timeoutMs: number;
}

/** A response the contract does not describe: a success that is not a JSON user, a body over the size cap, a redirect. */
export class AvaraResponseError extends AvaraError {
  declare readonly status: number;
  /** With `validateResponses: "throw"`: each rule the response broke (pointer and keyword, never a value). */
  declare readonly violations: Violation[] | undefined;
}

nameClasses({ AvaraError, AvaraApiError, AvaraNetworkError, AvaraTimeoutError, AvaraResponseError });

/** How the shared transport builds this package's errors. */
export const avaraErrors = transportErrors({ base: AvaraError, network: AvaraNetworkError, timeout: AvaraTimeoutError, response: AvaraResponseError });
