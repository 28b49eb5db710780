// The response validators a client checks answers with when its user asks (validateResponses),
// compiled here, at generate time, by ajv's standalone code: the package ships plain functions
// and a user pays no schema compile at run time (and ships none of ajv's compiler at all).
// One validator per documented status of every operation, from the bundled openapi.json, with
// the schemas' annotations (descriptions, examples) left out: the code embeds the schemas it
// refers to, and prose is no part of a check. Also written: the operation ids by method and
// path template (operations.ts), which the client's hooks name without loading any validator.
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";
import { Ajv2020 } from "ajv/dist/2020.js";
import standaloneCodeModule from "ajv/dist/standalone/index.js";
import addFormatsModule from "ajv-formats";
import { specOperations, type SpecOperation } from "contract-kit/spec";

// Both are CommonJS; under NodeNext their default export arrives as the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const standaloneCode = standaloneCodeModule as unknown as typeof standaloneCodeModule.default;

type Node = Record<string, unknown>;

/** Keywords that only annotate a schema; nothing validates against them. */
const ANNOTATIONS = new Set(["description", "example", "examples", "title", "$comment", "externalDocs", "xml", "discriminator", "deprecated"]);
/** Keywords whose value is a map of names to schemas: a key there is a name, never a keyword. */
const NAMED = new Set(["properties", "patternProperties", "$defs", "dependentSchemas", "schemas"]);
/** Keywords whose value is data, not schemas: left exactly as written. */
const DATA = new Set(["enum", "const", "default", "required"]);

/** A copy of the document without annotations or vendor extensions, property names kept. */
function withoutAnnotations(value: unknown, named = false): unknown {
  if (Array.isArray(value)) return value.map((item) => withoutAnnotations(item));
  if (value === null || typeof value !== "object") return value;
  const copy: Node = {};
  for (const [key, item] of Object.entries(value as Node)) {
    if (!named && (ANNOTATIONS.has(key) || key.startsWith("x-"))) continue;
    copy[key] = !named && DATA.has(key) ? item : withoutAnnotations(item, !named && NAMED.has(key));
  }
  return copy;
}

/** A valid identifier for the validator of one status of one operation. */
const exportName = (operationId: string, status: string) => `${operationId.replace(/[^A-Za-z0-9_$]/g, "_")}_${status}`;

export interface GeneratedValidators {
  /** generated/response-validators.js: each validator stops at the first violation (one linear pass) */
  code: string;
  /** generated/response-validators.d.ts */
  declarations: string;
  /** generated/response-violations.js: each validator lists every violation (ajv's allErrors) */
  listing: string;
  /** generated/response-violations.d.ts */
  listingDeclarations: string;
  /** generated/operations.ts */
  operations: string;
}

const HEADER = "// Generated from openapi.yaml by scripts/generate.ts (ajv standalone code, its runtime bundled in by esbuild). Do not edit by hand.";

/**
 * One module of validators, one per documented status of every operation (statuses that share
 * a response in components/responses share its validator), and the table of them by operation.
 * `allErrors`: whether each lists every violation or stops at the first.
 */
function validatorModule(document: Node, operations: SpecOperation[], allErrors: boolean): string {
  const ajv = new Ajv2020({
    allErrors,
    strictSchema: true,
    strictTypes: false,
    code: { source: true, esm: true, lines: false, optimize: true, formats: undefined },
    inlineRefs: false,
  });
  addFormats(ajv);
  // The document's own top-level fields (ajv compiles the root when it resolves a pointer into it).
  ajv.addVocabulary(Object.keys(document).filter((key) => !ajv.getKeyword(key)));
  ajv.addSchema(document, "openapi.json");
  const exports: Record<string, string> = {};
  const byPointer = new Map<string, string>();
  const table: string[] = [];
  for (const operation of operations) {
    const statuses: string[] = [];
    for (const [status, pointer] of Object.entries(operation.responses)) {
      let name = byPointer.get(pointer);
      if (!name) {
        name = exportName(operation.operationId, status);
        const segments = pointer.slice(2).split("/").map(encodeURIComponent);
        ajv.addSchema({ $ref: `openapi.json#/${segments.join("/")}` }, name);
        exports[name] = name;
        byPointer.set(pointer, name);
      }
      statuses.push(`${JSON.stringify(status)}: ${name}`);
    }
    table.push(`  ${JSON.stringify(`${operation.method} ${operation.path}`)}: { operationId: ${JSON.stringify(operation.operationId)}, responses: { ${statuses.join(", ")} } },`);
  }
  // The standalone code require()s ajv's small runtime helpers (formats, string length), which
  // are CommonJS. esbuild bundles them in here, so the file is a plain ES module that imports
  // nothing: a bundler that splits a client's lazy chunks then adds no CommonJS interop helpers
  // to a chunk the client's entry imports (a client that never validates ships none of it).
  const source = [standaloneCode(ajv, exports), "", "/** Each operation's validators, by method and path template, then by documented status. */", "export const responseValidators = {", ...table, "};", ""].join("\n");
  const built = buildSync({ stdin: { contents: source, resolveDir: fileURLToPath(new URL(".", import.meta.url)), loader: "js" }, bundle: true, format: "esm", platform: "neutral", mainFields: ["main"], target: "es2022", write: false, logLevel: "error", legalComments: "inline" });
  // An import left in, or esbuild's require() shim for a module it could not bundle, would bring a dependency back.
  if (/^import |typeof require/m.test(built.outputFiles[0]!.text)) throw new Error("the bundled validators still import or require() a module");
  return [HEADER, "// @ts-nocheck", built.outputFiles[0]!.text].join("\n");
}

const declarations = (what: string) =>
  [HEADER, 'import type { ResponseValidators } from "contract-kit/http";', `/** Each operation's validators (${what}), by method and path template, then by documented status. */`, "export declare const responseValidators: ResponseValidators;", ""].join("\n");

/**
 * Two sets of the same validators: the quick one the drift check runs on every response, and
 * the listing one it loads only for a response that broke a rule, to name every violation.
 */
export function responseValidators(bundled: Node): GeneratedValidators {
  const operations = [...specOperations(bundled).values()];
  const document = withoutAnnotations(bundled) as Node;
  const ids = operations.map((operation) => `  ${JSON.stringify(`${operation.method} ${operation.path}`)}: ${JSON.stringify(operation.operationId)},`);
  const operationsModule = [
    "// Generated from openapi.yaml by scripts/generate.ts. Do not edit by hand.",
    "/** The operationId of each operation, by method and path template. */",
    "export const operationIds: Readonly<Record<string, string>> = {",
    ...ids,
    "};",
    "",
  ].join("\n");
  return {
    code: validatorModule(document, operations, false),
    declarations: declarations("each stops at the first violation"),
    listing: validatorModule(document, operations, true),
    listingDeclarations: declarations("each lists every violation"),
    operations: operationsModule,
  };
}
