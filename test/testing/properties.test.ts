// Property tests of the reference server's behaviour: what the schemas alone cannot state,
// checked by reading the server back over its own API. The oracle is written here, from the
// contract's words (partial updates, roles replaced whole, a cursor that visits every user
// once, a refused write changes nothing), never the validator the server itself uses.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createReferenceHandler, type ReferenceHandler } from "../../src/testing/index.js";
import type { User } from "../../src/types.js";

const origin = "http://reference.test";

function client(handler: ReferenceHandler) {
  const auth = { authorization: `Bearer ${handler.token}`, "x-organization-secret": handler.organizationSecret };
  const users = `${origin}/v1/organizations/${handler.organizationId}/users`;
  return {
    async get(userId: string): Promise<User> {
      const response = await handler.fetch(new Request(`${users}/${userId}`, { headers: auth }));
      expect(response.status).toBe(200);
      return (await response.json()).data;
    },
    async put(path: string, body: unknown): Promise<number> {
      const response = await handler.fetch(new Request(`${users}/${path}`, { method: "PUT", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify(body) }));
      await response.body?.cancel();
      return response.status;
    },
    async page(limit: number, lastKey?: string) {
      const query = new URLSearchParams({ limit: String(limit), ...(lastKey === undefined ? {} : { lastKey }) });
      const response = await handler.fetch(new Request(`${users}?${query}`, { headers: auth }));
      expect(response.status).toBe(200);
      return (await response.json()).data as { users: { user_id: string }[]; pagination: { total: number; lastKey: string | null } };
    },
    async ids(): Promise<string[]> {
      const all: string[] = [];
      for (let lastKey: string | undefined; ; ) {
        const page = await this.page(100, lastKey);
        all.push(...page.users.map((user) => user.user_id));
        if (page.pagination.lastKey === null) return all;
        lastKey = page.pagination.lastKey;
      }
    },
  };
}

const handler = createReferenceHandler();
const api = client(handler);
const everyone = await api.ids();
const prescribers: string[] = [];
const others: string[] = [];
for (const id of everyone) ((await api.get(id)).provider_details ? prescribers : others).push(id);

// Valid by construction, from the words of the spec (lengths, enums, the prescriber_type rule).
const name = fc.string({ minLength: 1, maxLength: 40 });
const shortText = (maxLength: number) => fc.string({ maxLength });
const date = fc.date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2020-12-31T00:00:00Z"), noInvalidDate: true }).map((value) => value.toISOString().slice(0, 10));
const providerDetails = fc
  .record(
    {
      given_name: name,
      family_name: name,
      date_of_birth: date,
      sex: fc.constantFrom("M", "F", "I", "N"),
      title: shortText(64),
      phone: shortText(20),
      provider_number: shortText(10),
      hpii_number: shortText(32),
      ahpra_number: shortText(32),
      hospital_provider_number: shortText(32),
      erx_entity_id: shortText(32),
      prescriber: fc.record({ prescriber_type: fc.constantFrom("M", "E", "U", "F", "D", "V", "T", "C"), qualifications: name, prescriber_number: shortText(10) }),
    },
    { requiredKeys: [] },
  )
  .map(({ prescriber, ...details }) => {
    if (!prescriber) return details;
    const { prescriber_number, ...rest } = prescriber;
    return { ...details, ...rest, ...(prescriber.prescriber_type === "T" ? {} : { prescriber_number }) };
  });
const updateBody = fc.record(
  { full_name: fc.string({ minLength: 1, maxLength: 256 }), provider_details: providerDetails, email: fc.constant("ignored@example.com"), access_roles: fc.constant(["owner"]) },
  { requiredKeys: [] },
);
const ASSIGNABLE = ["admin", "provider", "receptionist", "rx_reader", "rx_queue_manager"] as const;
// rx_reader is only ever given with receptionist, as the vendor requires.
const roleSet = fc.uniqueArray(fc.constantFrom(...ASSIGNABLE), { minLength: 1, maxLength: 5 }).filter((roles) => !roles.includes("rx_reader") || roles.includes("receptionist"));
const DETAIL_FIELDS = ["given_name", "family_name", "title", "date_of_birth", "sex"] as const;

