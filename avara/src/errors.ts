// The errors the Avara client throws: every failure is an AvaraError naming the method and
// path template of the call. Avara documents no error body, so an error answer is judged by
// its status alone (AvaraApiError) and its body kept as whatever JSON came, every string in
// it redacted. No error keeps the Request, its headers or a raw cause, so the API key cannot
// surface through a message, a field, a stack, JSON.stringify or util.inspect.
import type { OperationInfo, TransportErrors } from "contract-kit/http";

export type { OperationInfo } from "contract-kit/http";

export class AvaraError extends Error {
  declare readonly method: string;
  declare readonly path: string;

  constructor(operation: OperationInfo, message: string, fields: Record<string, unknown> = {}, options?: ErrorOptions) {
    super(`${operation.method} ${operation.path}: ${message}`, options);
    Object.assign(this, { method: operation.method, path: operation.path }, fields);
  }
}

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
}

// Named here, not from the constructor: a consumer's minifier renames classes.
for (const [name, type] of Object.entries({ AvaraError, AvaraApiError, AvaraNetworkError, AvaraTimeoutError, AvaraResponseError })) {
  type.prototype.name = name;
}

/** How the shared transport builds this package's errors. */
export const avaraErrors: TransportErrors = {
  isOwn: (error) => error instanceof AvaraError,
  failed: (operation, message, cause) => new AvaraError(operation, message, {}, { cause }),
  network: (operation, message, cause) => new AvaraNetworkError(operation, message, {}, { cause }),
  timeout: (operation, message, timeoutMs) => new AvaraTimeoutError(operation, message, { timeoutMs }),
  response: (operation, message, status) => new AvaraResponseError(operation, message, { status }),
};
