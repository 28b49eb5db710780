// The errors the client throws. Every message names the method and path template of the
// call, and the requestId when the server sent one. No error keeps the Request or its
// headers, so no credential can surface through a message, a stack or util.inspect.
import type { ValidationIssue } from "./types.js";

/** Which call failed: GET and "/v1/organizations/{organization_id}/users/{user_id}". */
export interface OperationInfo {
  method: string;
  path: string;
}

/** Properties an error carries besides its operation; a `requestId` is also named in the message. */
export type ErrorFields = { requestId?: string | undefined; [field: string]: unknown };

export class ParchmentError extends Error {
  declare readonly method: string;
  declare readonly path: string;
  declare readonly requestId: string | undefined;

  constructor(operation: OperationInfo, message: string, fields: ErrorFields = {}, options?: ErrorOptions) {
    const { requestId } = fields;
    super(`${operation.method} ${operation.path}: ${message}${requestId ? ` (requestId ${requestId})` : ""}`, options);
    Object.assign(this, { method: operation.method, path: operation.path, requestId }, fields);
  }
}

/** A documented error response: the error envelope with problem details. */
export class ParchmentApiError extends ParchmentError {
  declare readonly status: number;
  declare readonly type: string;
  declare readonly title: string;
  declare readonly detail: string;
  declare readonly validation: ValidationIssue[];
  declare readonly code: string | undefined;
  /** Milliseconds the server asked to wait (Retry-After), when it said. */
  declare readonly retryAfter: number | undefined;
}

/** The request did not get a response: connection refused, reset, DNS failure. */
export class ParchmentNetworkError extends ParchmentError {}

/** No response within `timeoutMs`. */
export class ParchmentTimeoutError extends ParchmentError {
  /** The per-attempt timeout that passed, in milliseconds. */
  declare readonly timeoutMs: number;
}

/** A response that is not what the contract documents: not JSON, an HTML page, no envelope. */
export class ParchmentResponseError extends ParchmentError {
  declare readonly status: number;
}

/** listAll() stopped: the server repeated a cursor, or the page cap was reached. */
export class ParchmentPaginationError extends ParchmentError {}

// Named here, not from the constructor: a consumer's minifier renames classes.
for (const [name, type] of Object.entries({
  ParchmentError,
  ParchmentApiError,
  ParchmentNetworkError,
  ParchmentTimeoutError,
  ParchmentResponseError,
  ParchmentPaginationError,
})) {
  type.prototype.name = name;
}

// The two errors both the transport and the envelope reader raise, worded in one place.
export const networkError = (operation: OperationInfo, cause: unknown) =>
  new ParchmentNetworkError(operation, "the request failed before a response arrived", {}, { cause });

export const timeoutError = (operation: OperationInfo, timeoutMs: number) =>
  new ParchmentTimeoutError(operation, `no response within ${timeoutMs} ms`, { timeoutMs });
