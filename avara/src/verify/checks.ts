// Every check `avara-autoscribe-contract verify` makes, named once: what the report calls it
// and the operation it calls. The names are part of the report (the README and the tests quote them).
import type { NamedCheck } from "contract-kit/verify";

export const CHECKS = {
  readUser: { name: "read the user", operationId: "getUser" },
  readUnknownUser: { name: "read an unknown user (expects 404)", operationId: "getUser" },
  readWithoutKey: { name: "read the user without the API key (expects 401)", operationId: "getUser" },
  noOpUpdate: { name: "update the user with its own current values", operationId: "updateUser" },
  refusedUpdate: { name: "update with an empty firstName (expects 400 or 422)", operationId: "updateUser" },
  restoreUser: { name: "restore the user", operationId: "updateUser" },
} as const satisfies Record<string, NamedCheck>;

/** The writes, in the order they are made (or skipped together). */
export const WRITES: readonly NamedCheck[] = [CHECKS.noOpUpdate, CHECKS.refusedUpdate, CHECKS.restoreUser];
