// Checks one HTTP response against the contract: the status is documented for the
// operation, the body is JSON, and it satisfies that status's schema.
import type { SpecOperation } from "../contract/operations.js";
import { isJsonMediaType } from "../media-type.js";
import { lookup, pointerKeys } from "../contract/pointer.js";
import type { SpecValidator } from "../contract/spec-validator.js";

export interface Violation {
  /** Where in the body, as a JSON path ("$.data.access_roles[0]"); "(status)" or "(body)" otherwise. */
  path: string;
  expected: string;
  actual: string;
}

/** A JSON pointer ("/data/access_roles/0") as a JSON path ("$.data.access_roles[0]"). */
export function jsonPath(pointer: string): string {
  return pointerKeys(pointer).reduce(
    (path, key) => (/^\d+$/.test(key) ? `${path}[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`),
    "$",
  );
}

export function show(value: unknown, max = 80): string {
  const text = value === undefined ? "nothing" : JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Every way the response departs from the contract; [] when it conforms. */
export async function checkResponse(operation: SpecOperation, response: Response, validator: SpecValidator): Promise<Violation[]> {
  const status = String(response.status);
  const schema = operation.responses[status] ?? operation.responses[`${status[0]}XX`] ?? operation.responses.default;
  if (!schema) {
    return [{ path: "(status)", expected: `a documented status (${Object.keys(operation.responses).join(", ")})`, actual: status }];
  }
  const type = response.headers.get("content-type") ?? "";
  const text = await response.text();
  if (!isJsonMediaType(type)) {
    return [{ path: "(body)", expected: "Content-Type application/json", actual: `${type || "no Content-Type"}: ${show(text.replace(/\s+/g, " "), 60)}` }];
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [{ path: "(body)", expected: "a JSON body", actual: show(text.replace(/\s+/g, " "), 60) }];
  }
  return validator
    .validate(schema, body)
    .filter((violation) => violation.keyword !== "if")
    .map((violation) => {
      const missing = violation.params.missingProperty;
      const pointer = typeof missing === "string" ? `${violation.path}/${missing}` : violation.path;
      return {
        path: jsonPath(pointer),
        expected: violation.message,
        actual: typeof missing === "string" ? "missing" : show(lookup(body, violation.path)),
      };
    });
}
