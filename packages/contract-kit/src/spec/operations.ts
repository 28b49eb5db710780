// The operations of a spec as data: method, path template, security and the schema of
// each documented response, read from a bundled openapi.json (never retyped here). Any
// contract's: the caller passes its document, and the security schemes are the document's own
// (Parchment's bearerAuth, Avara's apiKey), never a name written here.
import { deref, pointerSegment } from "./pointer.js";

export interface SpecOperation {
  operationId: string;
  method: string;
  path: string;
  /** The security schemes the operation's requirements name, in the order they first appear; [] when it takes none. */
  schemes: string[];
  /** Scopes of which the token must carry one, from the operation's requirements, whichever scheme lists them; [] when none does. */
  scopes: string[];
  /** JSON pointer of the request body schema, if the operation takes one. */
  requestSchema?: string;
  /** Status code → JSON pointer of that response's JSON schema. */
  responses: Record<string, string>;
}

type Node = Record<string, any>;

/**
 * The operation's own `security`, else the document's. A requirement naming a scheme the
 * document does not declare throws: read silently, it would give an operation no scopes.
 */
function requirementsOf(document: Node, operation: Node): Array<Record<string, string[]>> {
  const requirements = (operation.security ?? document.security ?? []) as Array<Record<string, string[]>>;
  const declared = (document.components?.securitySchemes ?? {}) as Node;
  for (const scheme of requirements.flatMap(Object.keys)) {
    if (!Object.hasOwn(declared, scheme)) throw new Error(`${operation.operationId}: security scheme ${JSON.stringify(scheme)} is not in components.securitySchemes`);
  }
  return requirements;
}

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
      const requirements = requirementsOf(document, operation);
      operations.set(operation.operationId, {
        operationId: operation.operationId,
        method: method.toUpperCase(),
        path,
        schemes: [...new Set(requirements.flatMap(Object.keys))],
        scopes: [...new Set(requirements.flatMap((requirement) => Object.values(requirement).flat()))],
        ...(operation.requestBody ? { requestSchema: `${base}/requestBody/content/application~1json/schema` } : {}),
        responses,
      });
    }
  }
  return operations;
}
