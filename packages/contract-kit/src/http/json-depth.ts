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

/**
 * The most items of any one array in a request body: far above the contract's own (13 scopes
 * at most), far below where ajv's uniqueItems, which compares every pair, takes seconds.
 */
export const MAX_ARRAY_ITEMS = 1000;

function hasArrayLongerThan(value: unknown, max: number): boolean {
  if (Array.isArray(value)) return value.length > max || value.some((item) => hasArrayLongerThan(item, max));
  if (typeof value === "object" && value !== null) return Object.values(value).some((item) => hasArrayLongerThan(item, max));
  return false;
}

/**
 * A request body parsed, or why it is refused before any validator sees it: nested too deep
 * (checked before parsing), not JSON, or with an array too long to validate quickly.
 */
export function parseBoundedJson(text: string): { value: unknown; problem?: undefined } | { problem: string } {
  if (nestsDeeperThan(text)) return { problem: `The request body is nested more than ${MAX_JSON_DEPTH} deep` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: "The request body is not valid JSON" };
  }
  if (hasArrayLongerThan(value, MAX_ARRAY_ITEMS)) return { problem: `The request body has an array of more than ${MAX_ARRAY_ITEMS} items` };
  return { value };
}

/** A JSON object (not an array, not null): the shape every envelope, user and error body must have. */
export const isObject = (value: unknown): value is Record<string, any> => typeof value === "object" && value !== null && !Array.isArray(value);
