// Create, disable and enable on the reference server (decisions 10 and 11): every documented
// answer, each checked against the spec's schema for its operation and status; the 201/202
// rule, 409 on a taken email or partner_user_id, ids in Parchment's form, the role effects,
// idempotency, and each operation's scopes with tokens from the server's own grant.
import { createSpecValidator, specOperations } from "contract-kit/spec";
import { describe, expect, it } from "vitest";
import { parchmentSpec } from "../../src/contract/parchment-spec.js";
import { createReferenceHandler, type ReferenceServerOptions } from "../../src/testing/index.js";

const validator = createSpecValidator(parchmentSpec);
const operations = specOperations(validator.document);
const origin = "http://reference.test";

interface Answer {
  status: number;
  body: { message?: string; code?: string; data?: Record<string, unknown>; error?: { type: string; detail: string; validation?: { field: string; message: string }[] } };
}

function setup(options: ReferenceServerOptions = {}) {
  const handler = createReferenceHandler(options);
  const users = `${origin}/v1/organizations/${handler.organizationId}/users`;
  const full = { authorization: `Bearer ${handler.token}`, "x-organization-secret": handler.organizationSecret };
  /** Sends, and checks the answer against the spec's response schema for that operation and status. */
  async function call(operationId: string, method: string, url: string, body?: unknown, headers: Record<string, string> = full): Promise<Answer> {
    const init: RequestInit = { method, headers: body === undefined ? headers : { ...headers, "content-type": "application/json" } };
    if (body !== undefined) init.body = typeof body === "string" ? body : JSON.stringify(body);
    const response = await handler.fetch(new Request(url, init));
    const json = await response.json();
    const pointer = operations.get(operationId)!.responses[String(response.status)];
    expect(pointer, `${operationId} documents ${response.status}`).toBeDefined();
    expect(validator.validate(pointer!, json)).toEqual([]);
    expect(json.statusCode).toBe(response.status);
    return { status: response.status, body: json };
  }
  const create = (body: unknown, headers?: Record<string, string>) => call("createUser", "POST", users, body, headers);
  const disable = (userId: string, headers?: Record<string, string>) => call("disableUser", "PUT", `${users}/${userId}/disable`, undefined, headers);
  const enable = (userId: string, headers?: Record<string, string>) => call("enableUser", "PUT", `${users}/${userId}/enable`, undefined, headers);
  /** Every user of the listing, as list users shows them. */
  async function listed() {
    const response = await handler.fetch(new Request(`${users}?limit=100`, { headers: full }));
    return ((await response.json()).data.users as { user_id: string; external_user_id?: string; access_roles: string[] }[]);
  }
  /** The headers of a token from POST /v1/token with these scopes. */
  async function withScopes(scope: string[]): Promise<Record<string, string>> {
    const response = await handler.fetch(
      new Request(`${origin}/v1/token`, {
        method: "POST",
        headers: {
          "content-type": "application/json", "x-partner-id": handler.partnerId, "x-partner-secret": handler.partnerSecret,
          "x-organization-id": handler.organizationId, "x-organization-secret": handler.organizationSecret, "x-user-id": handler.userId,
        },
        body: JSON.stringify({ grantType: "client_credentials", scope }),
      }),
    );
    const { data } = await response.json();
    expect(data.scope).toEqual(scope);
    return { authorization: `Bearer ${data.accessToken}`, "x-organization-secret": handler.organizationSecret };
  }
  return { handler, users, create, disable, enable, listed, withScopes, call };
}

const receptionist = { given_name: "Sam", family_name: "Nguyen", email: "sam.nguyen@example.com", partner_user_id: "PARTNER#USER_67890", access_roles: ["receptionist"] };
const prescriber = {
  given_name: "Priya", family_name: "Raman", email: "priya.raman@example.com", date_of_birth: "1984-03-14", sex: "F", access_roles: ["provider"],
  hpii_number: "8003614900031234", prescriber_type: "M", prescriber_number: "1234567", qualifications: "MBBS",
};
const idOf = (answer: Answer) => String(answer.body.data!.user_id ?? answer.body.data!.parchment_user_id);

