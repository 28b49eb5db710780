// Reading a body a client took as text (openapi-fetch's `parseAs: "text"`): its Content-Type
// must say JSON and the text must parse. Each refusal is a sentence for the vendor's response
// error; a Content-Type is server text, so it is redacted before it is quoted.
import { isJsonMediaType } from "./media-type.js";

/** Why a response with this Content-Type is not JSON as a client reads it; undefined when it is. */
export function notJsonReason(contentType: string | null, redact: (text: string) => string): string | undefined {
  return isJsonMediaType(contentType) ? undefined : `expected a JSON body, got ${contentType === null ? "no content type" : redact(contentType)}`;
}

/** The JSON value of a body's text (undefined for an empty body); throws what `invalid` makes for text that is not JSON. */
export function parseJsonText(text: string | undefined, invalid: () => Error): unknown {
  if (text === undefined || text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw invalid();
  }
}

/** A JSON object (not an array, not null): the shape every envelope, user and error body must have. */
export const isObject = (value: unknown): value is Record<string, any> => typeof value === "object" && value !== null && !Array.isArray(value);
