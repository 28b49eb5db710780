// users.create, users.disable and users.enable: what each resolves to, every documented error
// as its class, and which failures a create is sent again after (a 429 only) - the last on
// real sockets, counting the requests the server saw.
import { afterEach, describe, expect, it } from "vitest";
import {
  ParchmentAuthenticationError,
  ParchmentBadRequestError,
  ParchmentConflictError,
  ParchmentNetworkError,
  ParchmentNotFoundError,
  ParchmentPermissionError,
  ParchmentRateLimitError,
  ParchmentResponseError,
  ParchmentServerError,
  ParchmentTimeoutError,
  ParchmentValidationError,
  createParchmentClient,
  type CreateUserRequest,
  type ParchmentClientOptions,
} from "../../src/index.js";
import { failure, testClient } from "../support/client.js";
import { BASE, ORG, ORG_SECRET, TOKEN, json, problem, type Handler } from "../support/fake-fetch.js";
import { closeAllServers, startServer } from "contract-kit/test-support";

afterEach(closeAllServers);

const CREATE = "POST /v1/organizations/{organization_id}/users";
/** The documented error statuses the three operations share, each with its class. */
const ERROR_CLASSES = [
  [400, ParchmentBadRequestError],
  [401, ParchmentAuthenticationError],
  [403, ParchmentPermissionError],
  [404, ParchmentNotFoundError],
  [429, ParchmentRateLimitError],
  [500, ParchmentServerError],
  [503, ParchmentServerError],
] as const;
const SAM: CreateUserRequest = { given_name: "Sam", family_name: "Nguyen", email: "sam.nguyen@example.com", partner_user_id: "PARTNER#USER_67890", access_roles: ["receptionist"] };

/** A success envelope with `status` and `fields` (data, message, code) as given. */
const answer = (status: number, fields: Record<string, unknown>) =>
  json(status, { success: true, statusCode: status, message: "User created successfully", timestamp: "2025-09-22T20:31:54.558Z", requestId: "req_create", ...fields });

const clientWith = (handler: Handler, options: Partial<ParchmentClientOptions> = {}) => testClient(handler, { retry: false, ...options });

