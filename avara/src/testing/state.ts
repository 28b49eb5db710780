// The clinic's users, seeded and kept in memory, and the update: fields set to the values
// given, null clearing an optional one, refused when the user it would leave breaks one of
// Avara's rules (an NPI number to create reports, dashboard access for admins). No HTTP here.
import type { UpdateUserRequest, User } from "../types.js";
import { seedUsers } from "./seed.js";

/** Fields of the update that `null` clears (docs/decisions.md, 2). */
const CLEARABLE = ["middleName", "npiNumber", "phoneNumber", "suffix1", "suffix2"] as const;

/** Why the user an update would leave breaks one of Avara's rules, if it does. */
export function storedUserProblem(user: User): string | undefined {
  if (user.canCreateReports && !user.npiNumber) return "an NPI number is required for a user who can create reports";
  if (user.level === "admin" && !user.hasDashboardAccess) return "admin users need dashboard access (hasDashboardAccess: true)";
  return undefined;
}

export function createState() {
  const users = new Map(seedUsers().map((user) => [user.userId, user]));
  return {
    users: users as ReadonlyMap<string, User>,
    /**
     * The user after `changes`, kept; or why Avara's rules refuse it, changing nothing; or
     * undefined when there is no such user. Read, changed and written back in one synchronous
     * step, by id: a route that copied the user before awaiting its body wrote that stale copy
     * back and undid any update that landed meanwhile.
     */
    update(userId: string, changes: UpdateUserRequest): { user: User } | { problem: string } | undefined {
      const user = users.get(userId);
      if (!user) return undefined;
      const next: User = { ...user };
      for (const [field, value] of Object.entries(changes)) {
        if (value === null && (CLEARABLE as readonly string[]).includes(field)) delete next[field as (typeof CLEARABLE)[number]];
        else Object.assign(next, { [field]: value });
      }
      const problem = storedUserProblem(next);
      if (problem) return { problem };
      users.set(user.userId, next);
      return { user: next };
    },
  };
}

export type State = ReturnType<typeof createState>;
