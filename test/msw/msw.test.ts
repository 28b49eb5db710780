// parchment-contract/msw in Node: MSW's setupServer with the reference handler's handlers, and
// the real client against its default base URL (the sandbox), no port and no socket.
import { listenWithMocks } from "contract-kit/test-support/msw";
import { describe, expect, it } from "vitest";
import { createParchmentClient, createTokenProvider, ParchmentAuthenticationError, ParchmentPermissionError, ParchmentServerError } from "../../src/index.js";
import { createParchmentHandlers } from "../../src/msw.js";
import { failure } from "contract-kit/test-support";
import { PARCHMENT_SERVERS } from "../../src/types.js";

const mock = createParchmentHandlers();
const server = listenWithMocks(mock);

const client = () => createParchmentClient({ organizationId: mock.organizationId, organizationSecret: mock.organizationSecret, token: mock.token, retry: false });

describe("createParchmentHandlers with setupServer", () => {
  it("answers every operation on the sandbox URL, statefully", async () => {
    const page = await client().users.list({ limit: 5 });
    expect(page.users).toHaveLength(5);
    const user = await client().users.get(mock.userId);
    expect(user.user_id).toBe(mock.userId);
    await client().users.update(mock.userId, { full_name: "Dr Ada Lovelace" });
    expect(mock.readUser(mock.userId)?.full_name).toBe("Dr Ada Lovelace");
    expect((await client().users.get(mock.userId)).full_name).toBe("Dr Ada Lovelace");
  });

  it("reset() goes back to the seeded state, and the same credentials still work", async () => {
    const before = (await client().users.get(mock.userId)).full_name;
    await client().users.update(mock.userId, { full_name: "Someone Else" });
    mock.reset();
    expect((await client().users.get(mock.userId)).full_name).toBe(before);
  });

  it("is as strict as the reference server: a wrong secret is a 401, a token without the scope a 403", async () => {
    const wrong = createParchmentClient({ organizationId: mock.organizationId, organizationSecret: "os_wrong", token: mock.token, retry: false });
    expect(await failure(wrong.users.get(mock.userId))).toBeInstanceOf(ParchmentAuthenticationError);
    // A token the mock issued, over the mocked /v1/token, with read:user only.
    const token = createTokenProvider({ partnerId: mock.partnerId, partnerSecret: mock.partnerSecret, organizationId: mock.organizationId, organizationSecret: mock.organizationSecret, userId: mock.userId, scopes: ["read:user"] });
    const narrow = createParchmentClient({ organizationId: mock.organizationId, organizationSecret: mock.organizationSecret, token, retry: false });
    expect((await narrow.users.get(mock.userId)).user_id).toBe(mock.userId);
    expect(await failure(narrow.users.update(mock.userId, { full_name: "X" }))).toBeInstanceOf(ParchmentPermissionError);
  });

  it("failNext makes the next answer a fault", async () => {
    mock.failNext({ status: 503 });
    expect(await failure(client().users.get(mock.userId))).toBeInstanceOf(ParchmentServerError);
    expect((await client().users.get(mock.userId)).user_id).toBe(mock.userId);
  });

  it("serves another base URL when told", async () => {
    const other = createParchmentHandlers({ baseUrl: "https://parchment.test/api" });
    server.use(...other.handlers);
    const user = await createParchmentClient({ baseUrl: "https://parchment.test/api", organizationId: other.organizationId, organizationSecret: other.organizationSecret, token: other.token }).users.get(other.userId);
    expect(user.user_id).toBe(other.userId);
  });
});