describe("users.create", () => {
  it("posts the body to the organisation's users and reads a 201 in the id form", async () => {
    const { client, fetch } = clientWith(() => answer(201, { code: "USER_CREATED", data: { user_id: "usr_def456ghi789" } }));
    await expect(client.users.create(SAM)).resolves.toEqual({
      status: 201,
      userId: "usr_def456ghi789",
      data: { user_id: "usr_def456ghi789" },
      message: "User created successfully",
      code: "USER_CREATED",
    });
    const [request] = fetch.requests;
    expect(request!.method).toBe("POST");
    expect(request!.url).toBe(`${BASE}/v1/organizations/${ORG}/users`);
    expect(request!.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    expect(request!.headers.get("x-organization-secret")).toBe(ORG_SECRET);
    expect(request!.headers.get("content-type")).toBe("application/json");
    expect(fetch.bodies[0]).toEqual(SAM);
  });

  it("reads a 201 in the links form: the id is parchment_user_id", async () => {
    const data = { external_user_id: "PARTNER#USER_67890", parchment_user_id: "usr_abc123def456", url: "https://app.parchment.health/dashboard/users/usr_abc123def456" };
    const { client } = clientWith(() => answer(201, { data }));
    await expect(client.users.create(SAM)).resolves.toEqual({ status: 201, userId: "usr_abc123def456", data, message: "User created successfully", code: undefined });
  });

  it("reads a 202 (accepted with demographic conflicts), with data and without", async () => {
    const withData = clientWith(() => answer(202, { message: "User creation accepted; demographic conflicts found", code: "DEMOGRAPHIC_CONFLICT", data: { user_id: "usr_ghi789jkl012" } }));
    await expect(withData.client.users.create(SAM)).resolves.toEqual({
      status: 202,
      userId: "usr_ghi789jkl012",
      data: { user_id: "usr_ghi789jkl012" },
      message: "User creation accepted; demographic conflicts found",
      code: "DEMOGRAPHIC_CONFLICT",
    });
    const without = clientWith(() => answer(202, { message: "Accepted" }));
    await expect(without.client.users.create(SAM)).resolves.toEqual({ status: 202, userId: undefined, data: undefined, message: "Accepted", code: undefined });
  });

  it.each([
    ["a 201 without data", 201, {}, "201 success envelope has no data"],
    ["a 201 whose data names no user", 201, { data: { url: "https://app.parchment.health/x" } }, "201 created user has neither a user_id nor a parchment_user_id"],
    ["a 201 with an empty user_id", 201, { data: { user_id: "" } }, "201 created user has neither a user_id nor a parchment_user_id"],
    ["a 201 with a user_id that is a number beside a parchment_user_id", 201, { data: { user_id: 5, parchment_user_id: "usr_1" } }, "201 created user has a user_id that is not a non-empty string"],
    ["a 202 with null data", 202, { data: null }, "202 success envelope has null data"],
    ["a 200, which a create does not document", 200, { data: { user_id: "usr_1" } }, "200 is not a success a create documents (201 or 202)"],
  ])("%s is a ParchmentResponseError naming the operation", async (_name, status, fields, why) => {
    const { client } = clientWith(() => answer(status, fields));
    const error = await failure(client.users.create(SAM));
    expect(error).toBeInstanceOf(ParchmentResponseError);
    expect(error.message).toBe(`${CREATE}: ${why} (requestId req_create)`);
  });

  it("a 409 is a ParchmentConflictError with the code USER_ALREADY_EXISTS", async () => {
    const { client } = clientWith(() =>
      problem(
        409,
        { type: "https://parchment.health/errors/resource-conflict", title: "Resource conflict", detail: "User with this email already exists" },
        { code: "USER_ALREADY_EXISTS", requestId: "1-68d1b5b6-31fbc67e15cff9b13268e6f0" },
      ),
    );
    const error = await failure(client.users.create(SAM));
    expect(error).toBeInstanceOf(ParchmentConflictError);
    expect(error).toMatchObject({ status: 409, code: "USER_ALREADY_EXISTS", detail: "User with this email already exists", method: "POST", path: "/v1/organizations/{organization_id}/users" });
    expect(error.message).toBe(`${CREATE}: 409 Resource conflict: User with this email already exists (requestId 1-68d1b5b6-31fbc67e15cff9b13268e6f0)`);
  });

  it("a 422 is a ParchmentValidationError listing each field at fault", async () => {
    const validation = [
      { field: "hpii_number", message: "hpii_number is required for a user with the provider role", code: "VALIDATION_ERROR" },
      { field: "qualifications", message: "qualifications is required for a user with the provider role", code: "VALIDATION_ERROR" },
    ];
    const { client } = clientWith(() =>
      problem(422, { type: "https://parchment.health/errors/validation-error", title: "Validation failed", detail: "There were some problems with your input.", validation }, { code: "VALIDATION_ERROR" }),
    );
    const error = await failure(client.users.create({ ...SAM, access_roles: ["provider"] } as CreateUserRequest));
    expect(error).toBeInstanceOf(ParchmentValidationError);
    expect(error).toMatchObject({ status: 422, validation, code: "VALIDATION_ERROR" });
  });

  it.each(ERROR_CLASSES)("a %i is a %O", async (status, type) => {
    const { client, fetch } = clientWith(() => problem(status, { title: "Refused", detail: `status ${status}` }));
    const error = await failure(client.users.create(SAM));
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({ status, method: "POST", path: "/v1/organizations/{organization_id}/users" });
    expect(fetch.requests).toHaveLength(1);
  });
});

describe.each([
  ["disable", "User disabled successfully", "User is already disabled"],
  ["enable", "User enabled successfully", "User is already enabled"],
] as const)("users.%s", (name, changed, already) => {
  const path = `PUT /v1/organizations/{organization_id}/users/{user_id}/${name}`;
  const ok = (message: string) => json(200, { success: true, statusCode: 200, message, data: { user_id: "usr_abc123def456" }, timestamp: "2024-01-15T10:30:00.000Z", requestId: "req_status" });

  it("sends a PUT without a body and resolves with data, the same when the user was already so (idempotent)", async () => {
    const { client, fetch } = clientWith((_request, call) => ok(call === 1 ? changed : already));
    await expect(client.users[name]("usr_abc123def456")).resolves.toEqual({ user_id: "usr_abc123def456" });
    await expect(client.users[name]("usr_abc123def456")).resolves.toEqual({ user_id: "usr_abc123def456" });
    expect(fetch.requests.map((request) => `${request.method} ${request.url}`)).toEqual(
      Array(2).fill(`PUT ${BASE}/v1/organizations/${ORG}/users/usr_abc123def456/${name}`),
    );
    expect(fetch.bodies).toEqual([undefined, undefined]);
  });

  it.each(ERROR_CLASSES)("a %i is a %O naming the operation", async (status, type) => {
    const { client } = clientWith(() => problem(status, { title: "Refused", detail: `status ${status}` }));
    const error = await failure(client.users[name]("usr_abc123def456"));
    expect(error).toBeInstanceOf(type);
    expect(error.message).toMatch(new RegExp(`^${path.replace(/[{}/]/g, "\\$&")}: ${status} Refused: status ${status}`));
  });

  it("a user id that cannot be a path segment rejects before anything is sent", async () => {
    const { client, fetch } = clientWith(() => ok(changed));
    await expect(client.users[name]("..")).rejects.toThrow('userId must be other than "." or ".."');
    await expect(client.users[name]("")).rejects.toThrow(TypeError);
    expect(fetch.requests).toHaveLength(0);
  });

  it("is retried like every PUT: a 503 is sent again", async () => {
    const { client, fetch } = clientWith((_request, call) => (call === 1 ? problem(503, {}, {}, { "retry-after": "0" }) : ok(changed)), { retry: { maxAttempts: 3 } });
    await expect(client.users[name]("usr_abc123def456")).resolves.toEqual({ user_id: "usr_abc123def456" });
    expect(fetch.requests).toHaveLength(2);
  });
});

// On real sockets: how many times a create reached the server, with retries on.
describe("a create is sent again after a 429 only", () => {
  const created = JSON.stringify({ success: true, statusCode: 201, message: "User created successfully", data: { user_id: "usr_def456ghi789" }, timestamp: "2025-09-22T20:31:54.558Z", requestId: "req_c" });
  const clientFor = (url: string, timeoutMs = 30_000) =>
    createParchmentClient({ baseUrl: url, organizationId: ORG, organizationSecret: ORG_SECRET, token: TOKEN, timeoutMs, retry: { maxAttempts: 3, baseDelayMs: 1 } });
  const errorBody = (status: number) =>
    JSON.stringify({ success: false, statusCode: status, error: { type: "https://parchment.health/errors/x", title: "Failed", detail: `status ${status}` }, timestamp: "2025-09-22T20:31:54.558Z", requestId: `req_${status}` });

  it("a 429 with Retry-After is waited out and the create sent again, body and all", async () => {
    const server = await startServer((request, response) => {
      if (server.requests.length === 1) response.writeHead(429, { "content-type": "application/json", "retry-after": "1" }).end(errorBody(429));
      else response.writeHead(201, { "content-type": "application/json" }).end(created);
    });
    const started = Date.now();
    await expect(clientFor(server.url).users.create(SAM)).resolves.toMatchObject({ status: 201, userId: "usr_def456ghi789" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.requests.map((request) => [request.method, JSON.parse(request.body)])).toEqual([
      ["POST", SAM],
      ["POST", SAM],
    ]);
  });

  it("a POST through client.raw is never sent again, not even after a 429 (as the README says)", async () => {
    const server = await startServer((_request, response) => response.writeHead(429, { "content-type": "application/json", "retry-after": "0" }).end(errorBody(429)));
    const { response } = await clientFor(server.url).raw.POST("/v1/organizations/{organization_id}/users", { params: { path: { organization_id: ORG } }, body: SAM });
    expect(response.status).toBe(429);
    expect(server.requests).toHaveLength(1);
  });

  it.each([500, 502, 503, 504])("a %i fails at once: the user may exist", async (status) => {
    const server = await startServer((_request, response) => response.writeHead(status, { "content-type": "application/json", "retry-after": "0" }).end(errorBody(status)));
    const error = await failure(clientFor(server.url).users.create(SAM));
    expect(error).toBeInstanceOf(ParchmentServerError);
    expect(error).toMatchObject({ status });
    expect(server.requests).toHaveLength(1);
  });

  it("a timeout fails at once", async () => {
    const server = await startServer(() => {});
    const error = await failure(clientFor(server.url, 200).users.create(SAM));
    expect(error).toBeInstanceOf(ParchmentTimeoutError);
    expect(error.message).toBe(`${CREATE}: no complete response within 200 ms`);
    expect(server.requests).toHaveLength(1);
  });

  it("a reset before the answer fails at once", async () => {
    const server = await startServer((request) => request.socket.destroy());
    const error = await failure(clientFor(server.url).users.create(SAM));
    expect(error).toBeInstanceOf(ParchmentNetworkError);
    expect(server.requests).toHaveLength(1);
  });

  it("a reset in the middle of a 201's body fails at once", async () => {
    const server = await startServer((_request, response) => {
      response.writeHead(201, { "content-type": "application/json", "content-length": String(created.length) });
      response.write(created.slice(0, 20), () => response.socket?.destroy());
    });
    const error = await failure(clientFor(server.url).users.create(SAM));
    expect(error).toBeInstanceOf(ParchmentNetworkError);
    expect(error).not.toBeInstanceOf(ParchmentTimeoutError);
    expect(server.requests).toHaveLength(1);
  });

  it("a 409 (a duplicate email or partner_user_id) is not sent again", async () => {
    const server = await startServer((_request, response) => response.writeHead(409, { "content-type": "application/json" }).end(errorBody(409)));
    expect(await failure(clientFor(server.url).users.create(SAM))).toBeInstanceOf(ParchmentConflictError);
    expect(server.requests).toHaveLength(1);
  });
});
