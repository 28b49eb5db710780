// Reads Parchment's response envelope: the payload of a success, or a ParchmentApiError
// for a documented error, or a ParchmentResponseError for anything else.
import type { Middleware } from "openapi-fetch";
import { ParchmentApiError, ParchmentResponseError, type OperationInfo } from "./errors.js";
import { parseRetryAfter } from "./retry.js";
import type { ValidationIssue } from "./types.js";

/** Replaces known secrets in text that came from the server before it reaches an error. */
export type Scrub = (text: string) => string;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const optionalString = (value: unknown) => (typeof value === "string" ? value : undefined);

function isJson(response: Response): boolean {
  const type = response.headers.get("content-type") ?? "";
  return /^application\/([\w.+-]*\+)?json\b/i.test(type);
}

/** What one call saw of its response; openapi-fetch hides it when a body fails to parse. */
export interface ResponseWatch {
  middleware: Middleware;
  response?: Response;
}

/** A per-call middleware that remembers the response and refuses a body that is not JSON. */
export function watchResponse(operation: OperationInfo): ResponseWatch {
  const watch: ResponseWatch = {
    middleware: {
      onResponse({ response }) {
        watch.response = response;
        if (response.status !== 204 && !isJson(response)) {
          const type = response.headers.get("content-type") ?? "no content type";
          throw new ParchmentResponseError(operation, response.status, `expected a JSON body, got ${type}`);
        }
        return undefined;
      },
    },
  };
  return watch;
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
      validation: Array.isArray(problem.validation) ? (problem.validation as ValidationIssue[]) : [],
      requestId,
      code: isObject(body) ? optionalString(body.code) : undefined,
      retryAfter: parseRetryAfter(response.headers.get("retry-after")),
    });
  }
  throw new ParchmentResponseError(operation, response.status, "error response has no problem details envelope", requestId);
}

/** Runs one openapi-fetch call and reads its envelope, turning a body that is not JSON into a ParchmentResponseError. */
export async function callOperation<T>(
  operation: OperationInfo,
  scrub: Scrub,
  call: (middleware: Middleware[]) => Promise<{ data?: unknown; error?: unknown; response: Response }>,
): Promise<T> {
  const watch = watchResponse(operation);
  let result;
  try {
    result = await call([watch.middleware]);
  } catch (error) {
    if (error instanceof SyntaxError) {
      throw new ParchmentResponseError(operation, watch.response?.status ?? 0, "body is not valid JSON");
    }
    throw error;
  }
  return readEnvelope<T>(operation, result.response, result.data ?? result.error, scrub);
}
