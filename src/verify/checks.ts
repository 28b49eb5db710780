// Every check `parchment-contract verify` makes, named once: what the report calls it and the
// operation it calls. The names are part of the report (the README and the tests quote them).
import type { NamedCheck } from "contract-kit/verify";

/** Users per list page: small, so that even a small organisation has a second page to follow. */
export const PAGE_SIZE = 2;

export const CHECKS = {
  listPage: (page: number): NamedCheck => ({
    name: page === 1 ? `list users (limit=${PAGE_SIZE})` : `list users, page ${page} (following lastKey)`,
    operationId: "listUsers",
  }),
  followCursor: { name: "list users, following lastKey", operationId: "listUsers" },
  readUser: { name: "read a user", operationId: "getUser" },
  readUnknownUser: { name: "read an unknown user (expects 404)", operationId: "getUser" },
  listWithoutCredentials: { name: "list users without credentials (expects 401)", operationId: "listUsers" },
  listWithoutSecret: { name: "list users without the organisation secret (expects 401)", operationId: "listUsers" },
  tokenWithWrongSecret: { name: "request a token with a wrong partner secret (expects 401)", operationId: "createToken" },
  requestToken: { name: "request a token with the partner credentials", operationId: "createToken" },
  updateUser: { name: "update a user", operationId: "updateUser" },
  readUpdatedUser: { name: "read the updated user", operationId: "getUser" },
  restoreUser: { name: "restore the user", operationId: "updateUser" },
  reapplyRoles: { name: "set a user's roles to their current roles", operationId: "updateUserRoles" },
  emptyRoles: { name: "set roles to an empty list (expects 400 or 422)", operationId: "updateUserRoles" },
  restoreRoles: { name: "restore the user's roles", operationId: "updateUserRoles" },
  disableUnknownUser: { name: "disable an unknown user (expects 404)", operationId: "disableUser" },
  enableUnknownUser: { name: "enable an unknown user (expects 404)", operationId: "enableUser" },
  createWithoutCredentials: { name: "create a user without credentials (expects 401)", operationId: "createUser" },
  createUser: { name: "create a user (expects 201 or 202)", operationId: "createUser" },
  readCreatedUser: { name: "read the created user", operationId: "getUser" },
  createDuplicate: { name: "create a user with the same email again (expects 409)", operationId: "createUser" },
  disableDuplicate: { name: "disable the user the duplicate create made", operationId: "disableUser" },
  disableUser: { name: "disable the created user", operationId: "disableUser" },
  readDisabledUser: { name: "read the disabled user (roles become [member])", operationId: "getUser" },
  disableAgain: { name: "disable the user again (idempotent)", operationId: "disableUser" },
  enableUser: { name: "enable the user", operationId: "enableUser" },
  readEnabledUser: { name: "read the enabled user (roles stay [member])", operationId: "getUser" },
  enableAgain: { name: "enable the user again (idempotent)", operationId: "enableUser" },
  leaveDisabled: { name: "disable the user, to leave it unable to sign in", operationId: "disableUser" },
} as const satisfies Record<string, NamedCheck | ((page: number) => NamedCheck)>;

/** The writes, in the order they are made (or skipped together). */
export const WRITES: readonly NamedCheck[] = [CHECKS.updateUser, CHECKS.readUpdatedUser, CHECKS.restoreUser, CHECKS.reapplyRoles, CHECKS.emptyRoles, CHECKS.restoreRoles];

/**
 * The lifecycle of a user verify creates (allowCreate only), in order. "disable the user the
 * duplicate create made" is not among them: it is made only when a duplicate was taken.
 */
export const LIFECYCLE: readonly NamedCheck[] = [
  CHECKS.createUser,
  CHECKS.readCreatedUser,
  CHECKS.createDuplicate,
  CHECKS.disableUser,
  CHECKS.readDisabledUser,
  CHECKS.disableAgain,
  CHECKS.enableUser,
  CHECKS.readEnabledUser,
  CHECKS.enableAgain,
  CHECKS.leaveDisabled,
];

/** Not a request of its own: a check over the requestIds of every response. */
export const REQUEST_IDS_CHECK = "every response carries its own requestId";