describe("create", () => {
  it("201: the user exists, with an id in Parchment's form, the roles sent and partner_user_id as external_user_id", async () => {
    const { handler, create, listed } = setup();
    const answer = await create(receptionist);
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ message: "User created successfully", code: "USER_CREATED" });
    const id = idOf(answer);
    expect(id).toMatch(/^usr_[a-z0-9]{12}$/);
    expect(handler.readUser(id)).toMatchObject({ user_id: id, email: receptionist.email, full_name: "Sam Nguyen", access_roles: ["receptionist"], details: { given_name: "Sam", family_name: "Nguyen" } });
    expect(handler.isEnabled(id)).toBe(true);
    expect((await listed()).find((user) => user.user_id === id)).toEqual({ user_id: id, external_user_id: "PARTNER#USER_67890", full_name: "Sam Nguyen", access_roles: ["receptionist"] });
  });

  it("gives a user created without roles [member], and without partner_user_id no external_user_id", async () => {
    const { handler, create, listed } = setup();
    const id = idOf(await create({ given_name: "Tom", family_name: "Walker", email: "tom@example.com" }));
    expect(handler.readUser(id)?.access_roles).toEqual(["member"]);
    expect((await listed()).find((user) => user.user_id === id)).toEqual({ user_id: id, full_name: "Tom Walker", access_roles: ["member"] });
  });

  it("makes a prescriber's provider details from the fields sent, and a podiatrist needs no prescriber number", async () => {
    const { handler, create } = setup();
    const id = idOf(await create(prescriber));
    expect(handler.readUser(id)).toMatchObject({
      access_roles: ["provider"],
      details: { given_name: "Priya", family_name: "Raman", date_of_birth: "1984-03-14", sex: "F" },
      provider_details: { hpii_number: "8003614900031234", prescriber_type: "M", prescriber_number: "1234567", qualifications: "MBBS" },
    });
    const { prescriber_number: _, ...podiatrist } = { ...prescriber, email: "pod@example.com", given_name: "Pat", prescriber_type: "T", qualifications: "BPod" };
    expect((await create(podiatrist)).status).toBe(201);
  });

  it("answers data in the links form when told (createdUserShape: links)", async () => {
    const { handler, create } = setup({ createdUserShape: "links" });
    const answer = await create(receptionist);
    expect(answer.status).toBe(201);
    const id = String(answer.body.data!.parchment_user_id);
    expect(answer.body.data).toEqual({ parchment_user_id: id, external_user_id: "PARTNER#USER_67890", url: `https://app.parchment.health/dashboard/users/${id}` });
    expect(handler.readUser(id)?.email).toBe(receptionist.email);
  });

  it("makes a new id each time, never a seeded one", async () => {
    const { handler, create } = setup();
    const ids = new Set<string>();
    for (let i = 0; i < 30; i++) ids.add(idOf(await create({ given_name: "N", family_name: `F${i}`, email: `n${i}@example.com` })));
    expect(ids.size).toBe(30);
    expect(ids.has(handler.userId)).toBe(false);
  });

  it("202 when given name, family name and date of birth equal an existing user's (another email); the user is made all the same", async () => {
    const { handler, create } = setup();
    const known = handler.readUser(handler.userId)!;
    const same = { given_name: known.details.given_name, family_name: known.details.family_name, date_of_birth: known.details.date_of_birth!, email: "someone.else@example.com" };
    const answer = await create(same);
    expect(answer.status).toBe(202);
    expect(answer.body).toMatchObject({ message: "User creation accepted; demographic conflicts found", code: "DEMOGRAPHIC_CONFLICT" });
    expect(handler.readUser(idOf(answer))?.email).toBe("someone.else@example.com");
    // One of the three different: a plain 201.
    expect((await create({ ...same, email: "third@example.com", date_of_birth: "2001-01-01" })).status).toBe(201);
    expect((await create({ ...same, email: "fourth@example.com", given_name: "Other" })).status).toBe(201);
    const { date_of_birth: _, ...noBirthDate } = same;
    expect((await create({ ...noBirthDate, email: "fifth@example.com" })).status).toBe(201);
  });

  it("409 USER_ALREADY_EXISTS on a taken email (in any case) or partner_user_id, and nothing is made", async () => {
    const { create, listed } = setup();
    expect((await create(receptionist)).status).toBe(201);
    const count = (await listed()).length;
    for (const [body, detail] of [
      [{ ...receptionist, partner_user_id: "OTHER" }, "User with this email already exists"],
      [{ ...receptionist, partner_user_id: "OTHER", email: "SAM.Nguyen@Example.com" }, "User with this email already exists"],
      [{ ...receptionist, email: "another@example.com" }, "User with this partner_user_id already exists"],
      // A seeded user's email and partner id.
      [{ ...receptionist, email: "darlene.cameron.0@example.com", partner_user_id: "NEW" }, "User with this email already exists"],
      [{ ...receptionist, email: "new@example.com", partner_user_id: "PARTNER#USER_12345" }, "User with this partner_user_id already exists"],
    ] as const) {
      const answer = await create(body);
      expect(answer.status).toBe(409);
      expect(answer.body).toMatchObject({ code: "USER_ALREADY_EXISTS", error: { type: "https://parchment.health/errors/resource-conflict", detail } });
    }
    expect(await listed()).toHaveLength(count);
  });

  it("422 naming each missing or broken field in Parchment's words, and nothing is made", async () => {
    const { create, listed } = setup();
    const count = (await listed()).length;
    const fields = async (body: unknown) => {
      const answer = await create(body);
      expect(answer.status).toBe(422);
      return Object.fromEntries(answer.body.error!.validation!.map((issue) => [issue.field, issue.message]));
    };
    expect(await fields({})).toEqual({ given_name: "given_name is required", family_name: "family_name is required", email: "email is required" });
    expect(await fields({ ...receptionist, email: "not-an-email", given_name: "", nickname: "x" })).toEqual({
      email: "email must be a valid email",
      given_name: "given_name must not be empty",
      nickname: "nickname is not a field of this request",
    });
    expect(await fields({ ...receptionist, access_roles: ["owner"] })).toEqual({ access_roles: "access_roles must be a non-empty array of valid roles" });
    expect(await fields({ ...receptionist, access_roles: ["rx_reader"] })).toEqual({ access_roles: "rx_reader needs to be combined with receptionist" });
    const { hpii_number: _h, qualifications: _q, prescriber_number: _p, ...incomplete } = prescriber;
    expect(await fields(incomplete)).toEqual({
      hpii_number: "hpii_number is required for a user with the provider role",
      qualifications: "qualifications is required for a user with the provider role",
      prescriber_number: "prescriber_number is required for a user with the provider role unless prescriber_type is T",
    });
    expect(await fields([receptionist])).toEqual({ body: "body must be an object" });
    expect(await listed()).toHaveLength(count);
  });

  it("400 for a body that is not JSON", async () => {
    const { create, listed } = setup();
    const count = (await listed()).length;
    expect((await create('{"given_name": "Sam"')).status).toBe(400);
    expect(await listed()).toHaveLength(count);
  });
});

