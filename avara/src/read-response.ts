// Reads one of Avara's answers: a success is the resource itself (a JSON object, no
// envelope); an error status is an AvaraApiError whatever its body, since Avara documents no
// error body. Every string taken from a body is redacted before it reaches an error.
import { MAX_JSON_DEPTH, nestsDeeperThan, notJsonReason, parseJsonText, parseRetryAfter, isObject } from "contract-kit/http";
import { AvaraApiError, AvaraResponseError, type OperationInfo } from "./errors.js";

type Redact = (text: string) => string;

/** What an openapi-fetch call made with `parseAs: "text"` resolves to, and the text of an error answer. */
export type RawResult = { data?: string | undefined; response: Response; errorText?: string | undefined };

/** The JSON value of an error body, or undefined when it is not JSON (or nests past what is read). */
function parseErrorBody(text: string | undefined): unknown {
  if (!text || nestsDeeperThan(text)) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A copy of untrusted JSON with every string (keys too) redacted; levels past MAX_JSON_DEPTH are dropped. */
function redactJson(value: unknown, redact: Redact, depth = 0): unknown {
  if (typeof value === "string") return redact(value);
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_JSON_DEPTH) return undefined;
  if (Array.isArray(value)) return value.map((item) => redactJson(item, redact, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [redact(key), redactJson(item, redact, depth + 1)]));
}

/** The human-readable message of an error body, if it has one where APIs usually put it. */
function messageOf(body: unknown): string | undefined {
  if (!isObject(body)) return undefined;
  const candidates = [body.message, isObject(body.error) ? body.error.message : body.error, body.detail, body.title];
  return candidates.find((candidate): candidate is string => typeof candidate === "string" && candidate.trim() !== "");
}

export function readResource<T>(operation: OperationInfo, redact: Redact, { data, response, errorText }: RawResult): T {
  const { status } = response;
  const notJson = notJsonReason(response.headers.get("content-type"), redact);
  if (!response.ok) {
    const body = notJson ? undefined : redactJson(parseErrorBody(errorText), redact);
    const message = messageOf(body);
    throw new AvaraApiError(operation, `${status}${message ? `: ${message.slice(0, 500)}` : ""}`, {
      status,
      body,
      retryAfter: parseRetryAfter(response.headers.get("retry-after")),
    });
  }
  const fail = (why: string) => new AvaraResponseError(operation, `${status} ${why}`, { status });
  if (notJson) throw fail(notJson);
  const body = parseJsonText(data, () => fail("body is not valid JSON"));
  // The contract answers with the user itself; anything that is not an object with a userId is not it.
  if (!isObject(body) || typeof body.userId !== "string") throw fail("response is not a user (a JSON object with a userId)");
  return body as T;
}
