// The JSON body of a response the transport has already read, parsed at most once however many
// readers want it (the hooks' requestId, the drift check): bounded like every other untrusted
// JSON here, and undefined when the response is not JSON at all. Only the observer reads it: a
// client that watches nothing ships none of the parser.
import { parseBoundedJson } from "./json-depth.js";
import { isJsonMediaType } from "./media-type.js";
import type { BufferedResponse } from "./response-body.js";

const parsed = new WeakMap<BufferedResponse, Promise<{ json: unknown } | undefined>>();

/** `{ json }` for a JSON body that parses within the bounds, undefined otherwise; parsed once per response. Never rejects. */
export function jsonBodyOf(response: BufferedResponse): Promise<{ json: unknown } | undefined> {
  let body = parsed.get(response);
  if (!body) {
    body = isJsonMediaType(response.headers.get("content-type") ?? undefined)
      ? response.text().then((text) => {
          const read = parseBoundedJson(text);
          return read.problem === undefined ? { json: read.value } : undefined;
        })
      : Promise.resolve(undefined);
    parsed.set(response, body);
  }
  return body;
}
