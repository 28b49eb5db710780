// Checks one HTTP answer against the contract: the status is documented for the operation,
// the body is JSON (application/json, nothing looser), not nested past any value the contract
// describes, and it satisfies that status's schema (every violation listed, or, for a body too
// large to list them quickly, the first found). Values are shown through `show`, which
// redacts the credentials before anything is cut.
import type { SpecOperation } from "../spec/operations.js";
import { jsonPath } from "../spec/broken-rules.js";
import { lookup } from "../spec/pointer.js";
import type { SpecValidator } from "../spec/validator.js";
import { MAX_JSON_DEPTH, MAX_LISTED_VALUES, nestsDeeperThan } from "../http/json-depth.js";
import { isContractJsonMediaType } from "../http/contract-media-type.js";
import { LONGEST_ESCAPE } from "../http/read-escaped.js";
import { REDACTED, WINDOW } from "../http/redact.js";

export interface Violation {
  /** Where in the body, as a JSON path ("$.data.access_roles[0]"); "(status)", "(body)" or "(request)" otherwise. */
  path: string;
  expected: string;
  actual: string;
}

/** Report text, credentials redacted first, then cut to `max` characters. */
export interface Show {
  /** A value as JSON (any depth). */
  value(value: unknown, max?: number): string;
  /** Text as it came ("<html>", a header). */
  text(text: string, max?: number): string;
}

const SHOWN_DEPTH = 6;

/** A prefix of a text to show, and whether it is the whole text. */
interface Draft {
  text: string;
  whole: boolean;
}

/**
 * JSON text of a value of any depth: levels past SHOWN_DEPTH are written […] or {…} (JSON.stringify
 * throws a RangeError on deep values). Writing stops once `budget` characters are written: then
 * `text` is a prefix of the whole text (a long string or key is cut inside its quotes, never
 * inside an escape or a surrogate pair), at least `budget` long, and `whole` is false. A 3 MiB
 * node was rendered whole, hundreds of milliseconds, to show its first 80 characters.
 */
function render(value: unknown, budget = Number.POSITIVE_INFINITY): Draft {
  let text = "";
  let whole = true;
  const full = () => {
    if (text.length < budget) return false;
    whole = false;
    return true;
  };
  const string = (item: string) => {
    const room = budget - text.length;
    if (item.length <= room) {
      text += JSON.stringify(item);
      return;
    }
    // As much of the string as fills the budget, without its closing quote: the start of its
    // whole JSON text, as each character is escaped alone except a surrogate pair, kept whole.
    const code = item.charCodeAt(room - 1);
    const end = code >= 0xd800 && code <= 0xdbff ? room + 1 : room;
    text += JSON.stringify(item.slice(0, end)).slice(0, -1);
    whole = false;
  };
  const write = (item: unknown, depth: number): void => {
    if (full()) return;
    if (item === undefined) text += "nothing";
    else if (typeof item === "string") string(item);
    else if (item === null || typeof item !== "object") text += JSON.stringify(item) ?? String(item);
    else if (Array.isArray(item)) {
      if (depth >= SHOWN_DEPTH) {
        text += "[…]";
        return;
      }
      text += "[";
      for (let i = 0; i < item.length; i++) {
        if (i > 0) text += ",";
        write(item[i], depth + 1);
        if (full()) return;
      }
      text += "]";
    } else {
      if (depth >= SHOWN_DEPTH) {
        text += "{…}";
        return;
      }
      text += "{";
      let first = true;
      // for…in rather than Object.entries: stops at the budget without listing every key first.
      for (const key in item) {
        if (!Object.hasOwn(item, key)) continue;
        if (!first) text += ",";
        first = false;
        string(key);
        if (full()) return;
        text += ":";
        write((item as Record<string, unknown>)[key], depth + 1);
        if (full()) return;
      }
      text += "}";
    }
  };
  write(value, 0);
  return { text, whole };
}

/**
 * How many characters at the end of a redacted prefix may differ from the redacted whole text:
 * a secret's window that runs past the prefix's end is not found in it, so its last WINDOW - 1
 * characters may show what the whole text hides, each as a REDACTED of its own or as written,
 * escaped (the redactor reads escapes back: one character can stand as LONGEST_ESCAPE).
 */
