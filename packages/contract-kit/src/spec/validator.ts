// Validates values against schemas of a bundled openapi.json (any contract's, passed in),
// addressed by JSON pointer.
// An ajv instance holds the whole document, so every $ref resolves exactly as written in the
// spec: no schema is copied into TypeScript. Two of them: one whose validators stop at the
// first violation (a linear pass, whatever the value), and one that lists every violation,
// compiled and run only for a value that broke a rule and is small enough to list them
// quickly (MAX_LISTED_VALUES: a hostile answer of 4 MiB breaks a rule a million times). The
// second one is verbose, so that its errors also name the rules broken as the spec states them
// (broken-rules.ts).
import { brokenRules } from "./broken-rules.js";
import { holdsMoreValuesThan, MAX_LISTED_VALUES } from "../http/json-depth.js";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

// ajv-formats is CommonJS; under NodeNext its default export arrives as the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

const DOCUMENT_ID = "openapi.json";

export type OpenApiDocument = Record<string, unknown>;

export interface SchemaViolation {
  /** JSON pointer into the validated value, "" for the value itself. */
  path: string;
  /** What the schema expects, in ajv's words with the keyword's parameters. */
  message: string;
  keyword: string;
  /** ajv's parameters of the failed keyword, such as `missingProperty`. */
  params: Record<string, unknown>;
}

export interface Validation {
  /** The violations found, [] when the value conforms. */
  violations: SchemaViolation[];
  /** False when the value holds more than MAX_LISTED_VALUES values and `violations` are only the first found. */
  complete: boolean;
}

export interface SpecValidator {
  readonly document: OpenApiDocument;
  /** Violations of the schema at `pointer` (e.g. "#/components/schemas/User"); [] when valid. */
  validate(pointer: string, value: unknown): SchemaViolation[];
  /** The same, saying whether every violation is listed (a large value lists only the first found). */
  inspect(pointer: string, value: unknown): Validation;
  /**
   * The rules of the schema at `pointer` that `value` breaks, each named as the spec states it
   * ("$.full_name: minLength 1"; an if/then by its titles or description); [] when valid. For a
   * value of more than MAX_LISTED_VALUES values, only the first found, named by keyword.
   */
  brokenRules(pointer: string, value: unknown): string[];
}

/** Turns the "#/a/b~1c" pointer of the spec into a URI fragment ajv resolves. */
function toRef(pointer: string): string {
  if (!pointer.startsWith("#/")) throw new Error(`Not a JSON pointer into the spec: ${pointer}`);
  const segments = pointer.slice(2).split("/").map((segment) => encodeURIComponent(segment));
  return `${DOCUMENT_ID}#/${segments.join("/")}`;
}

function describe(error: ErrorObject): SchemaViolation {
  const params = Object.entries(error.params)
    .map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
    .join(", ");
  return {
    path: error.instancePath,
    keyword: error.keyword,
    params: error.params,
    message: `${error.message ?? "is invalid"}${params ? ` (${params})` : ""}`,
  };
}

/** An ajv instance holding `document`: its validators list every violation, or stop at the first. */
function ajvFor(document: OpenApiDocument, allErrors: boolean): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors,
    // The listing errors carry the schema they break (parentSchema), for brokenRules.
    verbose: allErrors,
    // Unknown keywords are errors, so a typo in the spec cannot silently switch a rule off.
    strictSchema: true,
    // `anyOf: [{format: date}, {format: date-time}]` under `type: string` is intended.
    strictTypes: false,
  });
  addFormats(ajv);
  // OpenAPI's own schema keywords, which JSON Schema 2020-12 does not know, and the top-level
  // fields of the document itself (ajv compiles the root when it resolves a pointer into it).
  ajv.addVocabulary(["example", "discriminator", "xml", "externalDocs"]);
  ajv.addVocabulary(Object.keys(document).filter((key) => !ajv.getKeyword(key)));
  ajv.addSchema(document, DOCUMENT_ID);
  return ajv;
}

/** Validators by pointer, compiled on first use. */
function compiler(ajv: () => Ajv2020): (pointer: string) => ValidateFunction {
  const compiled = new Map<string, ValidateFunction>();
  return (pointer) => {
    let validate = compiled.get(pointer);
    if (!validate) {
      validate = ajv().compile({ $ref: toRef(pointer) });
      compiled.set(pointer, validate);
    }
    return validate;
  };
}

export function createSpecValidator(document: OpenApiDocument): SpecValidator {
  let firstOnly: Ajv2020 | undefined;
  let every: Ajv2020 | undefined;
  const quick = compiler(() => (firstOnly ??= ajvFor(document, false)));
  const listing = compiler(() => (every ??= ajvFor(document, true)));

  /** ajv's errors for `value`: [] when valid, every one when the value is small enough to list them, else the first found. */
  const errorsOf = (pointer: string, value: unknown): { errors: ErrorObject[]; complete: boolean } => {
    const validate = quick(pointer);
    if (validate(value)) return { errors: [], complete: true };
    if (!holdsMoreValuesThan(value, MAX_LISTED_VALUES)) {
      const list = listing(pointer);
      if (!list(value)) return { errors: list.errors ?? [], complete: true };
    }
    return { errors: validate.errors ?? [], complete: false };
  };
  const inspect = (pointer: string, value: unknown): Validation => {
    const { errors, complete } = errorsOf(pointer, value);
    return { violations: errors.map(describe), complete };
  };
  return {
    document,
    inspect,
    validate: (pointer, value) => inspect(pointer, value).violations,
    brokenRules: (pointer, value) => brokenRules(errorsOf(pointer, value).errors, document),
  };
}
