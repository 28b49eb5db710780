// ---------------------------------------------------------------- JSON pointers
//
// RFC 6901 pointers as the gate reads them, on top of the core's (contract-kit/spec:
// pointerSegment, toPointer): redocly's report writes some characters
// percent-escaped and some not, so its pointers are also URI-decoded; and a change found in a
// dereferenced copy is traced back through the source's $refs to the component it lies in.
import { toPointer } from "contract-kit/spec";
import type { Json } from "./types.js";

export { pointerSegment, toPointer } from "contract-kit/spec";

/**
 * "#/a/b~1c" → ["a", "b/c"], for pointers in a URI fragment (redocly writes `{` and `}` escaped
 * or not): each segment percent-decoded first, then unescaped, as RFC 6901 orders it for
 * fragments. Splitting after decoding would cut a segment at an escaped "%2F".
 */
export function pointerSegments(pointer: string): string[] {
  const body = pointer.replace(/^#/, "");
  if (body === "") return [];
  return body
    .slice(1)
    .split("/")
    .map((segment) => safeDecodeURI(segment).replaceAll("~1", "/").replaceAll("~0", "~"));
}
const safeDecodeURI = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/** The value at these segments inside `document`, or undefined when a key is missing. */
export function lookupSegments(document: unknown, segments: readonly string[]): Json {
  let node: Json = document;
  for (const segment of segments) {
    if (node === null || typeof node !== "object" || !(segment in node)) return undefined;
    node = node[segment];
  }
  return node;
}

/**
 * Follows an operation-rooted pointer (as found in a dereferenced copy) through the source
 * document, jumping across each local $ref, and returns where it ends in the source: the
 * component pointer when the change lies inside a shared component.
 */
export function sourcePointer(source: unknown, segments: readonly string[]): string {
  let node: Json = source;
  let at: string[] = [];
  const seen = new Set<string>();
  const follow = () => {
    while (node && typeof node === "object" && typeof node.$ref === "string" && node.$ref.startsWith("#")) {
      if (seen.has(node.$ref)) break;
      seen.add(node.$ref);
      at = pointerSegments(node.$ref);
      node = lookupSegments(source, at);
    }
  };
  for (const segment of segments) {
    if (node && typeof node === "object" && segment in node && segment !== "$ref") {
      node = node[segment];
      at = [...at, segment];
    } else {
      follow();
      if (!node || typeof node !== "object" || !(segment in node)) return toPointer([...at, segment]);
      node = node[segment];
      at = [...at, segment];
    }
    seen.clear();
  }
  // A pointer that ends on a $ref (a whole component swapped) names the reference itself.
  return toPointer(at);
}
