// The documented rules live in the schemas: for each rule, bodies the schema accepts and
// bodies it rejects.
import { describe, expect, it } from "vitest";
import { parchmentSpec } from "../../src/contract/parchment-spec.js";
import { createSpecValidator } from "contract-kit/spec";

const validator = createSpecValidator(parchmentSpec);
const schema = (name: string) => `#/components/schemas/${name}`;

interface RuleCase {
  rule: string;
  pointer: string;
  accepts: unknown[];
  rejects: unknown[];
}

const provider = (details: Record<string, unknown>) => ({ provider_details: details });
const envelope = (data: unknown) => ({
  success: true,
  statusCode: 200,
  message: "ok",
  data,
  timestamp: "2024-01-15T10:30:00.000Z",
  requestId: "req_1705312200000_abc123",
});
/** A plain-array page with `pagination` at the top level of the envelope. */
const envelopePaged = (data: unknown, pagination: unknown, extra: Record<string, unknown> = {}) => ({ ...envelope(data), pagination, ...extra });
const user = (extra: Record<string, unknown> = {}) => ({
  user_id: "usr_abc123def456",
  email: "darlene.cameron@example.com",
  full_name: "Dr Darlene Cameron",
  access_roles: ["admin", "provider"],
  details: { given_name: "Darlene", family_name: "Cameron", title: null, date_of_birth: null, sex: null },
  ...extra,
});
const problem = (error: Record<string, unknown>, statusCode = 403) => ({
  success: false,
  statusCode,
  error,
  timestamp: "2024-01-15T10:30:00.000Z",
  requestId: "1-68aad04d-10c08dde5682893b35b89265",
});

