// The rules of the breaking-change gate (scripts/check-breaking.mjs) and of the changelog
// draft (scripts/changelog.mjs). `redocly diff` does the comparing; this module gives it a
// view in which every operation has its own copy of every schema it reaches, and adds the
// rules it lacks:
// - redocly reports a change to a shared component at the first operation that reaches it
//   only. Both documents are dereferenced first, so it sees (and judges, request or
//   response) the change at every operation; `everyReach` then checks that each operation
//   reaching the component through $ref, allOf, oneOf, anyOf, items or if/then/else is named,
//   and names the ones still missing.
// - redocly rates a new `dependentRequired` entry as a patch; `dependentRequiredChanges`
//   judges it by direction (a request that accepts less, a response that promises less).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { runTool } from "./tools.mjs";

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

// The keywords under which a schema holds other schemas: how two versions are paired for our rules.
const SCHEMA_LISTS = ["allOf", "oneOf", "anyOf", "prefixItems"];
const SCHEMA_SINGLES = ["items", "if", "then", "else", "not", "additionalProperties", "contains", "propertyNames", "unevaluatedItems", "unevaluatedProperties"];
const SCHEMA_MAPS = ["properties", "patternProperties", "dependentSchemas", "$defs"];

// ---------------------------------------------------------------- JSON pointers

