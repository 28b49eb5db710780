// Type tests of users.create, disable and enable: bodies and answers typed from the spec.
import { describe, expectTypeOf, it } from "vitest";
import type { components, paths } from "../../generated/openapi.js";
import { createParchmentClient, type CreateUserOutcome, type CreateUserRequest, type CreateUserResult } from "../../src/index.js";

const client = createParchmentClient({ organizationId: "org", organizationSecret: "secret", token: "t" });
type Schemas = components["schemas"];

describe("users.create", () => {
  it("takes the spec's request and resolves with the status, the id and the data", () => {
    expectTypeOf<CreateUserRequest>().toEqualTypeOf<Schemas["CreateUserRequest"]>();
    expectTypeOf(client.users.create).parameter(0).toEqualTypeOf<paths["/v1/organizations/{organization_id}/users"]["post"]["requestBody"]["content"]["application/json"]>();
    expectTypeOf(client.users.create).returns.resolves.toEqualTypeOf<CreateUserOutcome>();
    expectTypeOf<CreateUserOutcome["status"]>().toEqualTypeOf<201 | 202>();
    expectTypeOf<CreateUserOutcome["userId"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<CreateUserOutcome["data"]>().toEqualTypeOf<CreateUserResult | undefined>();
    expectTypeOf<CreateUserResult>().toEqualTypeOf<Schemas["CreatedUser"] | Schemas["CreatedUserLinks"]>();
    expectTypeOf<CreateUserOutcome["code"]>().toEqualTypeOf<string | undefined>();
  });

  it("refuses a body the spec does not allow", () => {
    // @ts-expect-error email is required
    void client.users.create({ given_name: "Sam", family_name: "Nguyen" });
    // @ts-expect-error N is a prescriber type as read, not as written
    void client.users.create({ given_name: "A", family_name: "B", email: "a@example.com", prescriber_type: "N" });
    // @ts-expect-error owner cannot be assigned through the API
    void client.users.create({ given_name: "A", family_name: "B", email: "a@example.com", access_roles: ["owner"] });
    // @ts-expect-error a misspelt field is not part of the body
    const body: CreateUserRequest = { given_name: "A", family_name: "B", email: "a@example.com", partnerUserId: "x" };
    void body;
  });
});

describe("users.disable and users.enable", () => {
  it("take a user id and resolve with data: { user_id }", () => {
    expectTypeOf(client.users.disable).parameter(0).toEqualTypeOf<string>();
    expectTypeOf(client.users.disable).returns.resolves.toEqualTypeOf<Schemas["UpdateUserResult"]>();
    expectTypeOf(client.users.enable).returns.resolves.toEqualTypeOf<{ user_id: string }>();
    // @ts-expect-error no body
    void client.users.enable("usr_1", { access_roles: ["admin"] });
  });
});
