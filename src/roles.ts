// Role helpers, read from the spec's AssignableRole enum: a user can hold roles (owner,
// support, member) that PUT .../roles refuses, so re-applying a user's roles keeps only the
// assignable ones.
import { ASSIGNABLE_ROLES, type AssignableRole } from "./types.js";

// Widening to unknown[] is what lets `includes` take any value; the array is still the spec's.
const assignable: readonly unknown[] = ASSIGNABLE_ROLES;

/** True when `value` is a role that `PUT .../users/{user_id}/roles` accepts. */
export function isAssignableRole(value: unknown): value is AssignableRole {
  return assignable.includes(value);
}

/**
 * The assignable roles among `roles`, in their order (a user's `access_roles`, say), so that
 * `client.users.setRoles(id, keepAssignable(user.access_roles))` re-applies what can be.
 * Missing `roles` give `[]`.
 */
export function keepAssignable(roles: readonly unknown[] | undefined): AssignableRole[] {
  return (roles ?? []).filter(isAssignableRole);
}
