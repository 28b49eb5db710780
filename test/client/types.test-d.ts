// Type tests: the exported types come from the spec, and the client's methods are typed by them.
import { describe, expectTypeOf, it } from "vitest";
import type { components } from "../../generated/openapi.js";
import {
  ASSIGNABLE_ROLES,
  ACCESS_ROLES,
  createParchmentClient,
  createTokenProvider,
  ParchmentError,
  ParchmentRateLimitError,
  ParchmentTimeoutError,
  type AccessRole,
  type AssignableRole,
  type ParchmentApiError,
  type TokenProvider,
  type ProblemDetails,
  type ProviderDetailsUpdate,
  type UpdateUserRequest,
  type User,
  type UserPage,
  type UserSummary,
} from "../../src/index.js";

const client = createParchmentClient({ organizationId: "org", organizationSecret: "secret", token: "t" });

describe("types", () => {
  it("are the spec's schemas", () => {
    expectTypeOf<User>().toEqualTypeOf<components["schemas"]["User"]>();
    expectTypeOf<ProblemDetails>().toEqualTypeOf<components["schemas"]["ProblemDetails"]>();
    expectTypeOf<AssignableRole>().toEqualTypeOf<"admin" | "provider" | "receptionist" | "rx_reader" | "rx_queue_manager">();
    expectTypeOf<AccessRole>().toEqualTypeOf<AssignableRole | "owner" | "support" | "member">();
  });

  it("enum arrays carry their element types", () => {
    expectTypeOf(ASSIGNABLE_ROLES).toEqualTypeOf<ReadonlyArray<AssignableRole>>();
    expectTypeOf(ACCESS_ROLES).toEqualTypeOf<ReadonlyArray<AccessRole>>();
  });

  it("methods return the documented payloads", () => {
    expectTypeOf(client.users.get).returns.resolves.toEqualTypeOf<User>();
    expectTypeOf(client.users.list).returns.resolves.toEqualTypeOf<UserPage>();
    expectTypeOf(client.users.update).returns.resolves.toEqualTypeOf<{ user_id: string }>();
    expectTypeOf(client.users.setRoles).returns.resolves.toEqualTypeOf<{ user_id: string; access_roles: AccessRole[] }>();
    expectTypeOf(client.users.listAll).returns.toEqualTypeOf<AsyncGenerator<UserSummary, void, undefined>>();
    expectTypeOf<ParchmentApiError["validation"]>().toEqualTypeOf<components["schemas"]["ValidationIssue"][]>();
  });

  it("requests are checked against the spec", () => {
    expectTypeOf(client.users.setRoles).parameter(1).toEqualTypeOf<AssignableRole[]>();
    // @ts-expect-error owner cannot be assigned through the API
    void client.users.setRoles("usr_1", ["owner"]);
    // @ts-expect-error sex is M, F, I or N on write
    const sex: ProviderDetailsUpdate = { sex: "O" };
    // @ts-expect-error a misspelt field is not part of the body
    const body: UpdateUserRequest = { fullname: "x" };
    // @ts-expect-error limit is a number
    void client.users.list({ limit: "20" });
    void [sex, body];
  });

  it("raw is the typed openapi-fetch client", () => {
    const call = () =>
      client.raw.GET("/v1/organizations/{organization_id}/users/{user_id}", {
        params: { path: { organization_id: "o", user_id: "u" } },
      });
    type Data = NonNullable<Awaited<ReturnType<typeof call>>["data"]>;
    expectTypeOf<Data>().toExtend<components["schemas"]["UserEnvelope"]>();
    expectTypeOf<Data["data"]["access_roles"]>().toEqualTypeOf<AccessRole[]>();
    // @ts-expect-error unknown path
    void (() => client.raw.GET("/v1/nope"));
  });

  it("a wrong method and path pair does not compile", () => {
    // @ts-expect-error the users collection has no PUT
    void (() => client.raw.PUT("/v1/organizations/{organization_id}/users", { params: { path: { organization_id: "o" } } }));
    // @ts-expect-error the token call is a POST
    void (() => client.raw.GET("/v1/token"));
  });

  it("errors narrow by class, and carry their fields", () => {
    const error: unknown = undefined;
    if (error instanceof ParchmentRateLimitError) expectTypeOf(error.retryAfter).toEqualTypeOf<number | undefined>();
    if (error instanceof ParchmentTimeoutError) expectTypeOf(error.timeoutMs).toEqualTypeOf<number>();
    if (error instanceof ParchmentError) expectTypeOf(error.requestId).toEqualTypeOf<string | undefined>();
  });

  it("a token provider acts for other users, and is a token source", () => {
    const provider = createTokenProvider({
      partnerId: "p",
      partnerSecret: "ps",
      organizationId: "o",
      organizationSecret: "os",
      userId: "usr_1",
      scopes: ["read:user"],
    });
    expectTypeOf(provider.forUser("usr_2")).toEqualTypeOf<TokenProvider>();
    // @ts-expect-error scopes come from the spec's enum
    void provider.forUser("usr_2", ["read:everything"]);
    void createParchmentClient({ organizationId: "o", organizationSecret: "s", token: provider.forUser("usr_2") });
  });

  it("a page says whether more follow when the server says", () => {
    expectTypeOf<UserPage["hasNext"]>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<UserPage["lastKey"]>().toEqualTypeOf<string | null>();
  });
});
