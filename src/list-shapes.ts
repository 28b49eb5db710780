// The three documented shapes of a list-users answer, told apart in one place for the client
// (which refuses what it cannot page through) and verify (which reports it): a page object
// (data.users with data.pagination), a plain array of users with the envelope's own
// pagination beside it, or a plain array alone (every user, no cursor). Entries and
// pagination come back as they came: each caller judges them by its own rules.
import { isObject } from "contract-kit/http";

export interface ListParts {
  shape: "page" | "envelope" | "array";
  /** The entries as they came, unchecked. */
  users: unknown[];
  /** `data.pagination` ("page"), the envelope's `pagination` ("envelope"), none ("array"); unchecked. */
  pagination: unknown;
  /** JSON paths of the users and the pagination, for reports. */
  usersPath: string;
  paginationPath: string;
}

/** Which shape a list answer is in and where its parts are; undefined when it is in none. */
export function readListShape(envelope: unknown): ListParts | undefined {
  const data = isObject(envelope) ? envelope.data : undefined;
  if (Array.isArray(data)) {
    const pagination = (envelope as { pagination?: unknown }).pagination;
    return { shape: pagination === undefined ? "array" : "envelope", users: data, pagination, usersPath: "$.data", paginationPath: "$.pagination" };
  }
  if (isObject(data) && Array.isArray(data.users)) {
    return { shape: "page", users: data.users, pagination: data.pagination, usersPath: "$.data.users", paginationPath: "$.data.pagination" };
  }
  return undefined;
}

/** The cursor to follow: a lastKey that is a non-empty string; anything else (null, "", another type) is none. */
export const cursorOf = (lastKey: unknown): string | undefined => (typeof lastKey === "string" && lastKey !== "" ? lastKey : undefined);
