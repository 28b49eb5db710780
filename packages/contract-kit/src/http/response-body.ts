// The JSON body of a response the transport has already read, parsed at most once however
// many readers want it (the hooks' requestId, the drift check): bounded like every other
// untrusted JSON here, and undefined when the response is not JSON at all.
import { parseBoundedJson } from "./json-depth.js";
import { isJsonMediaType } from "./media-type.js";

const parsed = new WeakMap<Response, Promise<{ json: unknown } | undefined>>();
const bytesOf = new WeakMap<Response, Uint8Array>();
const decoder = new TextDecoder();

/** Keeps the bytes an attempt read for its buffered Response: decoding them costs far less than cloning the Response. */
export function rememberBody(response: Response, bytes: Uint8Array): void {
  bytesOf.set(response, bytes);
}

/** The body's text, from the remembered bytes when there are some. */
function textOf(response: Response): Promise<string> {
  const bytes = bytesOf.get(response);
  return bytes ? Promise.resolve(decoder.decode(bytes)) : response.clone().text();
}

/** `{ json }` for a JSON body that parses within the bounds, undefined otherwise. Never throws. */
export function jsonBodyOf(response: Response): Promise<{ json: unknown } | undefined> {
  let body = parsed.get(response);
  if (!body) {
    body = isJsonMediaType(response.headers.get("content-type") ?? undefined)
      ? textOf(response)
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
