// The operations of a spec as data: method, path template, security and the schema of
// each documented response, read from a bundled openapi.json (never retyped here). Any
// contract's: the caller passes its document.
import { deref, pointerSegment } from "./pointer.js";

export interface SpecOperation {
  operationId: string;
  method: string;
  path: string;
  /** Scopes of which the token must carry one; [] when the operation takes no token. */
  scopes: string[];
  /** JSON pointer of the request body schema, if the operation takes one. */
  requestSchema?: string;
  /** Status code → JSON pointer of that response's JSON schema. */
  responses: Record<string, string>;
}

type Node = Record<string, any>;

export function specOperations(document: Node): Map<string, SpecOperation> {
  const operations = new Map<string, SpecOperation>();
  for (const [path, item] of Object.entries(document.paths as Node)) {
    for (const method of ["get", "put", "post", "delete", "patch"]) {
      const operation = item[method] as Node | undefined;
      if (!operation) continue;
      const base = `#/paths/${pointerSegment(path)}/${method}`;
      const responses: Record<string, string> = {};
      for (const [status, response] of Object.entries(operation.responses as Node)) {
        const { pointer } = deref(document, response);
        responses[status] = `${pointer ?? `${base}/responses/${status}`}/content/application~1json/schema`;
      }
      const security = (operation.security ?? document.security ?? []) as Node[];
      operations.set(operation.operationId, {
        operationId: operation.operationId,
        method: method.toUpperCase(),
        path,
        scopes: [...new Set(security.flatMap((requirement) => (requirement.bearerAuth ?? []) as string[]))],
        ...(operation.requestBody ? { requestSchema: `${base}/requestBody/content/application~1json/schema` } : {}),
        responses,
      });
    }
  }
  return operations;
}
