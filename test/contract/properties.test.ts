// Property tests: for generated update-user and update-roles bodies, valid and invalid, the
// spec's verdict (ajv on openapi.yaml's schema) equals the reference server's (2xx or 4xx),
// and a refused body leaves the user as it was.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSpecValidator } from "../../src/contract/spec-validator.js";
import { createReferenceHandler } from "../../src/testing/index.js";

const validator = createSpecValidator();
const handler = createReferenceHandler();
const ROLES = ["admin", "provider", "receptionist", "rx_reader", "rx_queue_manager", "owner", "support", "member", "Admin", ""];
const userUrl = `http://reference.test/v1/organizations/${handler.organizationId}/users/${handler.userId}`;

async function put(url: string, body: unknown): Promise<number> {
  const response = await handler.fetch(
    new Request(url, {
      method: "PUT",
      headers: { authorization: `Bearer ${handler.token}`, "x-organization-secret": handler.organizationSecret, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );
  return response.status;
}

const text = (...samples: string[]) => fc.oneof(fc.constantFrom(...samples), fc.string({ maxLength: 12 }));
const providerDetails = fc.record(
  {
    given_name: text("Darlene", ""),
    date_of_birth: text("1969-10-02", "15/01/1980", "1969-10-02T00:00:00.000Z", "1980-13-01"),
    sex: fc.constantFrom("M", "F", "I", "N", "O", "x"),
    prescriber_type: fc.constantFrom("M", "E", "U", "F", "D", "V", "T", "C", "N", "P"),
    prescriber_number: text("1234567", "1234567890", "12345678901"),
    provider_number: text("123456", "12345678901"),
    qualifications: text("MBBS", ""),
    phone: fc.constantFrom("0412345678"),
    australian_address: fc.constant({ state: "VIC" }),
    unknown_field: fc.constant(true),
  },
  { requiredKeys: [] },
);
// Bodies built to be valid, so that both verdicts are exercised often.
const validProviderDetails = fc
  .record(
    {
      given_name: fc.constantFrom("Darlene", "Sam"),
      date_of_birth: fc.constantFrom("1969-10-02", "2000-02-29"),
      sex: fc.constantFrom("M", "F", "I", "N"),
      prescriber_type: fc.constantFrom("M", "E", "U", "F", "D", "V", "T", "C"),
      provider_number: fc.constantFrom("123456", "1234567890"),
      phone: fc.constantFrom("0412345678"),
    },
    { requiredKeys: [] },
  )
  .map((details) =>
    details.prescriber_type === undefined
      ? details
      : { ...details, qualifications: "MBBS", ...(details.prescriber_type === "T" ? {} : { prescriber_number: "1234567" }) },
  );
const validUpdateUserBody = fc.record(
  { full_name: fc.constantFrom("Dr Darlene Cameron", "Sam Nguyen"), provider_details: validProviderDetails, email: fc.constant("d@example.com") },
  { requiredKeys: [] },
);
const anyUpdateUserBody = fc.oneof(
  fc.record(
    {
      full_name: fc.oneof(text("Dr Darlene Cameron", ""), fc.integer()),
      provider_details: providerDetails,
      email: fc.constantFrom("d@example.com"),
      access_roles: fc.array(fc.constantFrom(...ROLES), { maxLength: 3 }),
      fullname: fc.constant("typo"),
    },
    { requiredKeys: [] },
  ),
  fc.constantFrom(null, [], "text", 42),
);
const updateUserBody = fc.oneof({ arbitrary: validUpdateUserBody, weight: 1 }, { arbitrary: anyUpdateUserBody, weight: 2 });
const rolesBody = fc.oneof(
  fc.record({ access_roles: fc.uniqueArray(fc.constantFrom("admin", "provider", "receptionist", "rx_reader", "rx_queue_manager"), { minLength: 1, maxLength: 5 }) }),
  fc.record({ access_roles: fc.array(fc.constantFrom(...ROLES), { maxLength: 6 }) }),
  fc.record({ access_roles: fc.constantFrom("admin", null, 3) }),
  fc.record({ access_roles: fc.array(fc.constantFrom(...ROLES), { minLength: 1, maxLength: 2 }), extra: fc.constant(1) }),
  fc.constantFrom({}, null, [], "admin"),
);

/**
 * Sends each generated body and checks that the server's verdict (2xx or 4xx, never 5xx)
 * is the schema's, and that a refused body changed nothing. Returns how many were valid.
 */
async function verdictsAgree(schema: string, url: string, bodies: fc.Arbitrary<unknown>): Promise<number> {
  let accepted = 0;
  await fc.assert(
    fc.asyncProperty(bodies, async (body) => {
      const valid = validator.validate(`#/components/schemas/${schema}`, body).length === 0;
      const before = handler.readUser(handler.userId);
      const status = await put(url, body);
      if (valid) accepted++;
      expect(status >= 200 && status < 300).toBe(valid);
      expect(status).toBeLessThan(500);
      if (!valid) expect(handler.readUser(handler.userId)).toEqual(before);
    }),
    { numRuns: 300 },
  );
  return accepted;
}

describe("spec verdict equals reference server verdict", () => {
  // More than 30 of 300 valid: both verdicts were exercised.
  it("for update-user bodies", async () => {
    expect(await verdictsAgree("UpdateUserRequest", userUrl, updateUserBody)).toBeGreaterThan(30);
  });

  it("for update-roles bodies", async () => {
    expect(await verdictsAgree("UpdateUserRolesRequest", `${userUrl}/roles`, rolesBody)).toBeGreaterThan(30);
  });
});
