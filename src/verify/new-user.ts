// The user verify creates (allowCreate only), marked as verify's wherever a person looking at
// the organisation would see it: a real organisation keeps it (Parchment has no delete), so
// it must be plain whose it is and easy to find again. Each run's user is new (a random tag),
// so that a second run is not a duplicate of the first, nor the same person to Parchment's
// demographic check (the tag is in the family name).
import { randomHex } from "contract-kit/testing/handler";
import type { CreateUserRequest } from "../types.js";

export type { CreateUserRequest } from "../types.js";

export interface NewUser {
  body: CreateUserRequest;
  email: string;
  /** Sent as partner_user_id: how the user is found again (external_user_id in the list). */
  partnerUserId: string;
  /** The user for a duplicate create: the same email, another partner_user_id (so that only the email can be why it is refused). */
  duplicate: CreateUserRequest;
  /** "the user with email ... and partner_user_id ...", for the report. */
  described: string;
}

/** 12 random lowercase hex digits, from the reference servers' own generator (Web Crypto). */
export const randomTag = (): string => randomHex(6);

/**
 * The email is at example.invalid, a domain that cannot exist (RFC 2606): Parchment may send
 * the new user an invitation, and it must reach no one. It is a valid `format: email` (a test
 * checks the body against CreateUserRequest). The roles are receptionist's: a user that holds
 * no prescriber record, and one that disabling visibly changes (to member).
 */
export function newUser(tag = randomTag()): NewUser {
  const email = `verify+${tag}@example.invalid`;
  const partnerUserId = `parchment-contract-verify#${tag}`;
  const body: CreateUserRequest = { given_name: "Parchment-Contract", family_name: `Verify ${tag}`, email, partner_user_id: partnerUserId, access_roles: ["receptionist"] };
  return {
    body,
    email,
    partnerUserId,
    duplicate: { ...body, partner_user_id: `${partnerUserId}-again` },
    described: `the user with email ${email} and partner_user_id ${partnerUserId}`,
  };
}
