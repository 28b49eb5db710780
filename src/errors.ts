// The errors the client throws. Every message names the method and path template of the
// call, and the requestId when the server sent one. No error keeps the Request or its
// headers, so no credential can surface through a message, a stack or util.inspect.
import type { ValidationIssue } from "./types.js";

/** Which call failed: GET and "/v1/organizations/{organization_id}/users/{user_id}". */
export interface OperationInfo {
  method: string;
  path: string;
}

function withRequestId(message: string, requestId: string | undefined): string {
  return requestId ? `${message} (requestId ${requestId})` : message;
}

export class ParchmentError extends Error {
  readonly method: string;
  readonly path: string;
  readonly requestId: string | undefined;

  constructor(operation: OperationInfo, message: string, requestId?: string, options?: ErrorOptions) {
    super(withRequestId(`${operation.method} ${operation.path}: ${message}`, requestId), options);
    this.name = new.target.name;
    this.method = operation.method;
    this.path = operation.path;
    this.requestId = requestId;
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
export class ParchmentApiError extends ParchmentError implements ApiErrorDetails {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string;
  readonly validation: ValidationIssue[];
  readonly code: string | undefined;
  readonly retryAfter: number | undefined;

  constructor(operation: OperationInfo, details: ApiErrorDetails) {
    super(operation, `${details.status} ${details.title}: ${details.detail}`, details.requestId);
    this.status = details.status;
    this.type = details.type;
    this.title = details.title;
    this.detail = details.detail;
    this.validation = details.validation;
    this.code = details.code;
    this.retryAfter = details.retryAfter;
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
  readonly timeoutMs: number;
  constructor(operation: OperationInfo, timeoutMs: number) {
    super(operation, `no response within ${timeoutMs} ms`);
    this.timeoutMs = timeoutMs;
  }
}

/** A response that is not what the contract documents: not JSON, an HTML page, no envelope. */
export class ParchmentResponseError extends ParchmentError {
  readonly status: number;
  constructor(operation: OperationInfo, status: number, message: string, requestId?: string) {
    super(operation, `${status} ${message}`, requestId);
    this.status = status;
  }
}

/** listAll() stopped: the server repeated a cursor, or the page cap was reached. */
export class ParchmentPaginationError extends ParchmentError {}
