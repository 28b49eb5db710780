// The organisation's users, seeded and kept in memory: how the API shows them (a user, a list
// entry), pages of them behind an opaque cursor, and the writes: update, roles, create,
// disable and enable. No HTTP here.
import { deref, lookup } from "contract-kit/spec";
import { randomHex } from "contract-kit/testing/handler";
import { parchmentSpec } from "../contract/parchment-spec.js";
import type { AccessRole, CreateUserRequest, ProviderDetails, User, UserSummary } from "../types.js";
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
  ...(user.external_user_id === undefined ? {} : { external_user_id: user.external_user_id }),
  full_name: user.full_name,
  access_roles: [...user.access_roles],
});

/** What a create answers: the user made (and whether its demographics matched another user's), or which unique field was taken. */
export type CreateOutcome = { user: StoredUser; demographicConflict: boolean } | { taken: "email" | "partner_user_id" };

/** Whether the state changed: disable and enable answer 200 either way. */
export interface StatusChange {
  user: StoredUser;
  changed: boolean;
}

// The request's prescriber fields, kept as the user's provider details (shown once they hold a prescriber role).
const PRESCRIBER_FIELDS = ["title", "date_of_birth", "sex", "phone", "hpii_number", "prescriber_type", "prescriber_number", "qualifications", "provider_number", "ahpra_number", "hospital_provider_number"] as const;
/** User.full_name's maxLength, from openapi.yaml; a full name is cut to it, in code points as JSON Schema counts. */
const FULL_NAME_MAX = deref(parchmentSpec, lookup(parchmentSpec, "#/components/schemas/User/properties/full_name")).node.maxLength as number;

const given = (user: StoredUser) => user.provider_details?.given_name ?? user.given_name;
const family = (user: StoredUser) => user.provider_details?.family_name ?? user.family_name;

/** A new user from a valid create request; roles default to [member]. */
function newUser(userId: string, body: CreateUserRequest): StoredUser {
  const fields = PRESCRIBER_FIELDS.filter((field) => body[field] !== undefined);
  const roles: AccessRole[] = body.access_roles ? [...body.access_roles] : ["member"];
  const details = fields.length > 0 || isPrescriber(roles) ? Object.fromEntries(fields.map((field) => [field, body[field]])) : undefined;
  return {
    user_id: userId,
    ...(body.partner_user_id === undefined ? {} : { external_user_id: body.partner_user_id }),
    email: body.email,
    full_name: Array.from([body.title, body.given_name, body.family_name].filter(Boolean).join(" ")).slice(0, FULL_NAME_MAX).join(""),
    access_roles: roles,
    given_name: body.given_name,
    family_name: body.family_name,
    provider_details: details ? { given_name: body.given_name, family_name: body.family_name, ...details } : null,
    enabled: true,
  };
}

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
    // Every write looks the user up by id and changes it in one synchronous step, after the
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
    /**
     * A new user, unless one has this email (in any case) or partner_user_id: then nothing is
     * made. The checks and the insert are one synchronous step, so two creates racing on one
     * email make one user and one 409. Its id is Parchment's form: usr_ and 12 lowercase hex digits.
     */
    create(body: CreateUserRequest): CreateOutcome {
      const all = [...users.values()];
      const email = body.email.toLowerCase();
      if (all.some((user) => user.email.toLowerCase() === email)) return { taken: "email" };
      if (body.partner_user_id !== undefined && all.some((user) => user.external_user_id === body.partner_user_id)) return { taken: "partner_user_id" };
      // The reference server's 202 rule: the same given name, family name and date of birth as someone already known.
      const demographicConflict =
        body.date_of_birth !== undefined &&
        all.some((user) => given(user) === body.given_name && family(user) === body.family_name && user.provider_details?.date_of_birth === body.date_of_birth);
      let userId: string;
      do userId = `usr_${randomHex(6)}`;
      while (users.has(userId));
      const user = newUser(userId, body);
      users.set(userId, user);
      return { user, demographicConflict };
    },
    /** The user disabled and their roles downgraded to [member]; `changed` false if they were disabled already. Undefined for no such user. */
    disable(userId: string): StatusChange | undefined {
      const user = users.get(userId);
      if (!user) return undefined;
      const changed = user.enabled;
      user.enabled = false;
      user.access_roles = ["member"];
      return { user, changed };
    },
    /** The user enabled again; their roles stay as they are ([member] after a disable): nothing is restored. */
    enable(userId: string): StatusChange | undefined {
      const user = users.get(userId);
      if (!user) return undefined;
      const changed = !user.enabled;
      user.enabled = true;
      return { user, changed };
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
