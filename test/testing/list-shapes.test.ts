// The reference server serves each documented list shape on request, every answer valid for
// the spec; it holds the rx_reader rule; and with a docs page it answers `/` with the docs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { specOperations, createSpecValidator } from "contract-kit/spec";
import { parchmentSpec } from "../../src/contract/parchment-spec.js";
import { startReferenceServer, type ListShape, type ReferenceServer } from "../../src/testing/index.js";
import { checkResponse, createShow } from "contract-kit/verify";
import { verify } from "../../src/verify/verify.js";

const validator = createSpecValidator(parchmentSpec);
const show = createShow((text) => text);

/** The contract's violations in a response ([] when it conforms). */
async function violations(operation: typeof listUsers, response: Response) {
  const answer = { status: response.status, contentType: response.headers.get("content-type"), text: await response.text() };
  return checkResponse(operation, answer, validator, show).violations;
}
const listUsers = specOperations(validator.document).get("listUsers")!;
const updateUserRoles = specOperations(validator.document).get("updateUserRoles")!;

const servers: ReferenceServer[] = [];
afterAll(() => Promise.all(servers.map((server) => server.close())));
async function start(options: Parameters<typeof startReferenceServer>[0] = {}) {
  const server = await startReferenceServer(options);
  servers.push(server);
  return server;
}

const headers = (server: ReferenceServer) => ({ authorization: `Bearer ${server.token}`, "x-organization-secret": server.organizationSecret });

/** One list call over HTTP: the body, after checking the response against the spec. */
async function listPage(server: ReferenceServer, query: Record<string, string>) {
  const url = new URL(`${server.baseUrl}/v1/organizations/${server.organizationId}/users`);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  const response = await fetch(url, { headers: headers(server) });
  expect(response.status).toBe(200);
  expect(await violations(listUsers, response.clone())).toEqual([]);
  return (await response.json()) as { data: unknown; pagination?: Record<string, unknown> };
}

type Summary = { user_id: string };

describe("list shapes", () => {
  let byShape: Record<ListShape, ReferenceServer>;
  beforeAll(async () => {
    byShape = { page: await start({ listShape: "page" }), envelope: await start({ listShape: "envelope" }), array: await start({ listShape: "array" }) };
  });

  it('"page" (the default): data is { users, pagination }, followed by data.pagination.lastKey', async () => {
    const ids: string[] = [];
    let lastKey: string | null = null;
    let pages = 0;
    do {
      const body = await listPage(byShape.page, lastKey ? { limit: "20", lastKey } : { limit: "20" });
      const data = body.data as { users: Summary[]; pagination: { total: number; limit: number; lastKey: string | null } };
      expect(body.pagination).toBeUndefined();
      expect(data.pagination).toMatchObject({ total: 45, limit: 20 });
      ids.push(...data.users.map((user) => user.user_id));
      lastKey = data.pagination.lastKey;
      pages++;
    } while (lastKey !== null && pages < 10);
    expect(pages).toBe(3);
    expect(new Set(ids).size).toBe(45);
  });

  it('"envelope": data is a plain array, pagination {count, hasNext, limit, offset, lastKey} beside it', async () => {
    // The same users in the same order as the default shape serves them.
    const expected: string[] = [];
    for (let lastKey: string | null = null, first = true; first || lastKey !== null; first = false) {
      const data = (await listPage(byShape.page, lastKey ? { limit: "100", lastKey } : { limit: "100" })).data as { users: Summary[]; pagination: { lastKey: string | null } };
      expected.push(...data.users.map((user) => user.user_id));
      lastKey = data.pagination.lastKey;
    }

    const ids: string[] = [];
    const seen: Record<string, unknown>[] = [];
    let lastKey: string | null = null;
    do {
      const body = await listPage(byShape.envelope, lastKey ? { limit: "20", lastKey } : { limit: "20" });
      expect(Array.isArray(body.data)).toBe(true);
      const pagination = body.pagination!;
      seen.push(pagination);
      expect(pagination.count).toBe((body.data as Summary[]).length);
      expect(pagination.offset).toBe(ids.length);
      expect(pagination.hasNext).toBe(pagination.lastKey !== null);
      ids.push(...(body.data as Summary[]).map((user) => user.user_id));
      lastKey = pagination.lastKey as string | null;
    } while (lastKey !== null && seen.length < 10);
    expect(seen.map(({ count, hasNext, offset }) => [count, hasNext, offset])).toEqual([
      [20, true, 0],
      [20, true, 20],
      [5, false, 40],
    ]);
    expect(ids).toEqual(expected);
  });

  it('"array": every user at once as { user_id, email }, no pagination anywhere', async () => {
    const body = await listPage(byShape.array, { limit: "20" });
    expect(body.pagination).toBeUndefined();
    const data = body.data as { user_id: string; email: string }[];
    expect(data).toHaveLength(45);
    expect(Object.keys(data[0]!).sort()).toEqual(["email", "user_id"]);
  });

  it.each(["page", "envelope", "array"] as const)("verify finds the %s shape within the contract", async (shape) => {
    const server = byShape[shape];
    const report = await verify({ baseUrl: server.baseUrl, organizationId: server.organizationId, organizationSecret: server.organizationSecret, token: server.token });
    expect(report.checks.filter((check) => check.outcome === "failed")).toEqual([]);
    expect(report.ok).toBe(true);
    // With pagination the cursor is followed, page after page; a plain array has none to follow.
    const followed = report.checks.filter((check) => /following lastKey/.test(check.name));
    if (shape === "array") expect(followed.map((check) => check.outcome)).toEqual(["skipped"]);
    else expect(followed.length > 1 && followed.every((check) => check.outcome === "passed")).toBe(true);
  });

  it("an envelope page of an organisation whose users fit on one page says hasNext false with a null lastKey", async () => {
    const small = await start({ listShape: "envelope", users: 3 });
    const body = await listPage(small, { limit: "20" });
    expect(body.pagination).toEqual({ count: 3, hasNext: false, limit: 20, offset: 0, lastKey: null });
  });
});

