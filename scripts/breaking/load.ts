// ---------------------------------------------------------------- loading
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { runTool } from "../tools.js";
import { lookupSegments, pointerSegments } from "./pointer.js";
import type { Json, PreparedSpec } from "./types.js";

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

export const readYamlOrJson = (file: string): Json => parse(readFileSync(file, "utf8"));

export const operationName = (method: string, template: string) => `${method.toUpperCase()} ${template}`;

/** Whether a document refers to other files (then it is bundled before its pointers are read). */
function hasExternalRefs(node: Json): boolean {
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
export function dereference<T>(document: T): T {
  const inline = (node: Json, active: Set<string>): Json => {
    if (node === null || typeof node !== "object") return node;
    if (Array.isArray(node)) return node.map((entry) => inline(entry, active));
    const out: Record<string, Json> = {};
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
export function prepareSpec(specFile: string, scratch: string, name: string): PreparedSpec {
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
export function operationsOf(document: Json): { method: string; path: string; segments: string[] }[] {
  const operations = [];
  for (const [template, item] of Object.entries<Json>(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      if (item && typeof item === "object" && item[method]) operations.push({ method: method.toUpperCase(), path: template, segments: ["paths", template, method] });
    }
  }
  return operations;
}
