// ---------------------------------------------------------------- our rules
//
// What redocly diff lacks:
// - redocly reports a change to a shared component at the first operation that reaches it
//   only. Both documents are dereferenced first, so it sees (and judges, request or
//   response) the change at every operation; `everyReach` then checks that each operation
//   reaching the component through $ref, allOf, oneOf, anyOf, items or if/then/else is named,
//   and names the ones still missing.
// - redocly rates a new `dependentRequired` entry as a patch; `dependentRequiredChanges`
//   judges it by direction (a request that accepts less, a response that promises less).
import { operationName, operationsOf } from "./load.js";
import { sourcePointer, toPointer } from "./pointer.js";
import { componentReach, enclosingComponents } from "./reach.js";
import type { Change, Json, PreparedSpec } from "./types.js";

// The keywords under which a schema holds other schemas: how two versions are paired for our rules.
const SCHEMA_LISTS = ["allOf", "oneOf", "anyOf", "prefixItems"];
const SCHEMA_SINGLES = ["items", "if", "then", "else", "not", "additionalProperties", "contains", "propertyNames", "unevaluatedItems", "unevaluatedProperties"];
const SCHEMA_MAPS = ["properties", "patternProperties", "dependentSchemas", "$defs"];

const isObject = (value: unknown): value is Record<string, Json> => value !== null && typeof value === "object" && !Array.isArray(value);

type Visit = (base: Record<string, Json>, revision: Record<string, Json>, segments: string[]) => void;

/** Pairs the schemas of two dereferenced copies, keyword by keyword, and calls visit on each pair. */
function pairSchemas(baseSchema: Json, revisionSchema: Json, segments: string[], visit: Visit, depth = 0) {
  if (depth > 64) return;
  if (!isObject(baseSchema) || !isObject(revisionSchema)) return;
  visit(baseSchema, revisionSchema, segments);
  for (const key of SCHEMA_SINGLES) pairSchemas(baseSchema[key], revisionSchema[key], [...segments, key], visit, depth + 1);
  for (const key of SCHEMA_LISTS) {
    const a = baseSchema[key];
    const b = revisionSchema[key];
    if (Array.isArray(a) && Array.isArray(b)) a.forEach((entry, index) => pairSchemas(entry, b[index], [...segments, key, String(index)], visit, depth + 1));
  }
  for (const key of SCHEMA_MAPS) {
    const a = baseSchema[key];
    const b = revisionSchema[key];
    if (isObject(a) && isObject(b)) for (const name of Object.keys(a)) pairSchemas(a[name], b[name], [...segments, key, name], visit, depth + 1);
  }
}

interface OperationSchema {
  key: string;
  schema: Json;
  segments: string[];
  direction: "request" | "response";
  place: string;
}

/** Every schema of an operation, with its direction: parameters and bodies are requests. */
function operationSchemas(document: Json, template: string, method: string): OperationSchema[] {
  const item = document.paths?.[template];
  const operation = item?.[method];
  if (!operation) return [];
  const found: OperationSchema[] = [];
  const parameters: [Json, string[]][] = [
    ...(item.parameters ?? []).map((p: Json, i: number) => [p, ["paths", template, "parameters", String(i)]]),
    ...(operation.parameters ?? []).map((p: Json, i: number) => [p, ["paths", template, method, "parameters", String(i)]]),
  ];
  for (const [parameter, segments] of parameters) {
    if (parameter?.schema) found.push({ key: `parameter ${parameter.in} ${parameter.name}`, schema: parameter.schema, segments: [...segments, "schema"], direction: "request", place: `parameter ${parameter.name} (${parameter.in})` });
  }
  for (const [mediaType, media] of Object.entries<Json>(operation.requestBody?.content ?? {})) {
    if (media?.schema) found.push({ key: `body ${mediaType}`, schema: media.schema, segments: ["paths", template, method, "requestBody", "content", mediaType, "schema"], direction: "request", place: "request body" });
  }
  for (const [status, response] of Object.entries<Json>(operation.responses ?? {})) {
    for (const [mediaType, media] of Object.entries<Json>(response?.content ?? {})) {
      if (media?.schema) found.push({ key: `response ${status} ${mediaType}`, schema: media.schema, segments: ["paths", template, method, "responses", status, "content", mediaType, "schema"], direction: "response", place: `response ${status}` });
    }
    for (const [header, definition] of Object.entries<Json>(response?.headers ?? {})) {
      if (definition?.schema) found.push({ key: `response ${status} header ${header}`, schema: definition.schema, segments: ["paths", template, method, "responses", status, "headers", header, "schema"], direction: "response", place: `response ${status}` });
    }
  }
  return found;
}

