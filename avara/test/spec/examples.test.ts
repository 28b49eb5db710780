// Every example in avara/openapi.yaml satisfies the schema it illustrates, the reference
// server's users are users of the contract, and the facts of Avara's page are all there.
import { describe, expect, it } from "vitest";
import { createSpecValidator } from "contract-kit/spec";
import { collectExamples, lookup } from "contract-kit/test-support";
import { avaraSpec } from "../../src/contract/spec.js";
import { seedUsers } from "../../src/testing/seed.js";
import { ASSIGNABLE_USER_LEVELS, CLINIC_ROLES, USER_LEVELS } from "../../src/types.js";

const validator = createSpecValidator(avaraSpec);
const examples = collectExamples(validator.document);

describe("avara spec examples", () => {
  it("finds the examples of both operations", () => {
    const labels = examples.map((example) => example.label).join("\n");
    expect(labels).toContain("GET /v1/autoScribe/users/{userId} 200");
    expect(labels).toContain("PATCH /v1/autoScribe/users/{userId} request");
    expect(examples.length).toBeGreaterThan(8);
  });

  it.each(examples.map((example) => [example.label, example] as const))("%s is valid", (_label, example) => {
    expect(validator.validate(example.schemaPointer, example.value)).toEqual([]);
  });

  it("would catch an example that drifted from its schema", () => {
    const radiologist = lookup(validator.document, "#/components/examples/Radiologist/value") as Record<string, unknown>;
    expect(validator.validate("#/components/schemas/User", { ...radiologist, clinicRole: "Wizard" })).toContainEqual(expect.objectContaining({ path: "/clinicRole", keyword: "enum" }));
  });

  it("keeps Avara's example user exactly", () => {
    expect(lookup(validator.document, "#/components/examples/Radiologist/value")).toEqual({
      canCreateReports: true,
      canManageStudies: true,
      clinicRole: "Radiologist",
      createdAt: "2024-01-15T10:00:00Z",
      email: "dr.johnson@hospital.org",
      firstName: "Sarah",
      hasDashboardAccess: true,
      invitedSource: "api",
      lastLoginAt: "2024-03-15T09:00:00Z",
      lastName: "Johnson",
      level: "member",
      userId: "usr_1234567890abcdef1234567890abcdef",
      middleName: "Marie",
      npiNumber: "1234567893",
      phoneNumber: "5551234567",
      suffix1: "MD",
      suffix2: "FACR",
    });
  });

  it("has all 61 clinic roles of the page, in its order, and both level enums", () => {
    expect(CLINIC_ROLES).toHaveLength(61);
    expect(CLINIC_ROLES[0]).toBe("Doctor");
    expect(CLINIC_ROLES.at(-1)).toBe("Other");
    for (const role of ["Radiation Oncologist", "Pathologists' Assistant", "Certified Registered Nurse Anesthetist", "Speech-Language Pathologist", "IT Support"]) {
      expect(CLINIC_ROLES).toContain(role);
    }
    expect(new Set(CLINIC_ROLES).size).toBe(61);
    expect(USER_LEVELS).toEqual(["owner", "admin", "member"]);
    expect(ASSIGNABLE_USER_LEVELS).toEqual(["admin", "member"]);
  });

  it.each(seedUsers().map((user) => [user.userId, user] as const))("seeded user %s is a user of the contract", (_id, user) => {
    expect(validator.validate("#/components/schemas/User", user)).toEqual([]);
  });
});
