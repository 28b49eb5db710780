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

/** JSON text of a value of any depth: levels past SHOWN_DEPTH are written […] or {…} (JSON.stringify throws a RangeError on deep values). */
function render(value: unknown, depth = 0): string {
  if (value === undefined) return "nothing";
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? String(value);
  if (Array.isArray(value)) return depth >= SHOWN_DEPTH ? "[…]" : `[${value.map((item) => render(item, depth + 1)).join(",")}]`;
  if (depth >= SHOWN_DEPTH) return "{…}";
  return `{${Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}:${render(item, depth + 1)}`).join(",")}}`;
}

export function createShow(redact: (text: string) => string): Show {
  const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
  return {
    value: (value, max = 80) => cut(redact(render(value)), max),
    // Whitespace runs folded after redaction, so a secret with spaces in it is still found.
    text: (text, max = 200) => cut(redact(text).replace(/\s+/g, " "), max),
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
