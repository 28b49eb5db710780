// The client against Avara's reference server on a real socket: both operations, what null
// does, the errors of each status, what is sent (the key as a bearer token, the User-Agent).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AvaraApiError, AvaraError, createAvaraClient, type AvaraClient, VERSION } from "../../src/index.js";
import { startReferenceServer, type ReferenceServer } from "../../src/testing/index.js";
import { everyView } from "contract-kit/test-support";
import { failure } from "./support.js";

let server: ReferenceServer;
let client: AvaraClient;
beforeAll(async () => {
  server = await startReferenceServer();
  client = createAvaraClient({ apiKey: server.apiKey, baseUrl: server.baseUrl, retry: false });
});
afterAll(() => server.close());

const [RADIOLOGIST, ADMIN, OWNER, FRONT_DESK, TECHNOLOGIST] = ["usr_1234567890abcdef1234567890abcdef", "usr_a0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5", "usr_0123456789abcdef0123456789abcdef", "usr_0f1e2d3c4b5a69788796a5b4c3d2e1f0", "usr_fedcba9876543210fedcba9876543210"];

describe("users.get and users.update", () => {
  it("reads a user as the server holds it", async () => {
    const user = await client.users.get(RADIOLOGIST);
    expect(user).toEqual(server.readUser(RADIOLOGIST));
    expect(user.clinicRole).toBe("Radiologist");
    expect((await client.users.get(FRONT_DESK)).lastLoginAt).toBeNull();
  });

  it("updates only the fields sent and answers with the whole user", async () => {
    const before = server.readUser(TECHNOLOGIST)!;
    const after = await client.users.update(TECHNOLOGIST, { firstName: "Jo", clinicRole: "Laboratory Technician" });
    expect(after).toEqual({ ...before, firstName: "Jo", clinicRole: "Laboratory Technician" });
    expect(server.readUser(TECHNOLOGIST)).toEqual(after);
  });

  it("null clears an optional field: the user is answered without it", async () => {
    const after = await client.users.update(TECHNOLOGIST, { phoneNumber: null });
    expect(after).not.toHaveProperty("phoneNumber");
    expect(server.readUser(TECHNOLOGIST)).not.toHaveProperty("phoneNumber");
  });

  it("enabling reports uses the NPI already stored, and is refused (422) without one", async () => {
    const refused = await failure(client.users.update(TECHNOLOGIST, { canCreateReports: true }));
    expect(refused).toBeInstanceOf(AvaraApiError);
    expect(refused.status).toBe(422);
    expect(refused.message).toBe("PATCH /v1/autoScribe/users/{userId}: 422: an NPI number is required for a user who can create reports");
    expect((await client.users.update(TECHNOLOGIST, { npiNumber: "1234567893" })).npiNumber).toBe("1234567893");
    expect((await client.users.update(TECHNOLOGIST, { canCreateReports: true })).canCreateReports).toBe(true);
    // Clearing the NPI of a user who creates reports breaks the same rule.
    expect((await failure(client.users.update(TECHNOLOGIST, { npiNumber: null }))).status).toBe(422);
  });

  it("making a user an admin needs dashboard access, stored or sent", async () => {
    expect((await failure(client.users.update(FRONT_DESK, { level: "admin" }))).status).toBe(422);
    expect((await client.users.update(FRONT_DESK, { level: "admin", hasDashboardAccess: true })).level).toBe("admin");
    expect((await failure(client.users.update(ADMIN, { hasDashboardAccess: false }))).status).toBe(422);
    expect((await client.users.update(RADIOLOGIST, { level: "admin" })).level).toBe("admin"); // already has dashboard access
  });

  it("a body the schema refuses is a 400 and changes nothing", async () => {
    const before = server.readUser(OWNER);
    for (const body of [{ email: "new@hospital.org" }, { level: "owner" }, { npiNumber: "123" }, { firstName: "" }, { clinicRole: null }, { nickname: "Mo" }]) {
      const error = await failure(client.users.update(OWNER, body as never));
      expect(error).toBeInstanceOf(AvaraApiError);
      expect(error.status).toBe(400);
      expect(error.body).toMatchObject({ error: { type: "invalid_request_error" } });
    }
    expect(server.readUser(OWNER)).toEqual(before);
  });

  it("an unknown user is a 404 and a wrong key a 401, each an AvaraApiError with the body", async () => {
    const missing = await failure(client.users.get("usr_00000000000000000000000000000000"));
    expect(missing).toBeInstanceOf(AvaraApiError);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: { type: "not_found", message: "No such user" } });
    expect(missing.message).toBe("GET /v1/autoScribe/users/{userId}: 404: No such user");
    const other = createAvaraClient({ apiKey: "sk_live_not_this_server", baseUrl: server.baseUrl });
    const refused = await failure(other.users.get(RADIOLOGIST));
    expect(refused.status).toBe(401);
  });

  it("raw is the typed openapi-fetch client with the same key", async () => {
    const { data, response } = await client.raw.GET("/v1/autoScribe/users/{userId}", { params: { path: { userId: OWNER } } });
    expect(response.status).toBe(200);
    expect(data?.level).toBe("owner");
  });

  it("a bad argument rejects with a TypeError naming it, before any request", async () => {
    await expect(client.users.get("")).rejects.toThrow(new TypeError("userId must be a non-empty string"));
    await expect(client.users.get("..")).rejects.toThrow(TypeError);
    expect(() => createAvaraClient({ apiKey: "" })).toThrow(new TypeError("apiKey must be a non-empty string"));
    expect(() => createAvaraClient({ apiKey: "sk_live_with\nnewline_123" })).toThrow(/apiKey must be a string without control characters/);
    // One character longer than a header option takes, refused by its length, never echoed.
    const long = `sk_live_${"0123456789abcdef".repeat(1100)}`.slice(0, 16_385);
    const tooLong = (() => {
      try {
        createAvaraClient({ apiKey: long });
      } catch (error) {
        return error;
      }
    })();
    expect(tooLong).toEqual(new TypeError("apiKey must be at most 16384 characters (it is sent in a header)"));
    expect(everyView(tooLong)).not.toContain("0123456789ab");
    expect(() => createAvaraClient({ apiKey: long.slice(0, 16_384) })).not.toThrow();
    expect(() => createAvaraClient({ apiKey: "sk_live_1234567890", timeoutMs: -1 })).toThrow(/timeoutMs must be/);
    // Past what a timer holds (Node would fire the deadline after 1 ms), and a retry wait likewise.
    expect(() => createAvaraClient({ apiKey: "sk_live_1234567890", timeoutMs: 3e9 })).toThrow(new TypeError("timeoutMs must be a positive number no larger than 2147483647"));
    expect(() => createAvaraClient({ apiKey: "sk_live_1234567890", retry: { maxDelayMs: 3e9 } })).toThrow(/^retry\.maxDelayMs must be/);
    expect(() => createAvaraClient({ apiKey: "sk_live_1234567890", baseUrl: "https://user:sk_live_1234567890@api.avarasoftware.com" })).toThrow(new TypeError("baseUrl must be a URL without credentials (user:password@)"));
  });

  it("an error is an AvaraError, never a ParchmentError", async () => {
    const error = await failure(client.users.get("usr_00000000000000000000000000000001"));
    expect(error).toBeInstanceOf(AvaraError);
    expect(error.name).toBe("AvaraApiError");
  });
});

