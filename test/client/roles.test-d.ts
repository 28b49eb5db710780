// Type tests for the role helpers and the enum arrays' declared types.
import { describe, expectTypeOf, it } from "vitest";
import {
  ACCESS_ROLES,
  ASSIGNABLE_ROLES,
  SCOPES,
  createParchmentClient,
  isAssignableRole,
  keepAssignable,
  type AccessRole,
  type AssignableRole,
  type Scope,
  type User,
} from "../../src/index.js";

describe("role helpers", () => {
  it("narrow a string to an AssignableRole", () => {
    const value: string = "admin";
    // @ts-expect-error a plain string is not an AssignableRole
    ASSIGNABLE_ROLES.includes(value);
    if (isAssignableRole(value)) expectTypeOf(value).toEqualTypeOf<AssignableRole>();
    expectTypeOf(["owner", "admin"].filter(isAssignableRole)).toEqualTypeOf<AssignableRole[]>();
  });

  it("let a user's roles be re-applied", () => {
    const client = createParchmentClient({ organizationId: "org", organizationSecret: "secret", token: "t" });
    const user = {} as User;
    expectTypeOf(keepAssignable(user.access_roles)).toEqualTypeOf<AssignableRole[]>();
    expectTypeOf(client.users.setRoles).toBeCallableWith("usr_1", keepAssignable(user.access_roles));
    // @ts-expect-error access_roles may hold owner, support or member
    expectTypeOf(client.users.setRoles).toBeCallableWith("usr_1", user.access_roles);
  });

  it("enum arrays are plain readonly arrays of the named unions", () => {
    expectTypeOf(ASSIGNABLE_ROLES).toEqualTypeOf<readonly AssignableRole[]>();
    expectTypeOf(ACCESS_ROLES).toEqualTypeOf<readonly AccessRole[]>();
    expectTypeOf(SCOPES).toEqualTypeOf<readonly Scope[]>();
  });
});