const UNSETTLED = (WINDOW - 1) * Math.max(REDACTED.length, LONGEST_ESCAPE);

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * What `cut(finish(whole text), max)` shows, from as short a prefix of the text as shows the
 * same: `finish` redacts (and may fold whitespace), always before the cut, so a secret that
 * straddles the cut is still hidden whole. A prefix's finished text agrees with the whole's but
 * for its last UNSETTLED characters; once it is longer than max + UNSETTLED, what is shown is
 * settled. A longer prefix is tried until it is (a redacted secret shortens the text).
 */
function shown(draft: (budget: number) => Draft, finish: (text: string) => string, max: number): string {
  for (let budget = 4 * max + UNSETTLED; ; budget *= 4) {
    const { text, whole } = draft(budget);
    const finished = finish(text);
    if (whole || finished.length > max + UNSETTLED) return cut(finished, max);
  }
}

/**
 * `redact` is a createRedactor's (it hides runs of at most WINDOW characters of a secret, each
 * as REDACTED): the budgets above rest on that.
 */
export function createShow(redact: (text: string) => string): Show {
  // Whitespace runs folded after redaction, so a secret with spaces in it is still found.
  const fold = (text: string) => redact(text).replace(/\s+/g, " ");
  return {
    value: (value, max = 80) => shown((budget) => render(value, budget), redact, max),
    text: (text, max = 200) => shown((budget) => (text.length <= budget ? { text, whole: true } : { text: text.slice(0, budget), whole: false }), fold, max),
  };
}

/** Most violations a check lists; a body can break one rule thousands of times. */
const MAX_VIOLATIONS = 20;

export interface Answer {
  status: number;
  contentType: string | null;
  text: string;
}

/** Every way the answer departs from the contract ([] when it conforms), and its body when it is JSON. */
export function checkResponse(operation: SpecOperation, answer: Answer, validator: SpecValidator, show: Show): { violations: Violation[]; body?: unknown } {
  const status = String(answer.status);
  const schema = operation.responses[status] ?? operation.responses[`${status[0]}XX`] ?? operation.responses.default;
  if (!schema) {
    return { violations: [{ path: "(status)", expected: `a documented status (${Object.keys(operation.responses).join(", ")})`, actual: status }] };
  }
  const type = answer.contentType ?? "";
  const excerpt = () => show.text(answer.text, 60);
  if (!isContractJsonMediaType(type)) {
    return { violations: [{ path: "(body)", expected: "Content-Type application/json", actual: `${type ? show.text(type, 60) : "no Content-Type"}: ${excerpt()}` }] };
  }
  if (nestsDeeperThan(answer.text)) {
    return { violations: [{ path: "(body)", expected: `JSON nested at most ${MAX_JSON_DEPTH} deep`, actual: `deeper: ${excerpt()}` }] };
  }
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    return { violations: [{ path: "(body)", expected: "a JSON body", actual: answer.text ? excerpt() : "an empty body" }] };
  }
  const inspected = validator.inspect(schema, body);
  const found = inspected.violations.filter((violation) => violation.keyword !== "if");
  const violations = found.slice(0, MAX_VIOLATIONS).map((violation) => {
    const missing = violation.params.missingProperty;
    const pointer = typeof missing === "string" ? `${violation.path}/${missing}` : violation.path;
    return {
      path: show.text(jsonPath(pointer)),
      expected: show.text(violation.message),
      actual: typeof missing === "string" ? "missing" : show.value(lookup(body, violation.path)),
    };
  });
  if (found.length > MAX_VIOLATIONS) violations.push({ path: "(body)", expected: "the listed violations", actual: `${found.length - MAX_VIOLATIONS} more not listed` });
  else if (!inspected.complete) violations.push({ path: "(body)", expected: "the listed violations", actual: `maybe more, not looked for: the body holds more than ${MAX_LISTED_VALUES} values` });
  return { violations, body };
}
