// The users and the cursor of a list-users answer, from whichever documented shape came: a
// page object (data.users with data.pagination), a plain array of users with the envelope's
// own pagination beside it, or a plain array alone (every user, no cursor).
import { isObject } from "contract-kit/http";

export interface ListPage {
  /** The user ids listed, in order (entries without a string user_id are left out: the schema check reports them). */
  users: string[];
  /** The cursor to send as lastKey: a non-empty string, else undefined (the last page). */
  cursor?: string;
  /** The lastKey as it came, for the report. */
  rawCursor?: unknown;
  /** hasNext, where the shape carries it. */
  hasNext?: unknown;
  /** Whether the answer is paginated (so `limit` applies). */
  paginated: boolean;
  /** JSON paths of the users and the cursor, for violations. */
  usersPath: string;
  cursorPath: string;
}

export function readListPage(body: unknown): ListPage {
  const data = isObject(body) ? body.data : undefined;
  const envelopePagination = isObject(body) && isObject(body.pagination) ? body.pagination : undefined;
  let list: unknown[] = [];
  let pagination: Record<string, unknown> | undefined;
  let usersPath = "$.data";
  let cursorPath = "$.pagination.lastKey";
  if (Array.isArray(data)) {
    list = data;
    pagination = envelopePagination;
  } else if (isObject(data) && Array.isArray(data.users)) {
    list = data.users;
    pagination = isObject(data.pagination) ? data.pagination : {};
    usersPath = "$.data.users";
    cursorPath = "$.data.pagination.lastKey";
  }
  const users = list.flatMap((user) => (isObject(user) && typeof user.user_id === "string" ? [user.user_id] : []));
  const rawCursor = pagination?.lastKey;
  return {
    users,
    cursor: typeof rawCursor === "string" && rawCursor !== "" ? rawCursor : undefined,
    rawCursor,
    hasNext: pagination?.hasNext,
    paginated: pagination !== undefined,
    usersPath,
    cursorPath,
  };
}