describe("disable and enable", () => {
  it("disable downgrades the roles to [member] and disables; a second disable answers 200, already disabled", async () => {
    const { handler, disable } = setup();
    expect(handler.readUser(handler.userId)?.access_roles).toEqual(["admin", "provider"]);
    const first = await disable(handler.userId);
    expect(first).toMatchObject({ status: 200, body: { message: "User disabled successfully", data: { user_id: handler.userId } } });
    expect(handler.readUser(handler.userId)?.access_roles).toEqual(["member"]);
    expect(handler.isEnabled(handler.userId)).toBe(false);
    const again = await disable(handler.userId);
    expect(again).toMatchObject({ status: 200, body: { message: "User is already disabled", data: { user_id: handler.userId } } });
    expect(handler.readUser(handler.userId)?.access_roles).toEqual(["member"]);
    expect(handler.isEnabled(handler.userId)).toBe(false);
  });

  it("enable lets the user in again with the roles kept at [member], not restored; enabling an enabled user answers 200, already enabled", async () => {
    const { handler, disable, enable } = setup();
    const untouched = await enable(handler.userId);
    expect(untouched).toMatchObject({ status: 200, body: { message: "User is already enabled", data: { user_id: handler.userId } } });
    expect(handler.readUser(handler.userId)?.access_roles).toEqual(["admin", "provider"]);
    await disable(handler.userId);
    const enabled = await enable(handler.userId);
    expect(enabled).toMatchObject({ status: 200, body: { message: "User enabled successfully", data: { user_id: handler.userId } } });
    expect(handler.isEnabled(handler.userId)).toBe(true);
    expect(handler.readUser(handler.userId)?.access_roles).toEqual(["member"]);
    expect((await enable(handler.userId)).body.message).toBe("User is already enabled");
  });

  it("work on a user just created", async () => {
    const { handler, create, disable, enable } = setup();
    const id = idOf(await create(receptionist));
    expect((await disable(id)).status).toBe(200);
    expect(handler.isEnabled(id)).toBe(false);
    expect((await enable(id)).status).toBe(200);
    expect(handler.readUser(id)?.access_roles).toEqual(["member"]);
  });

  it("404 for an unknown user, and nothing changes", async () => {
    const { handler, disable, enable } = setup();
    for (const answer of [await disable("usr_nobody00000"), await enable("usr_nobody00000")]) {
      expect(answer.status).toBe(404);
      expect(answer.body.error?.type).toBe("https://parchment.health/errors/user-not-found");
    }
    expect(handler.readUser("usr_nobody00000")).toBeUndefined();
  });
});