describe("what is sent", () => {
  it("the key as a bearer token, JSON, and the User-Agent avara-autoscribe-contract/<version> with the caller's product", async () => {
    const seen: Request[] = [];
    const spy = createAvaraClient({
      apiKey: server.apiKey,
      baseUrl: server.baseUrl,
      userAgent: "acme-radiology/2.1",
      fetch: (request) => {
        seen.push(request.clone());
        return fetch(request);
      },
    });
    await spy.users.update(OWNER, { phoneNumber: "5550001111" });
    expect(seen).toHaveLength(1);
    const [request] = seen;
    expect(request!.method).toBe("PATCH");
    expect(new URL(request!.url).pathname).toBe(`/v1/autoScribe/users/${OWNER}`);
    expect(request!.headers.get("authorization")).toBe(`Bearer ${server.apiKey}`);
    expect(request!.headers.get("content-type")).toBe("application/json");
    expect(request!.headers.get("user-agent")).toBe(`avara-autoscribe-contract/${VERSION} acme-radiology/2.1`);
    expect(await request!.json()).toEqual({ phoneNumber: "5550001111" });
  });

  it("the default server is Avara's, from the spec", async () => {
    const urls: string[] = [];
    const offline = createAvaraClient({ apiKey: "sk_live_1234567890", fetch: async (request) => (urls.push(request.url), Response.json(server.readUser(OWNER))) });
    await offline.users.get(OWNER);
    expect(urls).toEqual([`https://api.avarasoftware.com/v1/autoScribe/users/${OWNER}`]);
  });
});
