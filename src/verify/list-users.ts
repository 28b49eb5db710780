// verify's first step: list users PAGE_SIZE at a time, following the cursor up to maxPages,
// from whichever documented list shape comes (list-page.ts), failing a limit that is ignored,
// a cursor that is ignored or repeated, a user on two pages and hasNext without a cursor.
import type { VerifyRun } from "contract-kit/verify";
import { CHECKS, PAGE_SIZE } from "./checks.js";
import { readListPage } from "./list-page.js";

export interface Listed {
  /** The user ids listed, in order, every page. */
  userIds: string[];
  /** Whether the first page failed (so no user id came from the list). */
  failed: boolean;
}

export async function listUsers(run: VerifyRun, maxPages: number): Promise<Listed> {
  const { fail, skip, show } = run;
  const userIds: string[] = [];
  const seenCursors = new Map<string, number>();
  const seenUsers = new Map<string, number>();
  let previous: string[] | undefined;
  let cursor: string | undefined;
  for (let page = 1; page <= maxPages; page++) {
    const query: Record<string, string> = { limit: String(PAGE_SIZE), ...(cursor === undefined ? {} : { lastKey: cursor }) };
    const listing = await run.probe(CHECKS.listPage(page), { query }, { successful: true });
    const { check } = listing;
    // A 2xx page with violations still names users to read; its cursor is not followed.
    if (!listing.answered || check.status! < 200 || check.status! > 299) {
      if (page === 1) skip(CHECKS.followCursor, "the first page failed");
      return { userIds, failed: page === 1 };
    }
    const shape = readListPage(listing.body);
    const ids = shape.users;
    if (shape.paginated && ids.length > PAGE_SIZE) {
      fail(check, { path: shape.usersPath, expected: `at most ${PAGE_SIZE} users (limit=${PAGE_SIZE})`, actual: `${ids.length} users` });
    }
    if (previous && ids.length > 0 && ids.join("\n") === previous.join("\n")) {
      fail(check, { path: shape.usersPath, expected: "the page after the lastKey sent", actual: `the same users as page ${page - 1} (the cursor was ignored)` });
    } else {
      const again = ids.filter((id) => seenUsers.has(id));
      if (again.length > 0) {
        fail(check, { path: shape.usersPath, expected: "each user on one page only", actual: `${show.value(again[0])} again (first on page ${seenUsers.get(again[0]!)})${again.length > 1 ? ` and ${again.length - 1} more` : ""}` });
      }
    }
    for (const id of ids) if (!seenUsers.has(id)) seenUsers.set(id, page);
    userIds.push(...ids);
    previous = ids;
    if (shape.hasNext === true && shape.cursor === undefined) {
      fail(check, { path: shape.cursorPath, expected: "a lastKey, since hasNext is true", actual: show.value(shape.rawCursor) });
    }
    if (shape.cursor !== undefined && seenCursors.has(shape.cursor)) {
      fail(check, { path: shape.cursorPath, expected: "a new lastKey", actual: `the lastKey of page ${seenCursors.get(shape.cursor)} again` });
    }
    if (check.outcome === "failed") {
      if (page === 1) skip(CHECKS.followCursor, "the first page failed");
      break;
    }
    if (shape.cursor === undefined) {
      if (page === 1) skip(CHECKS.followCursor, shape.paginated ? "the first page was the last (no lastKey)" : "the list came as a plain array, without pagination");
      break;
    }
    seenCursors.set(shape.cursor, page);
    cursor = shape.cursor;
    if (page === maxPages) check.note = `more pages remain; stopped at maxPages = ${maxPages}`;
  }
  return { userIds, failed: false };
}