describe("rx_reader needs receptionist", () => {
  let server: ReferenceServer;
  beforeAll(async () => {
    server = await start();
  });

  const setRoles = async (roles: string[]) => {
    const response = await fetch(`${server.baseUrl}/v1/organizations/${server.organizationId}/users/${server.userId}/roles`, {
      method: "PUT",
      headers: { ...headers(server), "content-type": "application/json" },
      body: JSON.stringify({ access_roles: roles }),
    });
    expect(await violations(updateUserRoles, response.clone())).toEqual([]);
    return { status: response.status, body: (await response.json()) as { error?: { detail: string; validation?: { field: string }[] } } };
  };

  it("answers 400 naming the rule for rx_reader alone or without receptionist, and leaves the roles as they were", async () => {
    const before = server.readUser(server.userId)!.access_roles;
    for (const roles of [["rx_reader"], ["admin", "rx_reader"]]) {
      const { status, body } = await setRoles(roles);
      expect(status).toBe(400);
      expect(body.error?.detail).toBe("rx_reader needs to be combined with receptionist");
      expect(body.error?.validation?.map((issue) => issue.field)).toContain("access_roles");
    }
    expect(server.readUser(server.userId)!.access_roles).toEqual(before);
  });

  it("accepts rx_reader with receptionist", async () => {
    const { status } = await setRoles(["receptionist", "rx_reader"]);
    expect(status).toBe(200);
    expect(server.readUser(server.userId)!.access_roles).toEqual(["receptionist", "rx_reader"]);
  });

  it("still answers the general 400 for a role that cannot be assigned", async () => {
    const { status, body } = await setRoles(["owner"]);
    expect(status).toBe(400);
    expect(body.error?.detail).toBe("access_roles must be a non-empty array of valid roles");
  });
});

describe("the root with a docs page", () => {
  it("redirects / to /docs, which serves the page", async () => {
    const server = await start({ docsHtml: "<!doctype html><title>Parchment user-management API</title>" });
    const root = await fetch(`${server.baseUrl}/`, { redirect: "manual" });
    expect(root.status).toBe(302);
    expect(new URL(root.headers.get("location")!, server.baseUrl).pathname).toBe("/docs");
    const followed = await fetch(`${server.baseUrl}/`);
    expect(followed.status).toBe(200);
    expect(followed.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await followed.text()).toContain("<title>Parchment user-management API</title>");
  });

  it("without a docs page, / is a problem-details 404", async () => {
    const server = await start();
    const root = await fetch(`${server.baseUrl}/`, { redirect: "manual" });
    expect(root.status).toBe(404);
    expect(((await root.json()) as { success: boolean }).success).toBe(false);
  });
});
