// The client's types come from the spec: what the update may send, what a user is.
import { describe, expectTypeOf, it } from "vitest";
import { createAvaraClient, type AvaraApiError, type ClinicRole, type UpdateUserRequest, type User } from "../../src/index.js";

const client = createAvaraClient({ apiKey: "sk_live_1234567890" });

describe("types", () => {
  it("get and update resolve to the spec's User", () => {
    expectTypeOf(client.users.get("usr_1")).resolves.toEqualTypeOf<User>();
    expectTypeOf(client.users.update("usr_1", {})).resolves.toEqualTypeOf<User>();
    expectTypeOf<User["lastLoginAt"]>().toEqualTypeOf<string | null>();
    expectTypeOf<User["level"]>().toEqualTypeOf<"owner" | "admin" | "member">();
  });

  it("the update refuses what the contract refuses", () => {
    // @ts-expect-error owner cannot be assigned through the API
    void client.users.update("usr_1", { level: "owner" });
    // @ts-expect-error email cannot be changed through the API
    void client.users.update("usr_1", { email: "new@hospital.org" });
    // @ts-expect-error every user has a clinic role: it cannot be cleared
    void client.users.update("usr_1", { clinicRole: null });
    // @ts-expect-error not one of the 61 clinic roles
    void client.users.update("usr_1", { clinicRole: "Wizard" });
    // @ts-expect-error canCreateReports is a boolean
    void client.users.update("usr_1", { canCreateReports: "yes" });
    void client.users.update("usr_1", { npiNumber: null, suffix1: null, level: "admin", clinicRole: "Radiation Oncologist" });
    expectTypeOf<UpdateUserRequest["middleName"]>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<"Pathologists' Assistant">().toMatchTypeOf<ClinicRole>();
  });

  it("an AvaraApiError carries status and an unknown body", () => {
    expectTypeOf<AvaraApiError["status"]>().toEqualTypeOf<number>();
    expectTypeOf<AvaraApiError["body"]>().toEqualTypeOf<unknown>();
  });

  it("raw is typed by the spec's paths", () => {
    void client.raw.PATCH("/v1/autoScribe/users/{userId}", { params: { path: { userId: "usr_1" } }, body: { firstName: "A" } });
    // @ts-expect-error no such path in the contract
    void client.raw.GET("/v1/autoScribe/users", {});
  });
});
