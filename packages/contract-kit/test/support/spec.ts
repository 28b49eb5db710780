// Walks the bundled spec for tests: every example together with the schema it illustrates.
import { deref, pointerSegment, type OpenApiDocument } from "../../src/spec/index.js";

export { lookup } from "../../src/spec/index.js";

export interface ExampleCase {
  /** Where the example lives, for test names. */
  label: string;
  /** JSON pointer of the schema the example must satisfy. */
  schemaPointer: string;
  value: unknown;
}

type Node = Record<string, unknown>;

const HTTP_METHODS = ["get", "put", "post", "delete", "patch"] as const;

function mediaTypeCases(document: OpenApiDocument, base: string, content: unknown, label: string): ExampleCase[] {
  const cases: ExampleCase[] = [];
  for (const [mediaType, media] of Object.entries((content ?? {}) as Record<string, Node>)) {
    const schemaPointer = `${base}/content/${pointerSegment(mediaType)}/schema`;
    for (const [name, example] of Object.entries((media.examples ?? {}) as Record<string, unknown>)) {
      cases.push({ label: `${label} example "${name}"`, schemaPointer, value: deref(document, example).node.value });
    }
    if ("example" in media) cases.push({ label: `${label} example`, schemaPointer, value: media.example });
  }
  return cases;
}

/** Every request, response, parameter and schema example in the document. */
export function collectExamples(document: OpenApiDocument): ExampleCase[] {
  const cases: ExampleCase[] = [];
  const paths = document.paths as Record<string, Node>;
  for (const [path, item] of Object.entries(paths)) {
    const itemPointer = `#/paths/${pointerSegment(path)}`;
    for (const method of HTTP_METHODS) {
      const operation = item[method] as Node | undefined;
      if (!operation) continue;
      const opPointer = `${itemPointer}/${method}`;
      const name = `${method.toUpperCase()} ${path}`;
      const body = operation.requestBody as Node | undefined;
      if (body) cases.push(...mediaTypeCases(document, `${opPointer}/requestBody`, body.content, `${name} request`));
      for (const [status, response] of Object.entries(operation.responses as Node)) {
        const { node, pointer } = deref(document, response);
        cases.push(...mediaTypeCases(document, pointer ?? `${opPointer}/responses/${status}`, node.content, `${name} ${status}`));
      }
    }
  }
  const components = document.components as Record<string, Record<string, Node>>;
  for (const [name, parameter] of Object.entries(components.parameters ?? {})) {
    if ("example" in parameter) {
      cases.push({
        label: `parameter ${name}`,
        schemaPointer: `#/components/parameters/${pointerSegment(name)}/schema`,
        value: parameter.example,
      });
    }
  }
  for (const [name, header] of Object.entries(components.headers ?? {})) {
    if ("example" in header) {
      cases.push({ label: `header ${name}`, schemaPointer: `#/components/headers/${pointerSegment(name)}/schema`, value: header.example });
    }
  }
  // `examples` arrays on schemas and their properties, one level deep.
  for (const [name, schema] of Object.entries(components.schemas ?? {})) {
    const schemaPointer = `#/components/schemas/${pointerSegment(name)}`;
    for (const value of (schema.examples ?? []) as unknown[]) cases.push({ label: `schema ${name}`, schemaPointer, value });
    for (const [property, sub] of Object.entries((schema.properties ?? {}) as Record<string, Node>)) {
      for (const value of (sub.examples ?? []) as unknown[]) {
        cases.push({
          label: `schema ${name}.${property}`,
          schemaPointer: `${schemaPointer}/properties/${pointerSegment(property)}`,
          value,
        });
      }
    }
  }
  return cases;
}
