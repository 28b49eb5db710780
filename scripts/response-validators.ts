// The response validators a client checks answers with when its user asks (validateResponses),
// compiled here, at generate time, by ajv's standalone code: the package ships plain functions
// and a user pays no schema compile at run time (and ships none of ajv's compiler at all).
// One validator per documented status of every operation, from the bundled openapi.json, with
// the schemas' annotations (descriptions, examples) left out: the code embeds the schemas it
// refers to, and prose is no part of a check. Also written: the operation ids by method and
// path template (operations.ts), which the client's hooks name without loading any validator.
import { Ajv2020 } from "ajv/dist/2020.js";
import standaloneCodeModule from "ajv/dist/standalone/index.js";
import addFormatsModule from "ajv-formats";
import { specOperations } from "contract-kit/spec";

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
  /** generated/response-validators.js */
  code: string;
  /** generated/response-validators.d.ts */
  declarations: string;
  /** generated/operations.ts */
  operations: string;
}

export function responseValidators(bundled: Node): GeneratedValidators {
  const operations = [...specOperations(bundled).values()];
  const ajv = new Ajv2020({
    allErrors: true,
    strictSchema: true,
    strictTypes: false,
    code: { source: true, esm: true, lines: false, optimize: true, formats: undefined },
    inlineRefs: false,
  });
  addFormats(ajv);
  // The document's own top-level fields (ajv compiles the root when it resolves a pointer into it).
  const document = withoutAnnotations(bundled) as Node;
  ajv.addVocabulary(Object.keys(document).filter((key) => !ajv.getKeyword(key)));
  ajv.addSchema(document, "openapi.json");
  const exports: Record<string, string> = {};
  // Statuses that share a response (components/responses) share its validator.
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
  // The standalone code still require()s ajv's small runtime helpers (formats, string length):
  // they come from one ES module instead, so that any bundler takes the file as it is.
  const RUNTIME: Record<string, string> = { 'require("ajv-formats/dist/formats")': "runtime", 'require("ajv/dist/runtime/ucs2length").default': "runtime.ucs2length" };
  const body = standaloneCode(ajv, exports)
    .replace(/^"use strict";/, "")
    .replace(/require\("ajv\/dist\/runtime\/ucs2length"\)\.default|require\("ajv-formats\/dist\/formats"\)/g, (call) => RUNTIME[call]!);
  if (body.includes("require(")) throw new Error("the standalone validators require() a module scripts/response-validators.ts does not map");
  const header = "// Generated from openapi.yaml by scripts/generate.ts (ajv standalone code). Do not edit by hand.";
  const imports = ['import { validatorRuntime as runtime } from "contract-kit/validator-runtime";'];
  const code = [header, "// @ts-nocheck", ...imports, body, "", "/** Each operation's validators, by method and path template, then by documented status. */", "export const responseValidators = {", ...table, "};", ""].join("\n");
  const declarations = [
    header,
    'import type { ResponseValidators } from "contract-kit/http";',
    "/** Each operation's validators, by method and path template, then by documented status. */",
    "export declare const responseValidators: ResponseValidators;",
    "",
  ].join("\n");
  const ids = operations.map((operation) => `  ${JSON.stringify(`${operation.method} ${operation.path}`)}: ${JSON.stringify(operation.operationId)},`);
  const operationsModule = [
    "// Generated from openapi.yaml by scripts/generate.ts. Do not edit by hand.",
    "/** The operationId of each operation, by method and path template. */",
    "export const operationIds: Readonly<Record<string, string>> = {",
    ...ids,
    "};",
    "",
  ].join("\n");
  return { code, declarations, operations: operationsModule };
}