describe("an update", () => {
  it("persists what was sent and leaves every other field alone", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...prescribers, ...others), updateBody, async (userId, body) => {
        const before = await api.get(userId);
        expect(await api.put(userId, body)).toBe(200);
        const expected = structuredClone(before);
        if (body.full_name !== undefined) expected.full_name = body.full_name;
        // Provider details merge field by field, and show (with the details they feed) only for prescribers.
        if (body.provider_details && before.provider_details) {
          expected.provider_details = { ...before.provider_details, ...body.provider_details } as User["provider_details"];
          for (const field of DETAIL_FIELDS) {
            if (field in body.provider_details) (expected.details as Record<string, unknown>)[field] = (body.provider_details as Record<string, unknown>)[field];
          }
        }
        expect(await api.get(userId)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});

describe("a roles update", () => {
  it("replaces the roles completely and touches nothing else", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...everyone), roleSet, async (userId, roles) => {
        const before = await api.get(userId);
        expect(await api.put(`${userId}/roles`, { access_roles: roles })).toBe(200);
        const after = await api.get(userId);
        expect([...after.access_roles].sort()).toEqual([...roles].sort());
        expect({ ...after, access_roles: [], details: null, provider_details: null }).toEqual({ ...before, access_roles: [], details: null, provider_details: null });
      }),
      { numRuns: 200 },
    );
  });
});

describe("following the cursor", () => {
  const sizes = [0, 1, 3, 20, 45, 101];
  const organisations = new Map(sizes.map((size) => [size, client(createReferenceHandler({ users: size }))]));

  it("visits every user exactly once, for any limit and organisation size", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...sizes), fc.integer({ min: 1, max: 100 }), async (size, limit) => {
        const org = organisations.get(size)!;
        const seen: string[] = [];
        let pages = 0;
        for (let lastKey: string | undefined; pages <= size + 1; ) {
          const page = await org.page(limit, lastKey);
          pages++;
          expect(page.users.length).toBeLessThanOrEqual(limit);
          expect(page.pagination.total).toBe(size);
          seen.push(...page.users.map((user) => user.user_id));
          if (page.pagination.lastKey === null) break;
          lastKey = page.pagination.lastKey;
        }
        expect(pages).toBe(Math.max(1, Math.ceil(size / limit)));
        expect(new Set(seen).size).toBe(seen.length);
        expect(seen).toHaveLength(size);
        for (const id of seen) expect((await org.get(id)).user_id).toBe(id);
      }),
      { numRuns: 150 },
    );
  });
});

describe("a refused write", () => {
  // Invalid by construction, each for a reason the spec states.
  const badUpdate = fc.oneof(
    fc.record({ full_name: fc.constantFrom("", "x".repeat(257), 42, null, ["a"]) }),
    fc.record({ full_name: name, fullname: name }),
    fc.record({ provider_details: fc.constantFrom({ prescriber_type: "M", prescriber_number: "1234567" }, { prescriber_type: "E", qualifications: "MBBS" }, { sex: "X" }, { date_of_birth: "02/10/1969" }, { given_name: "" }, { unknown: true }, "text", null) }),
    fc.constantFrom(null, [], "text", 42, true),
  );
  const badRoles = fc.oneof(
    fc.constant({ access_roles: [] }),
    fc.record({ access_roles: fc.array(fc.constantFrom("owner", "support", "member", "Admin", "", "superuser"), { minLength: 1, maxLength: 3 }) }),
    roleSet.map((roles) => ({ access_roles: [...roles, roles[0]] })),
    fc.record({ access_roles: fc.constantFrom("admin", null, 3, { admin: true }) }),
    roleSet.map((roles) => ({ access_roles: roles, extra: 1 })),
    fc.constantFrom({}, null, [], "admin"),
  );
  const anything = fc.jsonValue({ maxDepth: 4 });

  const unchanged = async (write: () => Promise<number>, userId: string, expectRefused: boolean) => {
    const before = await api.get(userId);
    const status = await write();
    expect(status).toBeLessThan(500);
    if (expectRefused) expect([400, 422]).toContain(status);
    if (status >= 400) expect(await api.get(userId)).toEqual(before);
  };

  it("of a user changes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...prescribers, ...others), badUpdate, (userId, body) => unchanged(() => api.put(userId, body), userId, true)),
      { numRuns: 200 },
    );
  });

  it("of roles changes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...everyone), badRoles, (userId, body) => unchanged(() => api.put(`${userId}/roles`, body), userId, true)),
      { numRuns: 200 },
    );
  });

  it("of any JSON is a 4xx that changes nothing, or a success (never a 5xx)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...prescribers), fc.constantFrom("", "/roles"), anything, (userId, path, body) => unchanged(() => api.put(`${userId}${path}`, body), userId, false)),
      { numRuns: 200 },
    );
  });
});
