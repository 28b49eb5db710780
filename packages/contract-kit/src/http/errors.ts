// What every vendor's family of errors shares: a base whose message names the method and path
// template of the call, the four errors the transport builds made from the family's classes,
// and names that survive a consumer's minifier. Each vendor keeps its own classes (its users
// narrow with instanceof on them) and what they carry.
import type { OperationInfo, TransportErrors } from "./transport.js";

/** The base of every vendor's error family: "<METHOD> <path template>: <message>", with `fields` as properties. */
export class OperationError extends Error {
  declare readonly method: string;
  declare readonly path: string;

  constructor(operation: OperationInfo, message: string, fields: Record<string, unknown> = {}, options?: ErrorOptions) {
    super(`${operation.method} ${operation.path}: ${message}`, options);
    Object.assign(this, { method: operation.method, path: operation.path }, fields);
  }
}

type ErrorClass = new (operation: OperationInfo, message: string, fields?: Record<string, unknown>, options?: ErrorOptions) => Error;

/** How the transport builds a family's errors: `base` for any failure (and what a token function may throw as its own), the others by kind. */
export function transportErrors(family: { base: ErrorClass; network: ErrorClass; timeout: ErrorClass; response: ErrorClass }): TransportErrors {
  return {
    isOwn: (error) => error instanceof family.base,
    failed: (operation, message, cause) => new family.base(operation, message, {}, { cause }),
    network: (operation, message, cause) => new family.network(operation, message, {}, { cause }),
    timeout: (operation, message, timeoutMs) => new family.timeout(operation, message, { timeoutMs }),
    response: (operation, message, status) => new family.response(operation, message, { status }),
  };
}

/** Names each class after its key, on its prototype: a consumer's minifier renames classes, and `error.name` must survive it. */
export function nameClasses(classes: Record<string, { prototype: { name: string } }>): void {
  for (const [name, type] of Object.entries(classes)) type.prototype.name = name;
}
