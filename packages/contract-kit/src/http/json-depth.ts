// How deeply a JSON text nests, found without parsing it. A JSON parser and validator that
// recurse (ajv's uniqueItems, JSON.stringify) fail with a RangeError on values a few thousand
// levels deep; the contract's deepest value is a handful of levels, so anything past a small
// bound is refused before it reaches them.

/** Deeper than any value the contract describes, far below where recursion fails. */
export const MAX_JSON_DEPTH = 32;

/** True when `text` opens more than `max` arrays or objects inside one another (strings skipped). */
export function nestsDeeperThan(text: string, max = MAX_JSON_DEPTH): boolean {
  return scan(text, max, Infinity) === "deep";
}

/**
 * One pass over a JSON text, strings skipped: "deep" when it opens more than `maxDepth`
 * arrays or objects inside one another, "many" when it separates more than `maxSeparators`
 * values (commas and colons: every value but the first is preceded by one).
 */
function scan(text: string, maxDepth: number, maxSeparators: number): "deep" | "many" | undefined {
  let depth = 0;
  let separators = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c) i++; // a backslash escapes the next character
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x5b || char === 0x7b) {
      if (++depth > maxDepth) return "deep";
    } else if (char === 0x5d || char === 0x7d) {
      depth--;
    } else if (char === 0x2c || char === 0x3a) {
      if (++separators > maxSeparators) return "many";
    }
  }
  return undefined;
}

/**
 * The most items of any one array in a request body: far above the contract's own (13 scopes
 * at most), far below where ajv's uniqueItems, which compares every pair, takes seconds.
 */
export const MAX_ARRAY_ITEMS = 1000;

/**
 * The most values (objects, arrays, strings, numbers, booleans, nulls) in a request body. The
 * contracts' largest request holds a few dozen. Bounding the array length alone was not
 * enough: ajv's uniqueItems compares every pair of items in depth, so 1,000 distinct objects
 * of 101 keys each (780 kB, below the body cap) kept the event loop busy for 1.5 s; with at
 * most this many values in all, the worst pairwise comparison is some 10^6 steps.
 */
export const MAX_JSON_VALUES = 2000;

/**
 * The most values a response may hold for every rule it breaks to be listed. Finding whether
 * a value conforms takes one linear pass that stops at the first violation; listing every
 * violation (ajv's allErrors) costs more than linear in their number, and a hostile 4 MiB
 * answer breaks a rule a million times (10,000 invalid users: 43 s). Past this many values
 * only the first violations found are listed, and the listing says it is incomplete.
 */
export const MAX_LISTED_VALUES = 10_000;

/**
 * Walks `value` depth-first without recursion, each value once (itself included), and returns
 * the first thing `visit` says, or undefined: it stops as soon as `visit` says something.
 */
function walk(value: unknown, visit: (item: unknown, count: number) => string | undefined): string | undefined {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    const said = visit(item, ++count);
    if (said !== undefined) return said;
    if (Array.isArray(item)) for (const child of item) stack.push(child);
    else if (typeof item === "object" && item !== null) for (const key in item) stack.push((item as Record<string, unknown>)[key]);
  }
  return undefined;
}

/** Whether `value` holds more than `max` values in all (itself included). */
export const holdsMoreValuesThan = (value: unknown, max: number): boolean => walk(value, (_item, count) => (count > max ? "more" : undefined)) !== undefined;

/** What in `value` is past the request bounds, if anything. */
const pastBounds = (value: unknown): string | undefined =>
  walk(value, (item, count) => {
    if (count > MAX_JSON_VALUES) return `The request body has more than ${MAX_JSON_VALUES} values`;
    if (Array.isArray(item) && item.length > MAX_ARRAY_ITEMS) return `The request body has an array of more than ${MAX_ARRAY_ITEMS} items`;
    return undefined;
  });

/**
 * A request body parsed, or why it is refused before any validator sees it: nested too deep
 * (checked before parsing), not JSON, with an array too long, or with too many values to
 * validate quickly.
 */
export function parseBoundedJson(text: string): { value: unknown; problem?: undefined } | { problem: string } {
  // Both refused before parsing: JSON.parse of an object of 30,000 keys alone takes 20 ms.
  const shape = scan(text, MAX_JSON_DEPTH, 2 * MAX_JSON_VALUES);
  if (shape === "deep") return { problem: `The request body is nested more than ${MAX_JSON_DEPTH} deep` };
  if (shape === "many") return { problem: `The request body has more than ${MAX_JSON_VALUES} values` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: "The request body is not valid JSON" };
  }
  const problem = pastBounds(value);
  return problem === undefined ? { value } : { problem };
}
