// The errors the client throws: every failure is a ParchmentError. Each message names the
// method and path template of the call, and the requestId when the server sent one. Every
// string that came from the server or from a thrown cause has been redacted before it gets
// here (src/redact.ts), and no error keeps the Request, its headers or a raw cause, so no
// credential can surface through a message, a field, a stack, JSON.stringify or util.inspect.
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

// Named here, not from the constructor: a consumer's minifier renames classes.
for (const [name, type] of Object.entries({
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
})) {
  type.prototype.name = name;
}

/**
 * A thrown value as a cause an error may keep: its name, its `code` and a redacted message,
 * with the same for its own cause (undici hides the socket error there), never the object.
 * A custom fetch may throw with the request's headers in its message.
 */
export function safeCause(thrown: unknown, redact: (text: string) => string, depth = 0): Error | undefined {
  if (thrown === undefined || thrown === null || depth > 2) return undefined;
  const source = thrown as { name?: unknown; message?: unknown; code?: unknown; cause?: unknown };
  const message = typeof thrown === "object" ? String(source.message ?? "") : String(thrown);
  const copy = new Error(redact(message), { cause: safeCause(source.cause, redact, depth + 1) });
  if (copy.cause === undefined) delete copy.cause;
  copy.name = typeof source.name === "string" ? redact(source.name) : "Error";
  if (typeof source.code === "string") Object.assign(copy, { code: redact(source.code) });
  copy.stack = `${copy.name}: ${copy.message}`; // the frames are ours, not the thrower's
  return copy;
}

/** "fetch failed: connect ECONNREFUSED 127.0.0.1:4010": a cause and its own cause, in words. */
export function describeCause(cause: Error | undefined): string {
  const parts: string[] = [];
  for (let error = cause; error; error = error.cause as Error | undefined) if (error.message) parts.push(error.message);
  return parts.join(": ");
}
