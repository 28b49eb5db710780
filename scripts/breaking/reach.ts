// ---------------------------------------------------------------- reach
import { HTTP_METHODS, operationName } from "./load.js";
import { lookupSegments, pointerSegments, toPointer } from "./pointer.js";
import type { Json } from "./types.js";

export type Reach = Map<string, Map<string, Map<"request" | "response", Set<string>>>>;

/**
 * For each component pointer, the operations that reach it, in which direction and where:
 * `Map<pointer, Map<"METHOD /path", Map<"request" | "response", Set<place>>>>`.
 * Walks the source document from every operation, following $ref and every schema keyword.
 */
export function componentReach(source: Json): Reach {
  const reach: Reach = new Map();
  type At = { operation: string; direction: "request" | "response"; place: string };
  const note = (pointer: string, { operation, direction, place }: At) => {
    if (!reach.has(pointer)) reach.set(pointer, new Map());
    const byOperation = reach.get(pointer)!;
    if (!byOperation.has(operation)) byOperation.set(operation, new Map());
    const byDirection = byOperation.get(operation)!;
    if (!byDirection.has(direction)) byDirection.set(direction, new Set());
    byDirection.get(direction)!.add(place);
  };
  const walk = (node: Json, at: At, visiting: Set<string>) => {
    if (node === null || typeof node !== "object") return;
    if (Array.isArray(node)) {
      for (const entry of node) walk(entry, at, visiting);
      return;
    }
    if (typeof node.$ref === "string" && node.$ref.startsWith("#/")) {
      const target: string = node.$ref;
      note(target, at);
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
  for (const [template, item] of Object.entries<Json>(source.paths ?? {})) {
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
export function enclosingComponents(pointer: string): string[] {
  const segments = pointerSegments(pointer);
  if (segments[0] !== "components" || segments.length < 3) return [];
  return [toPointer(segments.slice(0, 3))];
}
