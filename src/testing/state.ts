// The organisation's users, seeded and kept in memory: how the API shows them (a user, a list
// entry), pages of them behind an opaque cursor, and the two writes. No HTTP here.
import type { AccessRole, ProviderDetails, User, UserSummary } from "../types.js";
import { seedUsers, type StoredUser } from "./seed.js";

export type { StoredUser } from "./seed.js";

export interface Page {
  users: StoredUser[];
  /** The index of the first user of the page in the whole listing. */
  start: number;
  /** How many users there are in all. */
  total: number;
  /** The cursor of the next page; null on the last one. */
  lastKey: string | null;
}

const isPrescriber = (roles: AccessRole[]) => roles.includes("provider") || roles.includes("rx_queue_manager");
const pageKey = (userId: string) => Buffer.from(userId).toString("base64url");

/** A user as get user answers: provider details only for a prescriber, the name from them when there are some. */
export function render(user: StoredUser): User {
  const details = isPrescriber(user.access_roles) ? user.provider_details : null;
  return {
    user_id: user.user_id,
    email: user.email,
    full_name: user.full_name,
    access_roles: [...user.access_roles],
    details: {
      given_name: details?.given_name ?? user.given_name,
      family_name: details?.family_name ?? user.family_name,
      title: details?.title ?? null,
      date_of_birth: details?.date_of_birth ?? null,
      sex: details?.sex ?? null,
    },
    ...(isPrescriber(user.access_roles) ? { provider_details: user.provider_details } : {}),
  };
}

export const summary = (user: StoredUser): UserSummary => ({
  user_id: user.user_id,
  external_user_id: user.external_user_id,
  full_name: user.full_name,
  access_roles: [...user.access_roles],
});

export function createState(count?: number) {
  if (count !== undefined && !(Number.isInteger(count) && count >= 0 && count <= 10_000)) {
    throw new TypeError("users must be a whole number from 0 to 10000");
  }
  const users = new Map(seedUsers(count).map((user) => [user.user_id, user]));
  const seeded = [...users.values()];
  // An organisation may have no users at all: then the fixed token belongs to nobody listed.
  const defaultUserId = (seeded.find((user) => isPrescriber(user.access_roles)) ?? seeded[0])?.user_id ?? "";

  return {
    users: users as ReadonlyMap<string, StoredUser>,
    defaultUserId,
    /** Every user, in listing order. */
    all: () => [...users.values()],
    /** Up to `limit` users after the cursor `after` (from the start without one); undefined for a cursor this listing never gave. */
    page(limit: number, after: string | undefined): Page | undefined {
      const all = [...users.values()];
      let start = 0;
      if (after !== undefined) {
        const index = all.findIndex((user) => pageKey(user.user_id) === after);
        if (index < 0) return undefined;
        start = index + 1;
      }
      const page = all.slice(start, start + limit);
      const more = start + limit < all.length;
      return { users: page, start, total: all.length, lastKey: more ? pageKey(page.at(-1)!.user_id) : null };
    },
    // Both writes look the user up by id and change it in one synchronous step, after the
    // route has awaited its body: the user as it is now, never a copy taken before an await
    // (which would write back a stale user over a concurrent update).
    /** A partial update; email and access_roles are accepted and ignored, as Parchment does. Undefined for no such user. */
    update(userId: string, body: { full_name?: string; provider_details?: ProviderDetails }): StoredUser | undefined {
      const user = users.get(userId);
      if (!user) return undefined;
      if (body.full_name !== undefined) user.full_name = body.full_name;
      if (body.provider_details) user.provider_details = { ...(user.provider_details ?? {}), ...body.provider_details };
      return user;
    },
    /** The user's roles replaced; undefined for no such user. */
    setRoles(userId: string, roles: AccessRole[]): StoredUser | undefined {
      const user = users.get(userId);
      if (!user) return undefined;
      user.access_roles = [...roles];
      if (isPrescriber(user.access_roles)) user.provider_details ??= {};
      return user;
    },
  };
}

export type State = ReturnType<typeof createState>;
