// Reads Parchment's response envelope: the payload of a success, or a ParchmentApiError
// for a documented error, or a ParchmentResponseError for anything else.
import {
  ParchmentApiError,
  ParchmentNetworkError,
  ParchmentResponseError,
  ParchmentTimeoutError,
  type OperationInfo,
} from "./errors.js";
import { parseRetryAfter } from "./retry.js";
import type { ValidationIssue } from "./types.js";

/** Replaces known secrets in text that came from the server before it reaches an error. */
export type Scrub = (text: string) => string;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const optionalString = (value: unknown) => (typeof value === "string" ? value : undefined);

/** application/json, application/problem+json and the like. */
function isJson(response: Response): boolean {
  return response.headers.get("content-type")?.toLowerCase().includes("json") ?? false;
}

/** The `data` of a success envelope; throws for an error status or a body without the envelope. */
export function readEnvelope<T>(operation: OperationInfo, response: Response, body: unknown, scrub: Scrub): T {
  const requestId = isObject(body) ? optionalString(body.requestId) : undefined;
  if (response.ok) {
    if (isObject(body) && body.success === true && "data" in body) return body.data as T;
    throw new ParchmentResponseError(operation, response.status, "response has no success envelope", requestId);
  }
  const problem = isObject(body) ? body.error : undefined;
  if (isObject(problem) && typeof problem.type === "string" && typeof problem.title === "string" && typeof problem.detail === "string") {
    throw new ParchmentApiError(operation, {
      status: response.status,
      type: problem.type,
      title: scrub(problem.title),
      detail: scrub(problem.detail),
      validation: Array.isArray(problem.validation)
        ? (problem.validation as ValidationIssue[]).map((issue) => (isObject(issue) && typeof issue.message === "string" ? { ...issue, message: scrub(issue.message) } : issue))
        : [],
      requestId,
      code: isObject(body) ? optionalString(body.code) : undefined,
      retryAfter: parseRetryAfter(response.headers.get("retry-after")),
    });
  }
  throw new ParchmentResponseError(operation, response.status, "error response has no problem details envelope", requestId);
}

/** What an openapi-fetch call resolves to. */
export type RawResult = { data?: unknown; error?: unknown; response: Response };

/**
 * Awaits one openapi-fetch call made with `parseAs: "text"` and reads its envelope. Parsing here
 * rather than in openapi-fetch keeps the status and content type at hand when a body is not
 * JSON (an HTML page from a proxy, say), which openapi-fetch would only report as a SyntaxError.
 */
export async function callOperation<T>(
  operation: OperationInfo,
  scrub: Scrub,
  call: Promise<RawResult>,
): Promise<T> {
  let result;
  try {
    result = await call;
  } catch (error) {
    // The transport names the request's path; name the operation's path template instead.
    if (error instanceof ParchmentTimeoutError) throw new ParchmentTimeoutError(operation, error.timeoutMs);
    if (error instanceof ParchmentNetworkError) throw new ParchmentNetworkError(operation, { cause: error.cause });
    throw error;
  }
  const { data, error, response } = result;
  if (response.status !== 204 && !isJson(response)) {
    const type = response.headers.get("content-type") ?? "no content type";
    throw new ParchmentResponseError(operation, response.status, `expected a JSON body, got ${type}`);
  }
  let body: unknown = data ?? error;
  if (response.ok && typeof body === "string") {
    try {
      body = JSON.parse(body);
    } catch {
      throw new ParchmentResponseError(operation, response.status, "body is not valid JSON");
    }
  }
  return readEnvelope<T>(operation, response, body, scrub);
}
