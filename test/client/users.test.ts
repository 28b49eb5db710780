import { describe, expect, it } from "vitest";
import { createParchmentClient, PARCHMENT_SERVERS, ParchmentResponseError, VERSION } from "../../src/index.js";
import { testClient } from "../support/client.js";
import { BASE, ORG, ORG_SECRET, TOKEN, json, success, userFixture, type Handler } from "../support/fake-fetch.js";

const clientWith = (handler: Handler) => testClient(handler);

describe("users", () => {
  it("get() reads one user with both credentials", async () => {
    const { client, fetch } = clientWith(() => success(userFixture));
    await expect(client.users.get("usr_abc123def456")).resolves.toEqual(userFixture);
    const [request] = fetch.requests;
    expect(request!.method).toBe("GET");
    expect(request!.url).toBe(`${BASE}/v1/organizations/${ORG}/users/usr_abc123def456`);
    expect(request!.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    expect(request!.headers.get("x-organization-secret")).toBe(ORG_SECRET);
  });

  it("list() reads the paginated shape", async () => {
    const page = { users: [{ user_id: "usr_1", full_name: "A" }], pagination: { total: 7, limit: 1, lastKey: "k1" } };
    const { client, fetch } = clientWith(() => success(page));
    await expect(client.users.list({ limit: 1, lastKey: "k0" })).resolves.toEqual({ users: page.users, lastKey: "k1", total: 7 });
    expect(new URL(fetch.requests[0]!.url).search).toBe("?limit=1&lastKey=k0");
  });

  it("list() reads the plain-array shape as the only page", async () => {
    const users = [{ user_id: "usr_1", email: "a@example.com" }];
    const { client } = clientWith(() => success(users));
    await expect(client.users.list()).resolves.toEqual({ users, lastKey: null, total: 1 });
  });

  it("list() reads the envelope-level pagination shape, hasNext included", async () => {
    const users = [{ user_id: "usr_1" }, { user_id: "usr_2" }];
    const pagination = { count: 2, hasNext: true, limit: 2, offset: 0, lastKey: "eyJwayI6" };
    const { client } = clientWith(() => json(200, { success: true, statusCode: 200, data: users, pagination, requestId: "r" }));
    await expect(client.users.list({ limit: 2 })).resolves.toEqual({ users, lastKey: "eyJwayI6", hasNext: true });
  });

  it.each([
    ["a string", "yes"],
    ["a lastKey that is a number", { lastKey: 5 }],
    ["a hasNext that is a string", { hasNext: "true", lastKey: null }],
  ])("list() with envelope-level pagination of %s is a ParchmentResponseError", async (_name, pagination) => {
    const { client } = clientWith(() => json(200, { success: true, data: [{ user_id: "usr_1" }], pagination }));
    await expect(client.users.list()).rejects.toThrow(ParchmentResponseError);
  });

  it("sends User-Agent parchment-contract/<version>, with the caller's product appended when given", async () => {
    const plain = clientWith(() => success(userFixture));
    await plain.client.users.get("usr_1");
    expect(plain.fetch.requests[0]!.headers.get("user-agent")).toBe(`parchment-contract/${VERSION}`);
    const named = testClient(() => success(userFixture), { userAgent: "acme-clinic/2.1" });
    await named.client.users.get("usr_1");
    expect(named.fetch.requests[0]!.headers.get("user-agent")).toBe(`parchment-contract/${VERSION} acme-clinic/2.1`);
  });

  it("list() treats an absent lastKey as the last page and leaves out an absent total", async () => {
    const { client } = clientWith(() => success({ users: [], pagination: {} }));
    await expect(client.users.list()).resolves.toEqual({ users: [], lastKey: null });
  });

  it.each([
    ["an object without users", { pagination: {} }],
    ["users without pagination", { users: [] }],
    ["null", null],
    ["an array with a string in it", [{ user_id: "usr_1" }, "usr_2"]],
    ["users with a null in it", { users: [null], pagination: {} }],
  ])("list() of %s is a ParchmentResponseError naming the operation", async (_name, data) => {
    const { client } = clientWith(() => success(data));
    const error = await client.users.list().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ParchmentResponseError);
    expect((error as Error).message).toMatch(
      /^GET \/v1\/organizations\/\{organization_id\}\/users: 200 (list is neither an array of user objects nor \{ users, pagination \}|success envelope has null data)/,
    );
  });

  it("update() sends the body and returns the user id", async () => {
    const { client, fetch } = clientWith(() => success({ user_id: "usr_1" }));
    const body = { full_name: "Dr D Cameron", provider_details: { prescriber_type: "T" as const, qualifications: "BPod" } };
    await expect(client.users.update("usr_1", body)).resolves.toEqual({ user_id: "usr_1" });
    expect(fetch.requests[0]!.method).toBe("PUT");
    expect(fetch.requests[0]!.headers.get("content-type")).toBe("application/json");
    expect(fetch.bodies[0]).toEqual(body);
  });

  it("setRoles() replaces the roles", async () => {
    const { client, fetch } = clientWith(() => success({ user_id: "usr_1", access_roles: ["receptionist", "rx_reader"] }));
    await expect(client.users.setRoles("usr_1", ["receptionist", "rx_reader"])).resolves.toEqual({
      user_id: "usr_1",
      access_roles: ["receptionist", "rx_reader"],
    });
    expect(fetch.requests[0]!.url).toBe(`${BASE}/v1/organizations/${ORG}/users/usr_1/roles`);
    expect(fetch.bodies[0]).toEqual({ access_roles: ["receptionist", "rx_reader"] });
  });

  it("raw hands on the body's bytes as they came (nothing is decoded and encoded again on the way)", async () => {
    const bytes = new Uint8Array([0x7b, 0x22, 0x78, 0x22, 0x3a, 0xff, 0xfe, 0x7d]); // not valid UTF-8
    const { client } = clientWith(() => new Response(bytes, { headers: { "content-type": "application/json" } }));
    const { data } = await client.raw.GET("/v1/organizations/{organization_id}/users/{user_id}", {
      params: { path: { organization_id: ORG, user_id: "usr_1" } },
      parseAs: "arrayBuffer",
    });
    expect(new Uint8Array(data as ArrayBuffer)).toEqual(bytes);
  });

  it("raw returns openapi-fetch's { data, error, response } without throwing", async () => {
    const { client } = clientWith((_request, call) =>
      call === 1 ? success(userFixture) : new Response(JSON.stringify({ success: false }), { status: 404, headers: { "content-type": "application/json" } }),
    );
    const ok = await client.raw.GET("/v1/organizations/{organization_id}/users/{user_id}", {
      params: { path: { organization_id: ORG, user_id: "usr_abc123def456" } },
    });
    expect(ok.data?.data.user_id).toBe("usr_abc123def456");
    expect(ok.response.status).toBe(200);
    const missing = await client.raw.GET("/v1/organizations/{organization_id}/users/{user_id}", {
      params: { path: { organization_id: ORG, user_id: "usr_x" } },
    });
    expect(missing.error).toEqual({ success: false });
    expect(missing.response.status).toBe(404);
  });

  it("a raw middleware may replace the Request with its own, and the transport still sends it without following redirects", async () => {
    const { client, fetch } = clientWith(() => success(userFixture));
    client.raw.use({ onRequest: ({ request }) => new Request(request, { headers: { ...Object.fromEntries(request.headers), "x-trace": "t1" } }) });
    const ok = await client.raw.GET("/v1/organizations/{organization_id}/users/{user_id}", {
      params: { path: { organization_id: ORG, user_id: "usr_abc123def456" } },
    });
    expect(ok.data?.data.user_id).toBe("usr_abc123def456");
    const [request] = fetch.requests;
    expect(request!.headers.get("x-trace")).toBe("t1");
    expect(request!.redirect).toBe("manual");
  });

  it("a raw middleware applies to raw calls only: the client's methods are sent without it", async () => {
    const { client, fetch } = clientWith(() => success(userFixture));
    client.raw.use({ onRequest: ({ request }) => new Request(request, { headers: { ...Object.fromEntries(request.headers), "x-trace": "t1" } }) });
    await client.users.get("usr_abc123def456");
    await client.raw.GET("/v1/organizations/{organization_id}/users/{user_id}", { params: { path: { organization_id: ORG, user_id: "usr_abc123def456" } } });
    expect(fetch.requests.map((request) => request.headers.get("x-trace"))).toEqual([null, "t1"]);
  });

  it("a raw call's response is a platform Response whose body can still be read; a method's data is the same user", async () => {
    const { client } = clientWith(() => success(userFixture));
    const { response } = await client.raw.GET("/v1/organizations/{organization_id}/users/{user_id}", { params: { path: { organization_id: ORG, user_id: "usr_abc123def456" } } });
    expect(response).toBeInstanceOf(Response);
    expect(response.bodyUsed).toBe(true); // openapi-fetch parsed it
    const again = await client.raw.GET("/v1/organizations/{organization_id}/users/{user_id}", { params: { path: { organization_id: ORG, user_id: "usr_abc123def456" } }, parseAs: "stream" });
    expect(JSON.parse(await new Response(again.data as ReadableStream).text()).data.user_id).toBe("usr_abc123def456");
    expect((await client.users.get("usr_abc123def456")).user_id).toBe("usr_abc123def456");
  });

  it("defaults to the spec's sandbox server", async () => {
    const { client, fetch } = testClient(() => success(userFixture), { baseUrl: undefined });
    await client.users.get("usr_1");
    expect(fetch.requests[0]!.url.startsWith(`${PARCHMENT_SERVERS.sandbox}/v1/`)).toBe(true);
    expect(PARCHMENT_SERVERS.sandbox).toBe("https://api.sandbox.parchmenthealth.io/external");
  });

  it("calls a token function for each request", async () => {
    let n = 0;
    const { client, fetch } = testClient(() => success(userFixture), { token: () => `t${++n}` });
    await client.users.get("usr_1");
    await client.users.get("usr_1");
    expect(fetch.requests.map((request) => request.headers.get("authorization"))).toEqual(["Bearer t1", "Bearer t2"]);
  });

  it.each([
    ["organizationId", { organizationId: "" }],
    ["organizationSecret", { organizationSecret: undefined }],
    ["token", { token: "" }],
    ["baseUrl", { baseUrl: "not a url" }],
    ["baseUrl", { baseUrl: "ftp://example.com" }],
    ["timeoutMs", { timeoutMs: -1 }],
    // 0 and anything past 2^31-1 ms: Node would fire the deadline after 1 ms.
    ["timeoutMs", { timeoutMs: 0 }],
    ["timeoutMs", { timeoutMs: 3e9 }],
    ["retry.maxAttempts", { retry: { maxAttempts: 0 } }],
    ["retry.maxDelayMs", { retry: { maxDelayMs: 3e9 } }],
    ["retry.baseDelayMs", { retry: { baseDelayMs: -1 } }],
    ["retry.baseDelayMs", { retry: { baseDelayMs: Number.POSITIVE_INFINITY } }],
    ["fetch", { fetch: "nope" }],
  ])("rejects a bad %s option by name", (name, override) => {
    const options = { baseUrl: BASE, organizationId: ORG, organizationSecret: ORG_SECRET, token: TOKEN, ...override };
    expect(() => createParchmentClient(options as never)).toThrow(new RegExp(`^${name.replace(".", "\\.")} must`));
  });

  it("rejects an empty user id before sending anything", async () => {
    const { client, fetch } = clientWith(() => success(userFixture));
    await expect(client.users.get("")).rejects.toThrow("userId must be a non-empty string");
    expect(fetch.requests).toHaveLength(0);
  });
});
