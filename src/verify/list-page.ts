// The users and the cursor of a list-users answer, from whichever documented shape came
// (src/list-shapes.ts tells them apart), read leniently: verify reports what is wrong with a
// page rather than refusing it.
import { isObject } from "contract-kit/http";
import { cursorOf, readListShape } from "../list-shapes.js";

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
  const list = readListShape(body);
  // A page object is paginated even without its pagination; a plain array only with an object beside it.
  const pagination = list?.shape === "page" ? (isObject(list.pagination) ? list.pagination : {}) : isObject(list?.pagination) ? list.pagination : undefined;
  const users = (list?.users ?? []).flatMap((user) => (isObject(user) && typeof user.user_id === "string" ? [user.user_id] : []));
  const rawCursor = pagination?.lastKey;
  return {
    users,
    cursor: cursorOf(rawCursor),
    rawCursor,
    hasNext: pagination?.hasNext,
    paginated: pagination !== undefined,
    usersPath: list?.usersPath ?? "$.data",
    cursorPath: `${list?.paginationPath ?? "$.pagination"}.lastKey`,
  };
}
