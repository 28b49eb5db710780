// The errors the client throws. Every message names the method and path template of the
// call, and the requestId when the server sent one. No error keeps the Request or its
// headers, so no credential can surface through a message, a stack or util.inspect.
// (Fields are `declare`d and assigned together: it keeps the shipped bundle small.)
import type { ValidationIssue } from "./types.js";

/** Which call failed: GET and "/v1/organizations/{organization_id}/users/{user_id}". */
export interface OperationInfo {
  method: string;
  path: string;
}

export class ParchmentError extends Error {
  declare readonly method: string;
  declare readonly path: string;
  declare readonly requestId: string | undefined;

  constructor(operation: OperationInfo, message: string, requestId?: string, options?: ErrorOptions) {
    super(`${operation.method} ${operation.path}: ${message}${requestId ? ` (requestId ${requestId})` : ""}`, options);
    Object.assign(this, { name: new.target.name, method: operation.method, path: operation.path, requestId });
  }
}

export interface ApiErrorDetails {
  status: number;
  type: string;
  title: string;
  detail: string;
  validation: ValidationIssue[];
  requestId: string | undefined;
  code: string | undefined;
  /** Milliseconds the server asked to wait (Retry-After), when it said. */
  retryAfter: number | undefined;
}

/** A documented error response: the error envelope with problem details. */
export class ParchmentApiError extends ParchmentError {
  declare readonly status: number;
  declare readonly type: string;
  declare readonly title: string;
  declare readonly detail: string;
  declare readonly validation: ValidationIssue[];
  declare readonly code: string | undefined;
  declare readonly retryAfter: number | undefined;

  constructor(operation: OperationInfo, details: ApiErrorDetails) {
    super(operation, `${details.status} ${details.title}: ${details.detail}`, details.requestId);
    Object.assign(this, details);
  }
}

/** The request did not get a response: connection refused, reset, DNS failure. */
export class ParchmentNetworkError extends ParchmentError {
  constructor(operation: OperationInfo, options?: ErrorOptions) {
    super(operation, "the request failed before a response arrived", undefined, options);
  }
}

/** No response within `timeoutMs`. */
export class ParchmentTimeoutError extends ParchmentError {
  declare readonly timeoutMs: number;
  constructor(operation: OperationInfo, timeoutMs: number) {
    super(operation, `no response within ${timeoutMs} ms`);
    Object.assign(this, { timeoutMs });
  }
}

/** A response that is not what the contract documents: not JSON, an HTML page, no envelope. */
export class ParchmentResponseError extends ParchmentError {
  declare readonly status: number;
  constructor(operation: OperationInfo, status: number, message: string, requestId?: string) {
    super(operation, `${status} ${message}`, requestId);
    Object.assign(this, { status });
  }
}

/** listAll() stopped: the server repeated a cursor, or the page cap was reached. */
export class ParchmentPaginationError extends ParchmentError {}
