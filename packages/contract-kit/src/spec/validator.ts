// Validates values against schemas of a bundled openapi.json (any contract's, passed in),
// addressed by JSON pointer.
// One ajv instance holds the whole document, so every $ref resolves exactly as written in
// the spec: no schema is copied into TypeScript.
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

export interface SpecValidator {
  readonly document: OpenApiDocument;
  /** Violations of the schema at `pointer` (e.g. "#/components/schemas/User"); [] when valid. */
  validate(pointer: string, value: unknown): SchemaViolation[];
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

export function createSpecValidator(document: OpenApiDocument): SpecValidator {
  const ajv = new Ajv2020({
    allErrors: true,
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

  const compiled = new Map<string, ValidateFunction>();
  const compile = (pointer: string): ValidateFunction => {
    let validate = compiled.get(pointer);
    if (!validate) {
      validate = ajv.compile({ $ref: toRef(pointer) });
      compiled.set(pointer, validate);
    }
    return validate;
  };

  return {
    document,
    validate(pointer, value) {
      const validate = compile(pointer);
      return validate(value) ? [] : (validate.errors ?? []).map(describe);
    },
  };
}
