// The errors the client throws: every failure is a ParchmentError. Each message names the
// method and path template of the call, and the requestId when the server sent one. Every
// string that came from the server or from a thrown cause has been redacted before it gets
// here (src/redact.ts), and no error keeps the Request, its headers or a raw cause, so no
// credential can surface through a message, a field, a stack, JSON.stringify or util.inspect.
import { OperationError, nameClasses, transportErrors, type OperationInfo, type Violation } from "contract-kit/http";
import type { ValidationIssue } from "./types.js";

export type { OperationInfo } from "contract-kit/http";

/** Properties an error carries besides its operation; a `requestId` is also named in the message. */
export type ErrorFields = { requestId?: string | undefined; [field: string]: unknown };

export class ParchmentError extends OperationError {
  declare readonly requestId: string | undefined;

  constructor(operation: OperationInfo, message: string, fields: ErrorFields = {}, options?: ErrorOptions) {
    const { requestId } = fields;
    // requestId first, so that every ParchmentError has one, undefined when the server sent none.
    super(operation, `${message}${requestId ? ` (requestId ${requestId})` : ""}`, { requestId, ...fields }, options);
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
  /** Milliseconds the server asked to wait (from Retry-After), when it said. */
  declare readonly retryAfter: number | undefined;
}

/** 400: the request was malformed or broke a rule (bad roles, say). */
export class ParchmentBadRequestError extends ParchmentApiError {}
/** 401: a missing, expired or refused token, or a wrong organisation secret. */
export class ParchmentAuthenticationError extends ParchmentApiError {}
/** 403: the token lacks the operation's scope. */
export class ParchmentPermissionError extends ParchmentApiError {}
/** 404: no such user in this organisation (or no such organisation). */
export class ParchmentNotFoundError extends ParchmentApiError {}
/** 409: the change conflicts with the user's current state. */
export class ParchmentConflictError extends ParchmentApiError {}
/** 422: the body failed validation; `validation` lists each field at fault. */
export class ParchmentValidationError extends ParchmentApiError {}
/** 429: too many requests; `retryAfter` (milliseconds) says how long to wait, when the server said. */
export class ParchmentRateLimitError extends ParchmentApiError {}
/** 5xx: Parchment failed (after the retries the policy allows). */
export class ParchmentServerError extends ParchmentApiError {}

/** No usable response: connection refused, reset (also mid-body), DNS failure. `cause` is a redacted copy. */
export class ParchmentNetworkError extends ParchmentError {}

/** An attempt got no complete response (headers and body) within `timeoutMs`. */
export class ParchmentTimeoutError extends ParchmentNetworkError {
  /** The per-attempt limit that was reached, in milliseconds. */
  declare readonly timeoutMs: number;
}

/**
 * A response that is not what the contract documents: not JSON, an HTML page, no envelope,
 * `data: null`, a body over `maxResponseBytes`, a redirect (never followed).
 */
export class ParchmentResponseError extends ParchmentError {
  declare readonly status: number;
  /** With `validateResponses: "throw"`: each rule the response broke (pointer and keyword, never a value). */
  declare readonly violations: Violation[] | undefined;
}

/** listAll() stopped: a repeated cursor, `hasNext` without a cursor, or the page cap reached. */
export class ParchmentPaginationError extends ParchmentError {}

const API_ERRORS: Record<number, typeof ParchmentApiError> = {
  400: ParchmentBadRequestError,
  401: ParchmentAuthenticationError,
  403: ParchmentPermissionError,
  404: ParchmentNotFoundError,
  409: ParchmentConflictError,
  422: ParchmentValidationError,
  429: ParchmentRateLimitError,
};

/** The class for an error status: one per documented status, ParchmentServerError for 5xx. */
export const apiErrorClass = (status: number): typeof ParchmentApiError =>
  API_ERRORS[status] ?? (status >= 500 ? ParchmentServerError : ParchmentApiError);

nameClasses({
  ParchmentError,
  ParchmentApiError,
  ParchmentBadRequestError,
  ParchmentAuthenticationError,
  ParchmentPermissionError,
  ParchmentNotFoundError,
  ParchmentConflictError,
  ParchmentValidationError,
  ParchmentRateLimitError,
  ParchmentServerError,
  ParchmentNetworkError,
  ParchmentTimeoutError,
  ParchmentResponseError,
  ParchmentPaginationError,
});

/** How the shared transport builds this package's errors. */
export const parchmentErrors = transportErrors({
  base: ParchmentError,
  network: ParchmentNetworkError,
  timeout: ParchmentTimeoutError,
  response: ParchmentResponseError,
});
