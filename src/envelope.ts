// Reads Parchment's response envelope: the envelope of a success, or the problem details of a
// documented error as the ParchmentApiError subclass for its status, or a
// ParchmentResponseError for anything else. Every string taken from the body is redacted
// before it reaches an error.
import { ParchmentResponseError, apiErrorClass, type OperationInfo } from "./errors.js";
import { notJsonReason, parseJsonText, parseRetryAfter, isObject, type ResponseHead } from "contract-kit/http";
import type { ValidationIssue } from "./types.js";

export type Redact = (text: string) => string;

/**
 * What an openapi-fetch call made with `parseAs: "text"` resolves to, of which only the
 * response's head is read here: for the client's own methods it is the transport's
 * BufferedResponse, not a platform Response.
 */
export type RawResult = { data?: string | undefined; error?: unknown; response: ResponseHead };

// The body is untrusted JSON, possibly not an object at all: every field is read through
// optional chaining and checked with typeof (a property of a string or number is undefined).
export type Untrusted = { readonly [key: string]: unknown } | undefined;

/** A validation issue with only its documented string fields, each redacted. */
function validationIssue(issue: unknown, redact: Redact): ValidationIssue | undefined {
  if (!isObject(issue)) return undefined;
  const text = (value: unknown) => (typeof value === "string" ? redact(value) : "");
  return { field: text(issue.field), message: text(issue.message), code: text(issue.code) };
}

export type Envelope = { readonly [key: string]: unknown };

/**
 * The envelope of a success (the caller reads `data` and any envelope-level `pagination`),
 * or throws. `problemWith` says what is wrong with a success the caller cannot use. `T` is
 * the spec's type for the operation's 200 body: the checks here and in `problemWith` guard
 * everything the client relies on; the rest is the server's word.
 */
export function readEnvelope<T = Envelope>(
  operation: OperationInfo,
  redact: Redact,
  { data, error, response }: RawResult,
  problemWith?: (envelope: Envelope) => string | undefined,
  /** Whether a success may come without `data` (a create's 202 may). */
  dataOptional = false,
): T {
  const { status } = response;
  const optional = (value: unknown) => (typeof value === "string" ? redact(value) : undefined);
  const responseError = (why: string, body?: Untrusted) =>
    new ParchmentResponseError(operation, `${status} ${why}`, { status, requestId: optional(body?.requestId) });
  // application/json, application/problem+json and the like; a 204 has no body to type.
  const notJson = status === 204 ? undefined : notJsonReason(response.headers.get("content-type"), redact);
  if (notJson) throw responseError(notJson);
  if (response.ok) {
    const body = parseJsonText(data, () => responseError("body is not valid JSON"));
    if (!isObject(body) || body.success !== true) throw responseError("response has no success envelope", body as Untrusted);
    if (body.data === null || (body.data === undefined && !dataOptional)) throw responseError(`success envelope has ${body.data === null ? "null" : "no"} data`, body);
    const problem = problemWith?.(body);
    if (problem) throw responseError(problem, body);
    return body as T;
  }
  // openapi-fetch has already parsed an error body that is JSON.
  const body = error as Untrusted;
  const { type, title, detail, validation } = (isObject(body) && isObject(body.error) ? body.error : {}) as Untrusted & {};
  if (typeof type !== "string" || typeof title !== "string" || typeof detail !== "string") {
    throw responseError("error response has no problem details envelope", isObject(body) ? body : undefined);
  }
  const [safeTitle, safeDetail] = [redact(title), redact(detail)];
  const ApiError = apiErrorClass(status);
  // Redacted again as one text: a secret can be split between the title and the detail.
  throw new ApiError(operation, redact(`${status} ${safeTitle}: ${safeDetail}`), {
    status,
    type: redact(type),
    title: safeTitle,
    detail: safeDetail,
    validation: Array.isArray(validation) ? validation.flatMap((issue) => validationIssue(issue, redact) ?? []) : [],
    requestId: optional(body?.requestId),
    code: optional(body?.code),
    retryAfter: parseRetryAfter(response.headers.get("retry-after")),
  });
}