describe("credentials and scopes", () => {
  it("401 without a token or with a wrong organisation secret, on all three, and nothing changes", async () => {
    const { handler, create, disable, enable, listed } = setup();
    const count = (await listed()).length;
    for (const headers of [{}, { authorization: `Bearer ${handler.token}`, "x-organization-secret": "os_wrong" }] as Record<string, string>[]) {
      expect((await create(receptionist, headers)).status).toBe(401);
      expect((await disable(handler.userId, headers)).status).toBe(401);
      expect((await enable(handler.userId, headers)).status).toBe(401);
    }
    expect(await listed()).toHaveLength(count);
    expect(handler.isEnabled(handler.userId)).toBe(true);
  });

  it("create needs create:user: a token the grant gave it creates, one without it gets a 403", async () => {
    const { create, withScopes } = setup();
    const refused = await create(receptionist, await withScopes(["read:user", "read:users", "update:user", "delete:user"]));
    expect(refused.status).toBe(403);
    expect(refused.body.error?.detail).toBe("Insufficient permissions - missing create:user scope");
    expect((await create(receptionist, await withScopes(["create:user"]))).status).toBe(201);
  });

  it("disable takes update:user or delete:user; enable takes update:user only", async () => {
    const { handler, disable, enable, withScopes } = setup();
    const readOnly = await withScopes(["read:user", "create:user"]);
    const refused = await disable(handler.userId, readOnly);
    expect(refused.status).toBe(403);
    expect(refused.body.error?.detail).toBe("Insufficient permissions - missing update:user or delete:user scope");
    expect(handler.isEnabled(handler.userId)).toBe(true);
    const deleteOnly = await withScopes(["delete:user"]);
    expect((await disable(handler.userId, deleteOnly)).status).toBe(200);
    expect(handler.isEnabled(handler.userId)).toBe(false);
    expect((await enable(handler.userId, deleteOnly)).status).toBe(403);
    expect(handler.isEnabled(handler.userId)).toBe(false);
    const updateOnly = await withScopes(["update:user"]);
    expect((await enable(handler.userId, updateOnly)).status).toBe(200);
    expect((await disable(handler.userId, updateOnly)).status).toBe(200);
  });

  it("404 for another organisation, 400 for an organisation id that is not a UUID", async () => {
    const { handler, call } = setup();
    const other = `${origin}/v1/organizations/00000000-0000-4000-8000-000000000000/users`;
    expect((await call("createUser", "POST", other, receptionist)).status).toBe(404);
    expect((await call("disableUser", "PUT", `${other}/${handler.userId}/disable`)).status).toBe(404);
    expect((await call("enableUser", "PUT", `${origin}/v1/organizations/not-a-uuid/users/${handler.userId}/enable`)).status).toBe(400);
    expect(handler.isEnabled(handler.userId)).toBe(true);
  });
});

describe("faults", () => {
  it("failNext answers the new routes too, and the create it answered made nothing", async () => {
    const { handler, create, disable, listed } = setup();
    const count = (await listed()).length;
    handler.failNext({ status: 503, times: 2 });
    expect((await create(receptionist)).status).toBe(503);
    expect((await disable(handler.userId)).status).toBe(503);
    expect(await listed()).toHaveLength(count);
    expect(handler.isEnabled(handler.userId)).toBe(true);
    handler.failNext({ status: 429 });
    expect((await create(receptionist)).status).toBe(429);
    expect((await create(receptionist)).status).toBe(201);
  });
});