export const encodeSegment = (segment) => String(segment).replaceAll("~", "~0").replaceAll("/", "~1");
export const decodeSegment = (segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~");

/** "#/a/b~1c" → ["a", "b/c"] (redocly writes `{` and `}` unescaped; URI escapes are decoded too). */
export function pointerSegments(pointer) {
  const body = pointer.replace(/^#/, "");
  if (body === "") return [];
  return body.slice(1).split("/").map((segment) => decodeSegment(safeDecodeURI(segment)));
}
const safeDecodeURI = (text) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};
export const toPointer = (segments) => `#${segments.map((segment) => `/${encodeSegment(segment)}`).join("")}`;

function lookupSegments(document, segments) {
  let node = document;
  for (const segment of segments) {
    if (node === null || typeof node !== "object" || !(segment in node)) return undefined;
    node = node[segment];
  }
  return node;
}

/**
 * Follows an operation-rooted pointer (as found in a dereferenced copy) through the source
 * document, jumping across each local $ref, and returns where it ends in the source: the
 * component pointer when the change lies inside a shared component.
 */
export function sourcePointer(source, segments) {
  let node = source;
  let at = [];
  const seen = new Set();
  const follow = () => {
    while (node && typeof node === "object" && typeof node.$ref === "string" && node.$ref.startsWith("#")) {
      if (seen.has(node.$ref)) break;
      seen.add(node.$ref);
      at = pointerSegments(node.$ref);
      node = lookupSegments(source, at);
    }
  };
  for (const segment of segments) {
    if (node && typeof node === "object" && segment in node && segment !== "$ref") {
      node = node[segment];
      at = [...at, segment];
    } else {
      follow();
      if (!node || typeof node !== "object" || !(segment in node)) return toPointer([...at, segment]);
      node = node[segment];
      at = [...at, segment];
    }
    seen.clear();
  }
  // A pointer that ends on a $ref (a whole component swapped) names the reference itself.
  return toPointer(at);
}

// ---------------------------------------------------------------- loading

/** Whether a document refers to other files (then it is bundled before its pointers are read). */
function hasExternalRefs(node) {
  if (node === null || typeof node !== "object") return false;
  if (typeof node.$ref === "string" && !node.$ref.startsWith("#")) return true;
  return Object.values(node).some(hasExternalRefs);
}

/**
 * A copy of a document with every local $ref replaced by (a copy of) what it points to, so
 * that each operation holds its own copy of every schema it reaches. Keywords beside a $ref
 * (allowed in OpenAPI 3.1) are kept and win over the target's. A reference back into itself
 * (a recursive schema) is left as a $ref.
 */
export function dereference(document) {
  const inline = (node, active) => {
    if (node === null || typeof node !== "object") return node;
    if (Array.isArray(node)) return node.map((entry) => inline(entry, active));
    const out = {};
    if (typeof node.$ref === "string" && node.$ref.startsWith("#") && !active.has(node.$ref)) {
      const target = lookupSegments(document, pointerSegments(node.$ref));
      if (target === undefined) throw new Error(`unresolved $ref ${node.$ref}`);
      const next = new Set(active).add(node.$ref);
      const resolved = inline(target, next);
      if (resolved === null || typeof resolved !== "object" || Array.isArray(resolved)) return resolved;
      Object.assign(out, resolved);
      for (const [key, value] of Object.entries(node)) if (key !== "$ref") out[key] = inline(value, active);
      return out;
    }
    for (const [key, value] of Object.entries(node)) out[key] = inline(value, active);
    return out;
  };
  return inline(document, new Set());
}

/**
 * Reads a spec for comparing: `source` as written (bundled into one document by redocly when
 * it spans files) for the pointers, and a dereferenced copy, written to
 * `<scratch>/<name>.json`, for `redocly diff`.
 */
export function prepareSpec(specFile, scratch, name) {
  let source = readYamlOrJson(specFile);
  if (hasExternalRefs(source)) {
    const bundled = path.join(scratch, `${name}.bundled.json`);
    runTool("redocly", ["bundle", specFile, "--ext", "json", "-o", bundled]);
    source = JSON.parse(readFileSync(bundled, "utf8"));
  }
  const dereferenced = dereference(source);
  const dereferencedFile = path.join(scratch, `${name}.json`);
  writeFileSync(dereferencedFile, JSON.stringify(dereferenced, null, 1));
  return { file: specFile, source, dereferencedFile, dereferenced };
}

/** Every operation of a document: `{ method: "GET", path: "/v1/x", segments: ["paths", "/v1/x", "get"] }`. */
export function operationsOf(document) {
  const operations = [];
  for (const [template, item] of Object.entries(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      if (item && typeof item === "object" && item[method]) operations.push({ method: method.toUpperCase(), path: template, segments: ["paths", template, method] });
    }
  }
  return operations;
}

const operationName = (method, template) => `${method.toUpperCase()} ${template}`;

// ---------------------------------------------------------------- reach

/**
 * For each component pointer, the operations that reach it, in which direction and where:
 * `Map<pointer, Map<"METHOD /path", Map<"request" | "response", Set<place>>>>`.
 * Walks the source document from every operation, following $ref and every schema keyword.
 */
export function componentReach(source) {
  const reach = new Map();
  const note = (pointer, operation, direction, place) => {
    if (!reach.has(pointer)) reach.set(pointer, new Map());
    const byOperation = reach.get(pointer);
    if (!byOperation.has(operation)) byOperation.set(operation, new Map());
    const byDirection = byOperation.get(operation);
    if (!byDirection.has(direction)) byDirection.set(direction, new Set());
    byDirection.get(direction).add(place);
  };
  const walk = (node, at, visiting) => {
    if (node === null || typeof node !== "object") return;
    if (Array.isArray(node)) {
      for (const entry of node) walk(entry, at, visiting);
      return;
    }
    if (typeof node.$ref === "string" && node.$ref.startsWith("#/")) {
      const target = node.$ref;
      note(target, at.operation, at.direction, at.place);
      if (!visiting.has(target)) {
        visiting.add(target);
        walk(lookupSegments(source, pointerSegments(target)), at, visiting);
        visiting.delete(target);
      }
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" || key === "examples" || key === "example" || key === "x-codeSamples") continue;
      walk(value, at, visiting);
    }
  };
  for (const [template, item] of Object.entries(source.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = item?.[method];
      if (!operation) continue;
      const name = operationName(method, template);
      for (const parameter of [...(item.parameters ?? []), ...(operation.parameters ?? [])]) {
        const resolved = parameter?.$ref ? lookupSegments(source, pointerSegments(parameter.$ref)) : parameter;
        const place = resolved?.name ? `parameter ${resolved.name} (${resolved.in})` : "parameters";
        walk(parameter, { operation: name, direction: "request", place }, new Set());
      }
      walk(operation.requestBody, { operation: name, direction: "request", place: "request body" }, new Set());
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        walk(response, { operation: name, direction: "response", place: `response ${status}` }, new Set());
      }
    }
  }
  return reach;
}

