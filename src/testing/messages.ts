// The reference server's validation messages in Parchment's words, each naming its field
// (`access_roles must be a non-empty array of valid roles`, as Parchment's own pages show),
// instead of ajv's (`must be equal to constant (allowedValue: "receptionist")`). One message
// per schema keyword; the fields are the JSON pointer of the violation, dotted.
import type { SchemaViolation } from "contract-kit/spec";
import type { ValidationIssue } from "../types.js";

export type { ValidationIssue };

/** Parchment's message for the roles list, whatever in it is wrong (its 400 detail). */
export const ROLES_MESSAGE = "access_roles must be a non-empty array of valid roles";
/** The roles table's rule, as Parchment words it. */
export const RX_READER_MESSAGE = "rx_reader needs to be combined with receptionist";

const TYPES: Record<string, string> = {
  string: "a string",
  integer: "a whole number",
  number: "a number",
  boolean: "true or false",
  array: "an array",
  object: "an object",
  null: "null",
};

// The create request's prescriber fields are required only by its provider rule (the if/then
// of CreateUserRequest): a body's own top-level field names, so no other request shares them.
const FOR_PROVIDER = "for a user with the provider role";
const REQUIRED_BECAUSE: Record<string, string> = {
  date_of_birth: FOR_PROVIDER,
  sex: FOR_PROVIDER,
  hpii_number: FOR_PROVIDER,
  prescriber_type: FOR_PROVIDER,
  qualifications: FOR_PROVIDER,
  prescriber_number: `${FOR_PROVIDER} unless prescriber_type is T`,
};

const list = (values: unknown) => [values].flat().map((value) => JSON.stringify(value)).join(", ");
const characters = (limit: unknown) => `${limit} character${limit === 1 ? "" : "s"}`;

/** The field a violation is about: its pointer dotted, plus the property it names (missing or unknown). */
function fieldOf(violation: SchemaViolation): string {
  const parts = violation.path.split("/").filter(Boolean).map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"));
  const named = violation.params.missingProperty ?? violation.params.additionalProperty;
  if (typeof named === "string") parts.push(named);
  return parts.join(".") || "body";
}

/** What is wrong with `field`, as a sentence that starts with it. */
function sentence(field: string, violation: SchemaViolation): string {
  const { keyword, params } = violation;
  switch (keyword) {
    case "required":
      return REQUIRED_BECAUSE[field] ? `${field} is required ${REQUIRED_BECAUSE[field]}` : `${field} is required`;
    case "additionalProperties":
      return `${field} is not a field of this request`;
    case "type":
      return `${field} must be ${[params.type].flat().map((type) => TYPES[String(type)] ?? String(type)).join(" or ")}`;
    case "enum":
      return `${field} must be one of ${list(params.allowedValues)}`;
    case "const":
      return `${field} must be ${list(params.allowedValue)}`;
    case "minLength":
      return params.limit === 1 ? `${field} must not be empty` : `${field} must be at least ${characters(params.limit)}`;
    case "maxLength":
      return `${field} must be at most ${characters(params.limit)}`;
    case "minItems":
      return params.limit === 1 ? `${field} must not be empty` : `${field} must have at least ${params.limit} items`;
    case "maxItems":
      return `${field} must have at most ${params.limit} items`;
    case "uniqueItems":
      return `${field} must not repeat an item`;
    case "minimum":
    case "exclusiveMinimum":
    case "maximum":
    case "exclusiveMaximum":
      return `${field} must be ${keyword.endsWith("inimum") ? "at least" : "at most"} ${params.limit}`;
    case "format":
      return params.format === "date" ? `${field} must be a date as YYYY-MM-DD` : `${field} must be a valid ${params.format}`;
    case "pattern":
      return `${field} is not in the expected format`;
    default:
      return `${field} is not valid`;
  }
}

/** The most validation[] entries a problem holds (ProblemDetails.validation's maxItems in openapi.yaml). */
const MAX_VALIDATION_ISSUES = 200;

/** ajv's violations as Parchment's validation[] entries: the field, a message that names it, the code; the first MAX_VALIDATION_ISSUES. */
export function validationIssues(violations: SchemaViolation[]): ValidationIssue[] {
  const issues = new Map<string, ValidationIssue>();
  for (const violation of violations) {
    // The `if` of an if/then says only that its `then` applied; the `then`'s own violation says what.
    if (violation.keyword === "if") continue;
    let field = fieldOf(violation);
    let message: string;
    if (field === "access_roles" || field.startsWith("access_roles.")) {
      // Whatever is wrong inside the roles list, Parchment answers for the list as a whole.
      field = "access_roles";
      message = violation.keyword === "contains" || violation.keyword === "const" ? RX_READER_MESSAGE : ROLES_MESSAGE;
    } else {
      message = sentence(field, violation);
    }
    issues.set(`${field}\n${message}`, { field, message, code: "VALIDATION_ERROR" });
    if (issues.size === MAX_VALIDATION_ISSUES) break;
  }
  return [...issues.values()];
}
