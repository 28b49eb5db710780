// The one reader of the three list shapes (src/list-shapes.ts), which the client's list() and
// verify's readListPage both build on: where each shape keeps its users and its cursor.
import { describe, expect, it } from "vitest";
import { cursorOf, readListShape } from "../../src/list-shapes.js";
import { readListPage } from "../../src/verify/list-page.js";

const users = [{ user_id: "usr_a" }, { user_id: "usr_b" }];

describe("readListShape", () => {
  it("tells the three documented shapes apart", () => {
    expect(readListShape({ data: { users, pagination: { lastKey: "k", total: 2, limit: 2 } } })).toEqual({
      shape: "page",
      users,
      pagination: { lastKey: "k", total: 2, limit: 2 },
      usersPath: "$.data.users",
      paginationPath: "$.data.pagination",
    });
    expect(readListShape({ data: users, pagination: { hasNext: false, lastKey: null } })).toMatchObject({ shape: "envelope", users, usersPath: "$.data", paginationPath: "$.pagination" });
    expect(readListShape({ data: users })).toEqual({ shape: "array", users, pagination: undefined, usersPath: "$.data", paginationPath: "$.pagination" });
  });

  it("leaves the parts unchecked, for each caller to judge", () => {
    expect(readListShape({ data: [1, "x"], pagination: null })).toMatchObject({ shape: "envelope", users: [1, "x"], pagination: null });
    expect(readListShape({ data: { users: [] } })).toMatchObject({ shape: "page", pagination: undefined });
  });

  it("is undefined for anything else", () => {
    for (const body of [null, "text", [users], {}, { data: null }, { data: { users: "no" } }, { data: {} }]) expect(readListShape(body)).toBeUndefined();
  });

  it("follows only a non-empty string cursor", () => {
    expect([cursorOf("k"), cursorOf(""), cursorOf(null), cursorOf(undefined), cursorOf(7)]).toEqual(["k", undefined, undefined, undefined, undefined]);
  });
});

describe("readListPage (verify)", () => {
  it("reads every shape leniently", () => {
    expect(readListPage({ data: { users } })).toMatchObject({ users: ["usr_a", "usr_b"], paginated: true, cursor: undefined, cursorPath: "$.data.pagination.lastKey" });
    expect(readListPage({ data: users, pagination: { lastKey: "k", hasNext: true } })).toMatchObject({ cursor: "k", hasNext: true, paginated: true, cursorPath: "$.pagination.lastKey" });
    expect(readListPage({ data: users, pagination: "no" })).toMatchObject({ paginated: false, rawCursor: undefined });
    expect(readListPage({ data: { users: [{ user_id: 1 }, ...users] } }).users).toEqual(["usr_a", "usr_b"]);
    expect(readListPage({ data: null })).toEqual({ users: [], cursor: undefined, rawCursor: undefined, hasNext: undefined, paginated: false, usersPath: "$.data", cursorPath: "$.pagination.lastKey" });
  });
});