/** The component a source pointer lies in (e.g. #/components/schemas/User), as a list: none outside components. */
function enclosingComponents(pointer) {
  const segments = pointerSegments(pointer);
  if (segments[0] !== "components" || segments.length < 3) return [];
  return [toPointer(segments.slice(0, 3))];
}

// ---------------------------------------------------------------- redocly diff

/** Where in an operation a change lies, in words: "request body", "response 200", "parameter limit". */
function placeOf(document, segments) {
  const [, , , part, key] = segments;
  if (part === "requestBody") return "request body";
  if (part === "responses") return key === undefined ? "responses" : `response ${key}`;
  if (part === "parameters" || segments[2] === "parameters") {
    const index = segments[2] === "parameters" ? 3 : 4;
    const parameter = lookupSegments(document, segments.slice(0, index + 1));
    return parameter?.name ? `parameter ${parameter.name} (${parameter.in})` : "parameters";
  }
  if (part === "security") return "security";
  return "";
}

const directionOf = (segments) => {
  if (segments[2] === "parameters" || segments[3] === "parameters" || segments[3] === "requestBody") return "request";
  if (segments[3] === "responses") return "response";
  return "operation";
};

/** Runs `redocly diff` on the two dereferenced bundles and returns its report (json format). */
export function redoclyDiff(base, revision, scratch) {
  const config = path.join(scratch, "redocly-diff.yaml");
  // Every diff rule at its recommended (major) impact; the project's redocly.yaml holds lint rules only.
  writeFileSync(config, "extends:\n  - diff-recommended\n");
  const report = path.join(scratch, "diff.json");
  runTool("redocly", ["diff", base.dereferencedFile, revision.dereferencedFile, "--config", config, "--format", "json", "--fail-on", "none", "-o", report]);
  return JSON.parse(readFileSync(report, "utf8"));
}

/**
 * The operations a change outside `paths` affects, in either version. Schemas, parameters
 * and responses in components are judged where the operations reach them (dereferenced), so
 * they name none here; the rest is not inlined by dereferencing:
 * - the top-level `security`: every operation without a `security` of its own;
 * - the top-level `servers`: every operation without `servers` of its own (or its path's);
 * - a security scheme: every operation whose requirements name it;
 * - anything else breaking (webhooks, the schema dialect): every operation. Other changes
 *   there (info, tags) concern no operation.
 */
function operationsAffectedGlobally(segments, change, base, revision) {
  const names = new Set();
  const each = (select) => {
    for (const document of [base.dereferenced, revision.dereferenced]) {
      for (const [template, item] of Object.entries(document.paths ?? {})) {
        for (const method of HTTP_METHODS) {
          const operation = item?.[method];
          if (operation && select(operation, item, document)) names.add(operationName(method, template));
        }
      }
    }
  };
  const [top, kind, name] = segments;
  if (top === "security") each((operation) => operation.security === undefined);
  else if (top === "servers") each((operation, item) => operation.servers === undefined && item.servers === undefined);
  else if (top === "components" && kind === "securitySchemes") {
    each((operation, _item, document) => (operation.security ?? document.security ?? []).some((requirement) => requirement && name in requirement));
  } else if (top !== "components" && change.impact === "major") each(() => true);
  return [...names];
}

const globalPlace = ([top, kind, name]) => (top === "components" && kind === "securitySchemes" ? `security scheme ${name}` : top);

