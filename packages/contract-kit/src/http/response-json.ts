// The JSON body of a response the transport has already read, parsed at most once however many
// readers want it (the hooks' requestId, the drift check). Only the observer reads it: a client
// that watches nothing ships none of it. A response is judged as the contract documents it
// (application/json), and nested no deeper than any value the contract describes: a recursive
// validator fails on deeper ones. It is not bounded in size beyond the client's body cap, as a
// request is: a valid list of every user of a large organisation holds tens of thousands of
// values (the drift check bounds what it lists instead, MAX_LISTED_VALUES).
import { isContractJsonMediaType } from "./contract-media-type.js";
import { nestsDeeperThan } from "./json-depth.js";
import type { BufferedResponse } from "./response-body.js";

const parsed = new WeakMap<BufferedResponse, Promise<{ json: unknown } | undefined>>();

/** `{ json }` for a JSON body as the contract documents it, undefined otherwise; parsed once per response. Never rejects. */
export function jsonBodyOf(response: BufferedResponse): Promise<{ json: unknown } | undefined> {
  let body = parsed.get(response);
  if (!body) {
    body = isContractJsonMediaType(response.headers.get("content-type"))
      ? response.text().then((text) => {
          if (nestsDeeperThan(text)) return undefined;
          try {
            return { json: JSON.parse(text) as unknown };
          } catch {
            return undefined;
          }
        })
      : Promise.resolve(undefined);
    parsed.set(response, body);
  }
  return body;
}