const normaliseDependentRequired = (value: Json) =>
  new Map<string, string[]>(isObject(value) ? Object.entries(value).filter(([, needs]) => Array.isArray(needs)).map(([k, needs]) => [k, (needs as unknown[]).map(String)]) : []);

/**
 * dependentRequired, judged by direction. In a request, a new entry (or a new name in an
 * entry) means a body that was accepted is now refused: breaking. In a response, an entry
 * dropped means a field clients could count on may now be missing: breaking. The other way
 * round each is compatible.
 */
export function dependentRequiredChanges(base: PreparedSpec, revision: PreparedSpec): Change[] {
  const changes: Change[] = [];
  for (const { method, path: template } of operationsOf(base.dereferenced)) {
    const lower = method.toLowerCase();
    const before = new Map(operationSchemas(base.dereferenced, template, lower).map((entry) => [entry.key, entry]));
    for (const after of operationSchemas(revision.dereferenced, template, lower)) {
      const previous = before.get(after.key);
      if (!previous) continue;
      pairSchemas(previous.schema, after.schema, after.segments, (a, b, segments) => {
        const was = normaliseDependentRequired(a.dependentRequired);
        const now = normaliseDependentRequired(b.dependentRequired);
        const report = (property: string, needs: string[], added: boolean) => {
          const tighter = added === (after.direction === "request");
          const side = added ? revision : base;
          const at = [...segments, "dependentRequired", property];
          changes.push({
            operation: operationName(lower, template),
            breaking: tighter,
            impact: tighter ? "major" : "minor",
            direction: after.direction,
            place: after.place,
            message: added
              ? `\`${property}\` now requires \`${needs.join("`, `")}\` (dependentRequired added)`
              : `\`${property}\` no longer requires \`${needs.join("`, `")}\` (dependentRequired removed)`,
            pointer: sourcePointer(side.source, at),
            side: added ? "revision" : "base",
            rule: "dependent-required",
            at: toPointer(at),
          });
        };
        for (const [property, needs] of now) {
          const added = needs.filter((name) => !(was.get(property) ?? []).includes(name));
          if (added.length) report(property, added, true);
        }
        for (const [property, needs] of was) {
          const removed = needs.filter((name) => !(now.get(property) ?? []).includes(name));
          if (removed.length) report(property, removed, false);
        }
      });
    }
  }
  return changes;
}

/**
 * Every operation that reaches a changed shared component is named. A breaking change found
 * at a component for one operation is the same change, with the same verdict, for every
 * operation that reaches that component in the same direction; any such operation not yet
 * named gets its line.
 */
export function everyReach(changes: Change[], base: PreparedSpec, revision: PreparedSpec): Change[] {
  // A pointer is read in the version that holds it (the base for something removed).
  const reach = { base: componentReach(base.source), revision: componentReach(revision.source) };
  // Named means: this operation, this direction, this spot, this rule (messages may word the
  // same change differently from one operation to the next).
  const keyOf = (change: Change, operation = change.operation) => `${operation}\u0000${change.direction}\u0000${change.pointer}\u0000${change.rule}`;
  const named = new Set(changes.map((change) => keyOf(change)));
  const added: Change[] = [];
  for (const change of changes) {
    if (change.direction === "operation") continue;
    for (const component of enclosingComponents(change.pointer)) {
      for (const [operation, directions] of reach[change.side ?? "revision"].get(component) ?? []) {
        const places = directions.get(change.direction);
        if (!places) continue;
        const key = keyOf(change, operation);
        if (named.has(key)) continue;
        named.add(key);
        added.push({ ...change, operation, place: [...places].join(", "), reachedBy: "every-reach" });
      }
    }
  }
  return added;
}
