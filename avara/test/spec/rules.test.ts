// The rules the schemas hold: what an update may send and what a user must be. Each rule is
// shown both ways: a body that keeps it and one that breaks it.
import { describe, expect, it } from "vitest";
import { createSpecValidator } from "contract-kit/spec";
import { avaraSpec } from "../../src/contract/spec.js";
import { seedUsers } from "../../src/testing/seed.js";

const validator = createSpecValidator(avaraSpec);
const update = (body: unknown) => validator.validate("#/components/schemas/UpdateUserRequest", body);
const user = (value: unknown) => validator.validate("#/components/schemas/User", value);
const userId = (value: unknown) => validator.validate("#/components/schemas/UserId", value);
const keywords = (violations: { keyword: string }[]) => violations.map((violation) => violation.keyword);
const [radiologist] = seedUsers();

describe("the update body", () => {
  it.each([
    ["an empty body (changes nothing)", {}],
    ["every field", { firstName: "A", middleName: "B", lastName: "C", suffix1: "Jr.", suffix2: "III", clinicRole: "Other", level: "member", canCreateReports: false, canManageStudies: true, hasDashboardAccess: true, npiNumber: "1234567893", phoneNumber: "123456789012345" }],
    ["null clearing each optional field", { middleName: null, npiNumber: null, phoneNumber: null, suffix1: null, suffix2: null }],
    ["reports enabled with an NPI", { canCreateReports: true, npiNumber: "1234567893" }],
    ["reports enabled, the NPI left to the stored user", { canCreateReports: true }],
    ["admin with dashboard access", { level: "admin", hasDashboardAccess: true }],
    ["admin, dashboard access left to the stored user", { level: "admin" }],
    ["a 10-digit phone", { phoneNumber: "5551234567" }],
  ])("accepts %s", (_name, body) => {
    expect(update(body)).toEqual([]);
  });

  it.each([
    ["email (cannot be changed)", { email: "new@hospital.org" }, "additionalProperties"],
    ["an unknown field", { title: "Dr" }, "additionalProperties"],
    ["level owner (not assignable)", { level: "owner" }, "enum"],
    ["an NPI of 9 digits", { npiNumber: "123456789" }, "minLength"],
    ["an NPI of 11 digits", { npiNumber: "12345678901" }, "maxLength"],
    ["an NPI with a letter", { npiNumber: "123456789X" }, "pattern"],
    ["an empty firstName", { firstName: "" }, "minLength"],
    ["an empty lastName", { lastName: "" }, "minLength"],
    ["an empty suffix", { suffix1: "" }, "minLength"],
    ["a 9-digit phone", { phoneNumber: "555123456" }, "pattern"],
    ["a 16-digit phone", { phoneNumber: "1234567890123456" }, "pattern"],
    ["a phone with punctuation", { phoneNumber: "+1 555-123-4567" }, "pattern"],
    ["null clinicRole (every user has one)", { clinicRole: null }, "type"],
    ["null firstName", { firstName: null }, "type"],
    ["an unknown clinic role", { clinicRole: "Wizard" }, "enum"],
    ["a string for a boolean", { canCreateReports: "true" }, "type"],
    ["reports enabled while removing the NPI", { canCreateReports: true, npiNumber: null }, "not"],
    ["admin without dashboard access", { level: "admin", hasDashboardAccess: false }, "const"],
  ])("refuses %s", (_name, body, keyword) => {
    expect(keywords(update(body))).toContain(keyword);
  });

  it("refuses a body that is not an object", () => {
    expect(update([])).not.toEqual([]);
    expect(update(null)).not.toEqual([]);
  });
});

describe("the user", () => {
  it("accepts a user who never logged in, a null createdAt, and fields Avara may add", () => {
    expect(user({ ...radiologist, lastLoginAt: null })).toEqual([]);
    expect(user({ ...radiologist, createdAt: null })).toEqual([]);
    expect(user({ ...radiologist, teamId: "team_1" })).toEqual([]);
    expect(user({ ...radiologist, level: "owner" })).toEqual([]);
  });

  it.each(["canCreateReports", "canManageStudies", "clinicRole", "createdAt", "email", "firstName", "hasDashboardAccess", "invitedSource", "lastLoginAt", "lastName", "level", "userId"])(
    "requires %s",
    (field) => {
      const { [field as keyof typeof radiologist]: _gone, ...rest } = radiologist!;
      expect(user(rest)).toContainEqual(expect.objectContaining({ keyword: "required", params: { missingProperty: field } }));
    },
  );

  it.each([
    ["a date that is not a date-time", { createdAt: "15/01/2024" }],
    ["an email that is not one", { email: "not an email" }],
    ["an unknown level", { level: "superuser" }],
    ["an unknown invitedSource", { invitedSource: "import" }],
    ["a short NPI", { npiNumber: "12345" }],
    ["an empty middleName", { middleName: "" }],
    ["a userId of another form", { userId: "usr_123" }],
  ])("refuses %s", (_name, change) => {
    expect(user({ ...radiologist, ...change })).not.toEqual([]);
  });
});

describe("userId", () => {
  it("is usr_ and 32 lower-case hexadecimal characters", () => {
    expect(userId("usr_1234567890abcdef1234567890abcdef")).toEqual([]);
    for (const bad of ["usr_1234567890abcdef1234567890abcde", "usr_1234567890abcdef1234567890abcdeff", "usr_1234567890ABCDEF1234567890ABCDEF", "user_1234567890abcdef1234567890abcdef", "usr_1234567890abcdef1234567890abcdeg"]) {
      expect(userId(bad)).not.toEqual([]);
    }
  });
});