describe("create, disable and enable through setupServer (plain fetch on the sandbox URL)", () => {
  const users = () => `${PARCHMENT_SERVERS.sandbox}/v1/organizations/${mock.organizationId}/users`;
  const headers = () => ({ authorization: `Bearer ${mock.token}`, "x-organization-secret": mock.organizationSecret, "content-type": "application/json" });
  const sam = { given_name: "Sam", family_name: "Nguyen", email: "sam.nguyen@example.com", partner_user_id: "PARTNER#USER_67890" };

  it("come through the same reference handler, statefully, until reset()", async () => {
    const created = await fetch(users(), { method: "POST", headers: headers(), body: JSON.stringify(sam) });
    expect(created.status).toBe(201);
    const userId = ((await created.json()) as { data: { user_id: string } }).data.user_id;
    expect(userId).toMatch(/^usr_[a-z0-9]{12}$/);
    expect(mock.readUser(userId)?.access_roles).toEqual(["member"]);
    const again = await fetch(users(), { method: "POST", headers: headers(), body: JSON.stringify(sam) });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: "USER_ALREADY_EXISTS" });
    const disabled = await fetch(`${users()}/${userId}/disable`, { method: "PUT", headers: headers() });
    expect(disabled.status).toBe(200);
    expect(mock.isEnabled(userId)).toBe(false);
    const enabled = await fetch(`${users()}/${userId}/enable`, { method: "PUT", headers: headers() });
    expect(await enabled.json()).toMatchObject({ statusCode: 200, message: "User enabled successfully", data: { user_id: userId } });
    expect(mock.isEnabled(userId)).toBe(true);
    mock.reset();
    expect(mock.readUser(userId)).toBeUndefined();
  });

  it("refuse a token without the scope, as the reference server does", async () => {
    const token = createTokenProvider({ partnerId: mock.partnerId, partnerSecret: mock.partnerSecret, organizationId: mock.organizationId, organizationSecret: mock.organizationSecret, userId: mock.userId, scopes: ["read:user"] });
    const narrow = { ...headers(), authorization: `Bearer ${await token()}` };
    expect((await fetch(users(), { method: "POST", headers: narrow, body: JSON.stringify(sam) })).status).toBe(403);
    expect((await fetch(`${users()}/${mock.userId}/disable`, { method: "PUT", headers: narrow })).status).toBe(403);
    expect(mock.isEnabled(mock.userId)).toBe(true);
  });

  it("override answers createUser with a 202 (no data) and disableUser with its already-disabled answer, each checked against the contract", async () => {
    const envelope = { success: true as const, timestamp: "2024-01-15T10:30:00.000Z", requestId: "req_1705312200000_abc123" };
    server.use(mock.override("createUser", 202, { ...envelope, statusCode: 202, message: "User creation accepted; demographic conflicts found", code: "DEMOGRAPHIC_CONFLICT" }, { once: true }));
    const accepted = await fetch(users(), { method: "POST", headers: headers(), body: JSON.stringify(sam) });
    expect(accepted.status).toBe(202);
    expect(await accepted.json()).not.toHaveProperty("data");
    // Overridden once: the next create reaches the reference handler, which had made nothing.
    expect((await fetch(users(), { method: "POST", headers: headers(), body: JSON.stringify(sam) })).status).toBe(201);
    server.use(mock.override("disableUser", 200, { ...envelope, statusCode: 200, message: "User is already disabled", data: { user_id: mock.userId } }, { once: true }));
    const disabled = await fetch(`${users()}/${mock.userId}/disable`, { method: "PUT", headers: headers() });
    expect(await disabled.json()).toMatchObject({ message: "User is already disabled" });
    expect(mock.isEnabled(mock.userId)).toBe(true);
    expect(() => mock.override("createUser", 201, { ...envelope, statusCode: 201, message: "OK", data: { user_id: 42 } } as never)).toThrow(/^override createUser 201: the body does not match the contract: \/data/);
    expect(() => mock.override("enableUser", 409 as never, {} as never)).toThrow(/^override enableUser: the contract documents no 409 response/);
    mock.reset();
  });
});

describe("override", () => {
  it("answers one operation with the body given, once if asked", async () => {
    const user = mock.readUser(mock.userId)!;
    const body = { success: true as const, statusCode: 200, message: "OK", timestamp: "2024-01-15T10:30:00.000Z", requestId: "req_1705312200000_abc123", data: { ...user, full_name: "Dr Override" } };
    server.use(mock.override("getUser", 200, body, { once: true }));
    expect((await client().users.get(mock.userId)).full_name).toBe("Dr Override");
    expect((await client().users.get(mock.userId)).full_name).toBe(user.full_name);
  });

  it("fails, naming the JSON pointer, when the body drifts from the contract", () => {
    const user = mock.readUser(mock.userId)!;
    const body = { success: true as const, statusCode: 200, message: "OK", timestamp: "2024-01-15T10:30:00.000Z", requestId: "req_1705312200000_abc123", data: { ...user, email: "not-an-email" } };
    expect(() => mock.override("getUser", 200, body)).toThrow(/^override getUser 200: the body does not match the contract: \/data\/email must match format "email"/);
    // A body cast past the types is caught at run time all the same.
    expect(() => mock.override("getUser", 200, { ...body, data: { ...user, access_roles: [42] } } as never)).toThrow(/\/data\/access_roles\/0 must be string/);
  });

  it("refuses an operation or a status the contract does not have", () => {
    expect(() => mock.override("deleteUser" as never, 200 as never, {} as never)).toThrow(/^override: no operation "deleteUser" in the contract \(known: createToken, listUsers, createUser, getUser, updateUser, updateUserRoles, disableUser, enableUser\)$/);
    expect(() => mock.override("getUser", 418 as never, {} as never)).toThrow(/^override getUser: the contract documents no 418 response/);
  });
});