/**
 * One change per operation it affects:
 * `{ operation: "GET /path", breaking, direction, place, message, pointer, rule }`.
 */
function changesFromRedocly(report, base, revision) {
  const changes = [];
  for (const change of report.changes ?? []) {
    const segments = pointerSegments(change.path);
    const global = segments[0] !== "paths";
    const operations = global ? operationsAffectedGlobally(segments, change, base, revision) : [];
    if (!global && segments.length >= 3 && HTTP_METHODS.includes(segments[2])) operations.push(operationName(segments[2], segments[1]));
    else if (!global) {
      // A path item (or its shared parameters) changed: every operation under it, in either version.
      const methods = new Set();
      for (const document of [base.dereferenced, revision.dereferenced]) {
        for (const method of HTTP_METHODS) if (document.paths?.[segments[1]]?.[method]) methods.add(method);
      }
      for (const method of methods) operations.push(operationName(method, segments[1]));
    }
    // A change no diff rule rates (a constraint relaxed, a description edited) still gets its line.
    const what = `${change.typeName.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase()}${change.property ? ` \`${change.property}\`` : ""} ${change.kind}`;
    const verdicts = change.verdicts?.length ? change.verdicts : [{ ruleId: "", impact: change.impact, message: what, location: undefined }];
    for (const verdict of verdicts) {
      // The verdict's location is in whichever file still holds the thing (the base for a removal).
      const inBase = verdict.location?.file ? path.basename(verdict.location.file) === path.basename(base.dereferencedFile) : change.kind === "removed";
      const side = inBase ? base : revision;
      const exact = verdict.location?.pointer ?? (inBase ? change.base?.pointer : change.revision?.pointer);
      const where = exact ? pointerSegments(exact) : segments;
      const documentForPlace = change.kind === "removed" ? base.dereferenced : revision.dereferenced;
      for (const operation of operations) {
        changes.push({
          operation,
          breaking: verdict.impact === "major",
          impact: verdict.impact,
          direction: global ? "operation" : directionOf(segments),
          place: global ? globalPlace(segments) : placeOf(documentForPlace, segments),
          message: verdict.message,
          pointer: sourcePointer(side.source, where),
          side: inBase ? "base" : "revision",
          rule: verdict.ruleId || `redocly:${change.typeName}-${change.kind}`,
          at: toPointer(where),
        });
      }
    }
  }
  return changes;
}

// ---------------------------------------------------------------- our rules

/** Pairs the schemas of two dereferenced copies, keyword by keyword, and calls visit on each pair. */
function pairSchemas(baseSchema, revisionSchema, segments, visit, depth = 0) {
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
const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

/** Every schema of an operation, with its direction: parameters and bodies are requests. */
function operationSchemas(document, template, method) {
  const item = document.paths?.[template];
  const operation = item?.[method];
  if (!operation) return [];
  const found = [];
  const parameters = [...(item.parameters ?? []).map((p, i) => [p, ["paths", template, "parameters", String(i)]]), ...(operation.parameters ?? []).map((p, i) => [p, ["paths", template, method, "parameters", String(i)]])];
  for (const [parameter, segments] of parameters) {
    if (parameter?.schema) found.push({ key: `parameter ${parameter.in} ${parameter.name}`, schema: parameter.schema, segments: [...segments, "schema"], direction: "request", place: `parameter ${parameter.name} (${parameter.in})` });
  }
  for (const [mediaType, media] of Object.entries(operation.requestBody?.content ?? {})) {
    if (media?.schema) found.push({ key: `body ${mediaType}`, schema: media.schema, segments: ["paths", template, method, "requestBody", "content", mediaType, "schema"], direction: "request", place: "request body" });
  }
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    for (const [mediaType, media] of Object.entries(response?.content ?? {})) {
      if (media?.schema) found.push({ key: `response ${status} ${mediaType}`, schema: media.schema, segments: ["paths", template, method, "responses", status, "content", mediaType, "schema"], direction: "response", place: `response ${status}` });
    }
    for (const [header, definition] of Object.entries(response?.headers ?? {})) {
      if (definition?.schema) found.push({ key: `response ${status} header ${header}`, schema: definition.schema, segments: ["paths", template, method, "responses", status, "headers", header, "schema"], direction: "response", place: `response ${status}` });
    }
  }
  return found;
}

/**
 * dependentRequired, judged by direction. In a request, a new entry (or a new name in an
 * entry) means a body that was accepted is now refused: breaking. In a response, an entry
 * dropped means a field clients could count on may now be missing: breaking. The other way
 * round each is compatible.
 */
export function dependentRequiredChanges(base, revision) {
  const changes = [];
  for (const { method, path: template } of operationsOf(base.dereferenced)) {
    const lower = method.toLowerCase();
    const before = new Map(operationSchemas(base.dereferenced, template, lower).map((entry) => [entry.key, entry]));
    for (const after of operationSchemas(revision.dereferenced, template, lower)) {
      const previous = before.get(after.key);
      if (!previous) continue;
      pairSchemas(previous.schema, after.schema, after.segments, (a, b, segments) => {
        const was = normaliseDependentRequired(a.dependentRequired);
        const now = normaliseDependentRequired(b.dependentRequired);
        const report = (property, needs, added) => {
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
const normaliseDependentRequired = (value) => new Map(isObject(value) ? Object.entries(value).filter(([, needs]) => Array.isArray(needs)).map(([k, needs]) => [k, needs.map(String)]) : []);

/**
 * Every operation that reaches a changed shared component is named. A breaking change found
 * at a component for one operation is the same change, with the same verdict, for every
 * operation that reaches that component in the same direction; any such operation not yet
 * named gets its line.
 */
export function everyReach(changes, base, revision) {
  // A pointer is read in the version that holds it (the base for something removed).
  const reach = { base: componentReach(base.source), revision: componentReach(revision.source) };
  // Named means: this operation, this direction, this spot, this rule (messages may word the
  // same change differently from one operation to the next).
  const keyOf = (change, operation = change.operation) => `${operation}\u0000${change.direction}\u0000${change.pointer}\u0000${change.rule}`;
  const named = new Set(changes.map((change) => keyOf(change)));
  const added = [];
  for (const change of changes) {
    if (change.direction === "operation") continue;
    for (const component of enclosingComponents(change.pointer)) {
      {
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
  }
  return added;
}

// ---------------------------------------------------------------- together

/**
 * Compares two specs (file paths, or specs from prepareSpec named "base" and "revision");
 * returns every change, breaking first, each naming one operation.
 */
export function compareSpecs(baseSpec, revisionSpec) {
  const scratch = mkdtempSync(path.join(os.tmpdir(), "parchment-breaking-"));
  try {
    // Distinct names, so that a verdict's location says which side it is in.
    const base = typeof baseSpec === "string" ? prepareSpec(baseSpec, scratch, "base") : baseSpec;
    const revision = typeof revisionSpec === "string" ? prepareSpec(revisionSpec, scratch, "revision") : revisionSpec;
    if (path.basename(base.dereferencedFile) === path.basename(revision.dereferencedFile)) throw new Error("compareSpecs: prepare the two specs under different names");
    const report = redoclyDiff(base, revision, scratch);
    const ours = dependentRequiredChanges(base, revision);
    // dependentRequired is judged by our rule alone: redocly rates a new entry a patch.
    const theirs = changesFromRedocly(report, base, revision).filter((change) => !atDependentRequired(change.at));
    const all = [...theirs, ...ours];
    all.push(...everyReach(all, base, revision));
    return {
      baseVersion: base.source.info?.version,
      revisionVersion: revision.source.info?.version,
      changes: sortChanges(dedupe(all)),
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Whether an operation-rooted pointer lies at a dependentRequired keyword (not a property so named). */
function atDependentRequired(pointer) {
  const segments = pointerSegments(pointer);
  return segments.some((segment, index) => segment === "dependentRequired" && segments[index - 1] !== "properties" && index >= segments.length - 2);
}

function dedupe(changes) {
  const seen = new Set();
  return changes.filter((change) => {
    // A component reached twice by one operation (two fields of the same response) is one
    // change there: one line, whatever context each copy's message names. Unrated changes
    // at one spot stay apart by what changed.
    const what = change.rule.startsWith("redocly:") ? change.message : change.rule;
    const key = `${change.operation}\u0000${change.breaking}\u0000${change.place}\u0000${change.pointer}\u0000${what}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const pathOf = (operation) => operation.slice(operation.indexOf(" ") + 1);
export function sortChanges(changes) {
  return [...changes].sort(
    (a, b) => Number(b.breaking) - Number(a.breaking) || pathOf(a.operation).localeCompare(pathOf(b.operation)) || a.operation.localeCompare(b.operation) || a.pointer.localeCompare(b.pointer) || a.message.localeCompare(b.message),
  );
}

/** One line: `METHOD /path`, what changed, the JSON pointer. */
export function formatChange(change) {
  const where = change.place ? `${change.place}: ` : "";
  return `${change.breaking ? "BREAKING  " : "compatible"} ${change.operation}  ${where}${change.message}  ${change.pointer}`;
}

// ---------------------------------------------------------------- versions

/** "1.2.3" → [1, 2, 3]; anything else is an error naming the value. */
export function parseVersion(version, what = "version") {
  const match = /^(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(String(version ?? ""));
  if (!match) throw new Error(`${what} is not a semantic version: ${JSON.stringify(version)}`);
  return match.slice(1, 4).map(Number);
}

/**
 * Whether `next` is a version that may carry breaking changes over `base`: a new major
 * version, or before 1.0.0 a new minor one (0.1.x → 0.2.0, or 1.0.0).
 */
export function isBreakingBump(base, next) {
  const [bMajor, bMinor] = parseVersion(base, "the base version");
  const [nMajor, nMinor] = parseVersion(next, "the new version");
  if (nMajor !== bMajor) return nMajor > bMajor;
  return bMajor === 0 && nMinor > bMinor;
}

/** The version the next release needs for these changes. */
export function nextVersion(base, changes) {
  const [major, minor, patch] = parseVersion(base, "the base version");
  const breaking = changes.some((change) => change.breaking);
  const features = changes.some((change) => !change.breaking && change.impact === "minor");
  if (breaking) return major === 0 ? `0.${minor + 1}.0` : `${major + 1}.0.0`;
  if (features) return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

/** The CHANGELOG.md entry for these changes: breaking first, each line naming its `METHOD /path`s. */
export function changelogEntry(version, changes, { date } = {}) {
  const group = (list) => {
    const lines = new Map();
    for (const change of list) {
      const text = `${change.place ? `${change.place}: ` : ""}${change.message} (\`${change.pointer}\`)`;
      if (!lines.has(text)) lines.set(text, []);
      if (!lines.get(text).includes(change.operation)) lines.get(text).push(change.operation);
    }
    return [...lines].map(([text, operations]) => `- ${operations.map((operation) => `\`${operation}\``).join(", ")}: ${text}`);
  };
  const breaking = changes.filter((change) => change.breaking);
  const compatible = changes.filter((change) => !change.breaking);
  const out = [`## ${version}${date ? ` (${date})` : ""}`, ""];
  if (breaking.length) out.push("### Breaking", "", ...group(breaking), "");
  if (compatible.length) out.push("### Compatible", "", ...group(compatible), "");
  if (!changes.length) out.push("No change to the contract.", "");
  return out.join("\n");
}

export const readYamlOrJson = (file) => parse(readFileSync(file, "utf8"));
