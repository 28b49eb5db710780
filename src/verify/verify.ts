// `parchment-contract verify`: probes a server that claims to implement the contract and
// checks every response against openapi.yaml. The probes cannot harm a real account: reads,
// plus (only with allowWrites) changes that are put back straight away.
import { specOperations, type SpecOperation } from "../contract/operations.js";
import { createSpecValidator } from "../contract/spec-validator.js";
import { ASSIGNABLE_ROLES, type AssignableRole, type User, type UserSummary } from "../types.js";
import { checkResponse, show, type Violation } from "./check-response.js";

export interface VerifyOptions {
  baseUrl: string;
  organizationId: string;
  organizationSecret: string;
  token: string;
  /** The user to read (and with allowWrites, change and restore); else the first listed. */
  userId?: string;
  allowWrites?: boolean;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface CheckResult {
  name: string;
  operationId: string;
  method: string;
  path: string;
  status?: number;
  outcome: "passed" | "failed" | "skipped";
  violations: Violation[];
  note?: string;
}

export interface VerifyReport {
  ok: boolean;
  baseUrl: string;
  checks: CheckResult[];
}

const UNKNOWN_USER = "usr_parchment_contract_verify_unknown";

export async function verify(options: VerifyOptions): Promise<VerifyReport> {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const validator = createSpecValidator();
  const operations = specOperations(validator.document);
  const doFetch = options.fetch ?? fetch;
  const checks: CheckResult[] = [];
  const requestIds: string[] = [];
  const credentials = { authorization: `Bearer ${options.token}`, "x-organization-secret": options.organizationSecret };

  /** One request, checked against the contract and, when given, an expected status. */
  async function probe(
    name: string,
    operationId: string,
    request: { pathParams?: Record<string, string>; query?: Record<string, string>; body?: unknown; headers?: Record<string, string> },
    expect?: { status?: number | number[]; successful?: boolean },
  ): Promise<{ body: any; ok: boolean }> {
    const operation = operations.get(operationId) as SpecOperation;
    const result: CheckResult = { name, operationId, method: operation.method, path: operation.path, outcome: "passed", violations: [] };
    checks.push(result);
    const params = { organization_id: options.organizationId, ...request.pathParams };
    const path = operation.path.replace(/\{(\w+)\}/g, (_, key: string) => encodeURIComponent(params[key as keyof typeof params] ?? ""));
    const url = new URL(`${baseUrl}${path}`);
    for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
    let response: Response;
    try {
      response = await doFetch(url, {
        method: operation.method,
        headers: { accept: "application/json", ...(request.body === undefined ? {} : { "content-type": "application/json" }), ...(request.headers ?? credentials) },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
    } catch (error) {
      result.outcome = "failed";
      result.violations.push({ path: "(request)", expected: "a response", actual: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
      return { body: undefined, ok: false };
    }
    result.status = response.status;
    const copy = response.clone();
    result.violations.push(...(await checkResponse(operation, response, validator)));
    const expected = expect?.status === undefined ? [] : [expect.status].flat();
    if (expected.length > 0 && !expected.includes(response.status)) {
      result.violations.unshift({ path: "(status)", expected: expected.join(" or "), actual: String(response.status) });
    }
    if (expect?.successful && !response.ok) {
      result.violations.unshift({ path: "(status)", expected: "a 2xx success", actual: String(response.status) });
    }
    if (result.violations.length > 0) result.outcome = "failed";
    const body = await copy.json().catch(() => undefined);
    if (typeof body?.requestId === "string") requestIds.push(body.requestId);
    return { body, ok: result.outcome === "passed" && response.ok };
  }

  function skip(name: string, operationId: string, note: string) {
    const operation = operations.get(operationId) as SpecOperation;
    checks.push({ name, operationId, method: operation.method, path: operation.path, outcome: "skipped", violations: [], note });
  }

  // Reads.
  const first = await probe("list users", "listUsers", { query: { limit: "2" } }, { successful: true });
  const data = first.body?.data;
  if (Array.isArray(data?.users) && data.users.length > 2) {
    const check = checks.at(-1)!;
    check.outcome = "failed";
    check.violations.push({ path: "$.data.users", expected: "at most 2 users (limit=2)", actual: `${data.users.length} users` });
  }
  const listed: UserSummary[] = Array.isArray(data) ? data : Array.isArray(data?.users) ? data.users : [];
  const cursor = !Array.isArray(data) ? data?.pagination?.lastKey : null;
  if (first.ok && typeof cursor === "string") {
    await probe("list users, following lastKey", "listUsers", { query: { limit: "2", lastKey: cursor } }, { successful: true });
  } else {
    skip("list users, following lastKey", "listUsers", "the first page had no lastKey");
  }
  const userId = options.userId ?? listed[0]?.user_id;
  let user: User | undefined;
  if (userId) {
    const read = await probe("read a user", "getUser", { pathParams: { user_id: userId } }, { status: 200 });
    user = read.ok ? (read.body?.data as User) : undefined;
  } else {
    skip("read a user", "getUser", "no user id given and none listed");
  }
  await probe("read an unknown user (expects 404)", "getUser", { pathParams: { user_id: UNKNOWN_USER } }, { status: 404 });
  await probe("list users without credentials (expects 401)", "listUsers", { headers: {} }, { status: 401 });
  await probe("list users without the organisation secret (expects 401)", "listUsers", { headers: { authorization: credentials.authorization } }, { status: 401 });

  // Writes, each put back at once.
  if (!options.allowWrites) {
    for (const [name, operationId] of [["update a user and restore it", "updateUser"], ["set a user's roles to their current roles", "updateUserRoles"]] as const) {
      skip(name, operationId, "writes need --allow-writes");
    }
  } else if (!user) {
    skip("update a user and restore it", "updateUser", "no user could be read");
    skip("set a user's roles to their current roles", "updateUserRoles", "no user could be read");
  } else {
    const pathParams = { user_id: user.user_id };
    const changed = `${user.full_name} (verify)`.slice(0, 256);
    const update = await probe("update a user", "updateUser", { pathParams, body: { full_name: changed } }, { status: 200 });
    if (update.ok) {
      const reread = await probe("read the updated user", "getUser", { pathParams }, { status: 200 });
      const seen = reread.body?.data?.full_name;
      if (reread.ok && seen !== changed) {
        const last = checks.at(-1)!;
        last.outcome = "failed";
        last.violations.push({ path: "$.data.full_name", expected: show(changed), actual: show(seen) });
      }
      await probe("restore the user", "updateUser", { pathParams, body: { full_name: user.full_name } }, { status: 200 });
    }
    const roles = user.access_roles;
    if (roles.length > 0 && roles.every((role) => (ASSIGNABLE_ROLES as readonly string[]).includes(role))) {
      await probe("set a user's roles to their current roles", "updateUserRoles", { pathParams, body: { access_roles: roles as AssignableRole[] } }, { status: 200 });
    } else {
      skip("set a user's roles to their current roles", "updateUserRoles", `the user holds roles the API cannot assign (${roles.join(", ")}), so they could not be restored`);
    }
    // Parchment answers 400; the spec also documents 422 for a roles body that is not valid.
    await probe("set roles to an empty list (expects 400 or 422)", "updateUserRoles", { pathParams, body: { access_roles: [] } }, { status: [400, 422] });
  }

  // Every response names its own request.
  const repeated = [...new Set(requestIds.filter((id, index) => requestIds.indexOf(id) !== index))];
  checks.push({
    name: "every response carries its own requestId",
    operationId: "*",
    method: "",
    path: "",
    outcome: repeated.length > 0 ? "failed" : "passed",
    violations: repeated.map((id) => ({ path: "$.requestId", expected: "a fresh requestId per response", actual: `${show(id)} more than once` })),
  });

  return { ok: checks.every((check) => check.outcome !== "failed"), baseUrl, checks };
}