const rules: RuleCase[] = [
  {
    rule: "roles: a non-empty array",
    pointer: schema("UpdateUserRolesRequest"),
    accepts: [{ access_roles: ["provider"] }],
    rejects: [{ access_roles: [] }, {}, { access_roles: "admin" }],
  },
  {
    rule: "roles: assignable values only",
    pointer: schema("UpdateUserRolesRequest"),
    accepts: [
      { access_roles: ["admin", "provider", "receptionist", "rx_reader", "rx_queue_manager"] },
      { access_roles: ["receptionist", "rx_reader"] },
    ],
    rejects: [{ access_roles: ["owner"] }, { access_roles: ["admin", "support"] }, { access_roles: ["member"] }, { access_roles: ["Admin"] }],
  },
  {
    rule: "roles: each role once, nothing else in the body",
    pointer: schema("UpdateUserRolesRequest"),
    accepts: [{ access_roles: ["admin", "provider"] }],
    rejects: [{ access_roles: ["admin", "admin"] }, { access_roles: ["admin"], user_id: "usr_abc123def456" }],
  },
  {
    rule: "roles: rx_reader only together with receptionist",
    pointer: schema("UpdateUserRolesRequest"),
    accepts: [
      { access_roles: ["receptionist", "rx_reader"] },
      { access_roles: ["rx_reader", "receptionist", "admin"] },
      { access_roles: ["receptionist"] },
      { access_roles: ["admin", "provider"] },
    ],
    rejects: [{ access_roles: ["rx_reader"] }, { access_roles: ["rx_reader", "admin"] }, { access_roles: ["provider", "rx_reader", "rx_queue_manager"] }],
  },
  {
    rule: "update user: partial, email and access_roles accepted (ignored by the vendor)",
    pointer: schema("UpdateUserRequest"),
    accepts: [{}, { full_name: "Dr Darlene Cameron" }, { full_name: "Dr D Cameron", email: "d@example.com", access_roles: ["owner"] }],
    rejects: [{ fullname: "typo" }, { full_name: "" }, { full_name: 42 }],
  },
  {
    rule: "prescriber_number and provider_number: at most 10 characters",
    pointer: schema("UpdateUserRequest"),
    accepts: [provider({ prescriber_number: "1234567890" }), provider({ provider_number: "1234567890" })],
    rejects: [provider({ prescriber_number: "12345678901" }), provider({ provider_number: "12345678901" })],
  },
  {
    rule: "date_of_birth: YYYY-MM-DD on write",
    pointer: schema("UpdateUserRequest"),
    accepts: [provider({ date_of_birth: "1969-10-02" })],
    rejects: [
      provider({ date_of_birth: "15/01/1980" }),
      provider({ date_of_birth: "1969-10-02T00:00:00.000Z" }),
      provider({ date_of_birth: "1980-1-5" }),
      provider({ date_of_birth: "1980-13-01" }),
    ],
  },
  {
    rule: "sex: M/F/I/N on write",
    pointer: schema("UpdateUserRequest"),
    accepts: ["M", "F", "I", "N"].map((sex) => provider({ sex })),
    rejects: [provider({ sex: "O" }), provider({ sex: "m" }), provider({ sex: "X" })],
  },
  {
    rule: "prescriber_type: the update list only",
    pointer: schema("UpdateUserRequest"),
    accepts: ["M", "E", "U", "F", "D", "V", "C"].map((type) =>
      provider({ prescriber_type: type, qualifications: "MBBS", prescriber_number: "1234567" }),
    ),
    rejects: ["N", "P", "Z"].map((type) => provider({ prescriber_type: type, qualifications: "MBBS", prescriber_number: "1234567" })),
  },
  {
    rule: "prescriber_type requires qualifications",
    pointer: schema("UpdateUserRequest"),
    accepts: [provider({ prescriber_type: "M", qualifications: "MBBS", prescriber_number: "1234567" }), provider({ qualifications: "MBBS" })],
    rejects: [provider({ prescriber_type: "M", prescriber_number: "1234567" }), provider({ prescriber_type: "T" })],
  },
  {
    rule: "prescriber_type other than T requires prescriber_number",
    pointer: schema("UpdateUserRequest"),
    accepts: [provider({ prescriber_type: "T", qualifications: "BPod" }), provider({ prescriber_type: "C", qualifications: "BPharm", prescriber_number: "P1" })],
    rejects: [provider({ prescriber_type: "M", qualifications: "MBBS" }), provider({ prescriber_type: "E", qualifications: "BOptom" })],
  },
  {
    rule: "provider_details: the documented writable fields only",
    pointer: schema("UpdateUserRequest"),
    accepts: [provider({ erx_entity_id: "F3WFX", hpii_number: "8003614900029560", phone: "0412345678" })],
    rejects: [provider({ australian_address: { state: "VIC" } }), provider({ prescriber_numbr: "1" })],
  },
  {
    rule: "provider_details rule: prescriber_number is still a bounded string when required",
    pointer: schema("UpdateUserRequest"),
    accepts: [provider({ prescriber_type: "D", qualifications: "BDS", prescriber_number: "1234567890" })],
    rejects: [
      provider({ prescriber_type: "D", qualifications: "BDS", prescriber_number: 1234567 }),
      provider({ prescriber_type: "D", qualifications: "BDS", prescriber_number: "12345678901" }),
    ],
  },
  {
    rule: "token request: client_credentials with known scopes",
    pointer: schema("TokenRequest"),
    accepts: [{ grantType: "client_credentials", scope: ["read:user", "read:users", "update:user"] }],
    rejects: [
      { grantType: "password", scope: ["read:user"] },
      { grantType: "client_credentials", scope: [] },
      { grantType: "client_credentials", scope: ["read:everything"] },
      { grantType: "client_credentials" },
      { grantType: "client_credentials", scope: ["delete:patient"] },
    ],
  },
  {
    rule: "token response: granted scopes read as plain strings, meta optional",
    pointer: schema("TokenEnvelope"),
    accepts: [
      envelope({ accessToken: "eyJ.a.b", expiresIn: 3600, tokenType: "Bearer", scope: ["read:user", "read:users"] }),
      envelope({ accessToken: "eyJ.a.b", expiresIn: 3600, tokenType: "Bearer", scope: ["delete:patient", "read:something_new"] }),
      envelope({ accessToken: "eyJ.a.b", expiresIn: 3600, tokenType: "Bearer", scope: [] }),
      { ...envelope({ accessToken: "eyJ.a.b", expiresIn: 3600, tokenType: "Bearer", scope: ["read:user"] }), meta: { apiVersion: "1.0", responseTime: 125 } },
      { ...envelope({ accessToken: "eyJ.a.b", expiresIn: 3600, tokenType: "Bearer", scope: ["read:user"] }), meta: { apiVersion: "1.0", region: "au" } },
    ],
    rejects: [
      envelope({ accessToken: "eyJ.a.b", expiresIn: 3600, tokenType: "Bearer", scope: [42] }),
      envelope({ accessToken: "eyJ.a.b", expiresIn: 3600, tokenType: "Bearer", scope: "read:user" }),
      envelope({ accessToken: "eyJ.a.b", expiresIn: 3600, tokenType: "Bearer" }),
      { ...envelope({ accessToken: "eyJ.a.b", expiresIn: 3600, tokenType: "Bearer", scope: [] }), meta: { apiVersion: 1 } },
      { ...envelope({ accessToken: "eyJ.a.b", expiresIn: 3600, tokenType: "Bearer", scope: [] }), meta: { responseTime: "125ms" } },
      { ...envelope({ accessToken: "eyJ.a.b", expiresIn: 3600, tokenType: "Bearer", scope: [] }), meta: "1.0" },
    ],
  },
  {
    rule: "success envelope: success is true, meta optional on every operation",
    pointer: schema("UserEnvelope"),
    accepts: [envelope(user()), { ...envelope(user()), meta: { apiVersion: "1.0", responseTime: 0 } }, { ...envelope(user()), meta: {} }],
    rejects: [{ ...envelope(user()), success: false }, { ...envelope(user()), success: "true" }, { ...envelope(user()), meta: { responseTime: -1 } }],
  },
  {
    rule: "read user: tolerant of the vendor's read-side variants",
    pointer: schema("UserEnvelope"),
    accepts: [
      envelope(user()),
      envelope(user({ provider_details: null })),
      envelope(user({ access_roles: ["owner", "support", "member"] })),
      envelope(user({ provider_details: { sex: "O", prescriber_type: "P", date_of_birth: "1969-10-02" } })),
      envelope(user({ provider_details: { sex: "N", prescriber_type: "E", date_of_birth: "1969-10-02T00:00:00.000Z" } })),
      envelope(user({ details: { given_name: "D", family_name: "C", title: "Dr", date_of_birth: "1969-10-02T00:00:00.000Z", sex: "F" } })),
      envelope(user({ details: { given_name: "D", family_name: "C", title: "Dr", date_of_birth: "1969-10-02", sex: "F" } })),
    ],
    rejects: [
      envelope({ ...user(), details: undefined }),
      envelope(user({ access_roles: ["superuser"] })),
      envelope(user({ provider_details: { date_of_birth: "02/10/1969" } })),
      envelope(user({ provider_details: { date_of_birth: 19691002 } })),
      envelope(user({ details: { given_name: "D", family_name: "C", title: "Dr", date_of_birth: "1969-10-02 00:00", sex: "F" } })),
      { ...envelope(user()), requestId: undefined },
    ].map((value) => JSON.parse(JSON.stringify(value))),
  },
  {
    rule: "australian address: state enum and 4-digit postcode",
    pointer: schema("AustralianAddress"),
    accepts: [{ state: "VIC", postcode: "3000" }, { state: "NT", postcode: "0800" }],
    rejects: [{ postcode: "300" }, { postcode: "30000" }, { postcode: "3OOO" }, { state: "Victoria" }],
  },
  {
    rule: "list users: the page-object shape (pagination inside data)",
    pointer: schema("UserListEnvelope"),
    accepts: [
      envelope({ users: [{ user_id: "usr_abc123def456", full_name: "John Doe" }], pagination: { total: 1, limit: 20, lastKey: null } }),
      envelope({ users: [], pagination: { lastKey: "next" } }),
      envelope({ users: [{ user_id: "usr_abc123def456" }], pagination: {} }),
    ],
    rejects: [
      envelope({ users: [] }),
      envelope({ pagination: { lastKey: null } }),
      envelope({ users: [], pagination: { lastKey: 7 } }),
      envelope({ users: [], pagination: { total: -1 } }),
      envelope({ users: [], pagination: { limit: 0 } }),
      envelope({ users: [{ email: "no-id@example.com" }], pagination: {} }),
    ],
  },
  {
    rule: "list users: the plain-array shape (no pagination: the only page)",
    pointer: schema("UserListEnvelope"),
    accepts: [envelope([{ user_id: "usr_abc123def456", email: "darlene.cameron@example.com" }]), envelope([])],
    rejects: [envelope([{ email: "no-id@example.com" }]), envelope(null), envelope("usr_abc123def456"), { ...envelope([]), data: undefined }].map((value) =>
      JSON.parse(JSON.stringify(value)),
    ),
  },
  {
    rule: "list users: the envelope-pagination shape ({count, hasNext, limit, offset, lastKey} beside a plain-array data)",
    pointer: schema("UserListEnvelope"),
    accepts: [
      envelopePaged([{ user_id: "usr_abc123def456" }, { user_id: "usr_def456ghi789" }], { count: 2, hasNext: true, limit: 2, offset: 0, lastKey: "eyJwayI6Ii4uLiJ9" }),
      envelopePaged([{ user_id: "usr_ghi789jkl012" }], { count: 1, hasNext: false, limit: 2, offset: 2, lastKey: null }),
      envelopePaged([], { count: 0, hasNext: false, limit: 50, offset: 0, lastKey: null }),
      envelopePaged([{ user_id: "usr_abc123def456" }], { hasNext: false }),
      envelopePaged([{ user_id: "usr_abc123def456" }], { count: 1, hasNext: false, limit: 50, offset: 0 }, { meta: { apiVersion: "1.0", responseTime: 125 } }),
    ],
    rejects: [
      envelopePaged([{ user_id: "usr_abc123def456" }], { count: 1, limit: 50, offset: 0, lastKey: null }),
      envelopePaged([{ user_id: "usr_abc123def456" }], { hasNext: "true", lastKey: null }),
      envelopePaged([{ user_id: "usr_abc123def456" }], { hasNext: true, lastKey: 12 }),
      envelopePaged([{ user_id: "usr_abc123def456" }], { hasNext: false, count: -1 }),
      envelopePaged([{ user_id: "usr_abc123def456" }], { hasNext: false, offset: -1 }),
      envelopePaged([{ user_id: "usr_abc123def456" }], { hasNext: false, limit: 101 }),
      envelopePaged([{ user_id: "usr_abc123def456" }], { hasNext: true, lastKey: "x".repeat(1025) }),
      envelopePaged([{ user_id: "usr_abc123def456" }], null),
      envelopePaged([{ user_id: "usr_abc123def456" }], [{ hasNext: true }]),
      envelopePaged([{ email: "no-id@example.com" }], { hasNext: false }),
    ],
  },
  {
    rule: "errors: problem details inside the envelope",
    pointer: schema("ErrorEnvelope"),
    accepts: [
      problem({ type: "https://parchment.health/errors/authentication-required", title: "Unauthorized", detail: "Insufficient scope" }, 401),
      problem({
        type: "https://parchment.health/errors/validation-error",
        title: "Validation failed",
        detail: "bad",
        validation: [{ field: "date_of_birth", message: "Invalid date", code: "VALIDATION_ERROR" }],
      }),
    ],
    rejects: [
      problem({ title: "Forbidden", detail: "no type" }),
      problem({ type: "https://parchment.health/errors/x", title: "t", detail: "d", validation: [{ field: "x" }] }),
      { ...problem({ type: "https://parchment.health/errors/x", title: "t", detail: "d" }), success: true },
    ],
  },
  {
    rule: "limit: 1 to 100",
    pointer: "#/components/parameters/Limit/schema",
    accepts: [1, 20, 100],
    rejects: [0, 101, 2.5, "20"],
  },
];

describe("documented rules", () => {
  describe.each(rules)("$rule", ({ pointer, accepts, rejects }) => {
    it.each(accepts.map((body) => [JSON.stringify(body), body]))("accepts %s", (_name, body) => {
      expect(validator.validate(pointer, body)).toEqual([]);
    });
    it.each(rejects.map((body) => [JSON.stringify(body), body]))("rejects %s", (_name, body) => {
      expect(validator.validate(pointer, body)).not.toEqual([]);
    });
  });

  it("names the field at fault", () => {
    const violations = validator.validate(schema("UpdateUserRequest"), provider({ prescriber_number: "12345678901" }));
    expect(violations).toContainEqual(expect.objectContaining({ path: "/provider_details/prescriber_number", keyword: "maxLength" }));
  });
});
