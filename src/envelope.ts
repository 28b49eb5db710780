// Reads Parchment's response envelope: the payload of a success, or a ParchmentApiError
// for a documented error, or a ParchmentResponseError for anything else.
import {
  ParchmentApiError,
  ParchmentNetworkError,
  ParchmentResponseError,
  ParchmentTimeoutError,
  networkError,
  timeoutError,
  type OperationInfo,
} from "./errors.js";
import { isJsonMediaType } from "./media-type.js";
import { parseRetryAfter } from "./retry.js";
import type { ValidationIssue } from "./types.js";

/** Replaces known secrets in text that came from the server before it reaches an error. */
export type Scrub = (text: string) => string;

/** What an openapi-fetch call made with `parseAs: "text"` resolves to. */
export type RawResult = { data?: unknown; error?: unknown; response: Response };

// The body is untrusted JSON, possibly not an object at all: every field is read through
// optional chaining and checked with typeof (a property of a string or number is undefined).
export type Untrusted = { readonly [key: string]: unknown } | undefined;
const optionalString = (value: unknown) => (typeof value === "string" ? value : undefined);

// Module-level rather than closures in callOperation: nothing is allocated for a success.
const responseError = (operation: OperationInfo, status: number, why: string, body?: Untrusted) =>
  new ParchmentResponseError(operation, `${status} ${why}`, { status, requestId: optionalString(body?.requestId) });

/**
 * Awaits one openapi-fetch call made with `parseAs: "text"` and returns the `data` of its
 * envelope. Parsing here rather than in openapi-fetch keeps the status and content type at
 * hand when a body is not JSON (an HTML page from a proxy, say), which openapi-fetch would
 * only report as a SyntaxError.
 */
export async function callOperation<T>(
  operation: OperationInfo,
  scrub: Scrub,
  call: Promise<RawResult>,
  /** What is wrong with a success's `data` the caller cannot use, if anything. */
  problemWith?: (data: Untrusted) => string | undefined,
): Promise<T> {
  let result: RawResult;
  try {
    result = await call;
  } catch (error) {
    // The transport names the request's concrete path; name the operation's template instead.
    // (Passing the operation along on the Request costs a few per cent per call: BENCHMARKS.md.)
    if (error instanceof ParchmentTimeoutError) throw timeoutError(operation, error.timeoutMs);
    if (error instanceof ParchmentNetworkError) throw networkError(operation, error.cause);
    throw error;
  }
  const { data, error, response } = result;
  const { status } = response;
  const contentType = response.headers.get("content-type");
  // application/json, application/problem+json and the like; a 204 has no body to type.
  if (status !== 204 && !isJsonMediaType(contentType)) {
    throw responseError(operation, status, `expected a JSON body, got ${contentType ?? "no content type"}`);
  }
  if (response.ok) {
    let body: Untrusted;
    try {
      body = data === undefined ? undefined : JSON.parse(data as string);
    } catch {
      throw responseError(operation, status, "body is not valid JSON");
    }
    if (body?.success !== true || body.data === undefined) throw responseError(operation, status, "response has no success envelope", body);
    const problem = problemWith?.(body.data as Untrusted);
    if (problem) throw responseError(operation, status, problem, body);
    return body.data as T;
  }
  // openapi-fetch has already parsed an error body that is JSON.
  const body = error as Untrusted;
  const { type, title, detail, validation } = (body?.error as Untrusted) ?? {};
  if (typeof type !== "string" || typeof title !== "string" || typeof detail !== "string") {
    throw responseError(operation, status, "error response has no problem details envelope", body);
  }
  const [safeTitle, safeDetail] = [scrub(title), scrub(detail)];
  throw new ParchmentApiError(operation, `${status} ${safeTitle}: ${safeDetail}`, {
    status,
    type,
    title: safeTitle,
    detail: safeDetail,
    validation: Array.isArray(validation)
      ? validation.map((issue: ValidationIssue) => (typeof issue?.message === "string" ? { ...issue, message: scrub(issue.message) } : issue))
      : [],
    requestId: optionalString(body?.requestId),
    code: optionalString(body?.code),
    retryAfter: parseRetryAfter(response.headers.get("retry-after")),
  });
}
