// The JSON body of a response the transport has already read, parsed at most once however
// many readers want it (the hooks' requestId, the drift check): bounded like every other
// untrusted JSON here, and undefined when the response is not JSON at all.
import { parseBoundedJson } from "./json-depth.js";
import { isJsonMediaType } from "./media-type.js";

const parsed = new WeakMap<Response, Promise<{ json: unknown } | undefined>>();

/** `{ json }` for a JSON body that parses within the bounds, undefined otherwise. Never throws. */
export function jsonBodyOf(response: Response): Promise<{ json: unknown } | undefined> {
  let body = parsed.get(response);
  if (!body) {
    body = isJsonMediaType(response.headers.get("content-type") ?? undefined)
      ? response
          .clone()
          .text()
          .then((text) => {
            const read = parseBoundedJson(text);
            return read.problem === undefined ? { json: read.value } : undefined;
          })
          .catch(() => undefined)
      : Promise.resolve(undefined);
    parsed.set(response, body);
  }
  return body;
}
