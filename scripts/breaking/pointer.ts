// ---------------------------------------------------------------- JSON pointers
//
// RFC 6901 pointers as the gate reads them: "#/a/b~1c" (the spec's $refs, redocly's report)
// into segments and back. These overlap src/contract/pointer.ts, which the runtime uses, and
// are kept aligned with it so that the two fold into one module of the core package:
// - `encodeSegment` is its `pointerSegment` (also exported under that name), taking numbers too;
// - `pointerKeys` is its `pointerKeys`, exactly; `pointerSegments` is the same split with each
//   segment also URI-decoded, because redocly's report writes `{`/`}` and other characters
//   percent-escaped or not, as they come;
// - `lookupSegments` is its `lookup`, given segments instead of a pointer, and stopping at a
//   missing key rather than reading through it.
// `decodeSegment`, `toPointer` and `sourcePointer` have no counterpart there.
import type { Json } from "./types.js";

/** Escapes one key for use in a JSON pointer ("a/b~c" → "a~1b~0c"). */
export const encodeSegment = (segment: string | number): string => String(segment).replaceAll("~", "~0").replaceAll("/", "~1");
/** src/contract/pointer.ts's name for encodeSegment. */
export const pointerSegment = encodeSegment;
/** Unescapes one segment of a pointer ("a~1b~0c" → "a/b~c"). */
export const decodeSegment = (segment: string): string => segment.replaceAll("~1", "/").replaceAll("~0", "~");

/** The keys of a pointer, unescaped; a leading "#" is allowed (as src/contract/pointer.ts's). */
export function pointerKeys(pointer: string): string[] {
  return pointer.replace(/^#/, "").split("/").slice(1).map(decodeSegment);
}

/** "#/a/b~1c" → ["a", "b/c"] (redocly writes `{` and `}` unescaped; URI escapes are decoded too). */
export function pointerSegments(pointer: string): string[] {
  const body = pointer.replace(/^#/, "");
  if (body === "") return [];
  return body
    .slice(1)
    .split("/")
    .map((segment) => decodeSegment(safeDecodeURI(segment)));
}
const safeDecodeURI = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/** ["a", "b/c"] → "#/a/b~1c". */
export const toPointer = (segments: readonly (string | number)[]): string => `#${segments.map((segment) => `/${encodeSegment(segment)}`).join("")}`;

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
