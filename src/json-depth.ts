// How deeply a JSON text nests, found without parsing it. A JSON parser and validator that
// recurse (ajv's uniqueItems, JSON.stringify) fail with a RangeError on values a few thousand
// levels deep; the contract's deepest value is a handful of levels, so anything past a small
// bound is refused before it reaches them.

/** Deeper than any value the contract describes, far below where recursion fails. */
export const MAX_JSON_DEPTH = 32;

/** True when `text` opens more than `max` arrays or objects inside one another (strings skipped). */
export function nestsDeeperThan(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c) i++; // a backslash escapes the next character
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x5b || char === 0x7b) {
      if (++depth > max) return true;
    } else if (char === 0x5d || char === 0x7d) {
      depth--;
    }
  }
  return false;
}
