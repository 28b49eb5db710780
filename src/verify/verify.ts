// `parchment-contract verify`: probes a server that claims to implement the contract and
// checks every response against openapi.yaml. The probes cannot harm a real account: reads,
// plus (only with allowWrites) changes that are put back straight away. The server may be
// broken or hostile: every answer is read under a deadline and a size cap (exchange.ts), and
// the credentials are redacted from everything the report holds.
import { specOperations, createSpecValidator } from "contract-kit/spec";
import { parchmentSpec } from "../contract/parchment-spec.js";
import { baseUrlOption, createRedactor, isObject } from "contract-kit/http";
import { ASSIGNABLE_ROLES, type AssignableRole, type User } from "../types.js";
import { createShow, type ExchangeOptions, createProber, redactReport, type CheckResult, type VerifyReport } from "contract-kit/verify";
import { readListPage } from "./list-page.js";

export type { CheckResult, VerifyReport } from "contract-kit/verify";

export interface VerifyOptions {
  /** http(s), without credentials in it. */
  baseUrl: string;
  organizationId: string;
  organizationSecret: string;
  token: string;
  /** The user to read (and with allowWrites, change and restore); else the first listed. */
  userId?: string;
  allowWrites?: boolean;
  /** Per request, for the headers and the whole body. Default 15 000. */
  timeoutMs?: number;
  /** List pages to read by following the cursor. Default 5. */
  maxPages?: number;
  /** The largest body read. Default 4 MiB. */
  maxBodyBytes?: number;
  /** The longest Retry-After waited before the one retry of a 429 or 503. Default 10 000. */
  maxRetryAfterMs?: number;
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

const UNKNOWN_USER = "usr_parchment_contract_verify_unknown";
const PAGE_SIZE = 2;
const FOLLOW = "list users, following lastKey";
const HINT_401 =
  "a 401 means the credentials were refused: check the token (current, not expired, carrying this operation's scope) and the organisation secret (sent as x-organization-secret, for this organisation)";

/** Checks the options, naming the one at fault and never its value. */
function checkOptions(options: VerifyOptions): URL {
  const fail = (message: string) => {
    throw new TypeError(message);
  };
  // The client's check: absolute http(s), no user:password (printed and sent wherever it leads), no query.
  const url = new URL(baseUrlOption(options.baseUrl));
  for (const name of ["organizationId", "organizationSecret", "token"] as const) {
    if (typeof options[name] !== "string" || !options[name].trim()) fail(`${name} must be a non-empty string`);
  }
  if (options.userId !== undefined && (typeof options.userId !== "string" || !options.userId)) fail("userId must be a non-empty string");
  for (const name of ["timeoutMs", "maxBodyBytes", "maxRetryAfterMs"] as const) {
    const value = options[name];
    if (value !== undefined && !(typeof value === "number" && value >= 0 && value < Infinity)) fail(`${name} must be a non-negative number`);
  }
  if (options.maxPages !== undefined && !(Number.isInteger(options.maxPages) && options.maxPages >= 1)) fail("maxPages must be a positive integer");
  return url;
}

export async function verify(options: VerifyOptions): Promise<VerifyReport> {
  const base = checkOptions(options);
  const baseUrl = base.href.replace(/\/+$/, "");
  const redactor = createRedactor([options.token, options.organizationSecret]);
  const redact = (text: string) => redactor.redact(text);
  const show = createShow(redact);
  const validator = createSpecValidator(parchmentSpec);
  const operations = specOperations(validator.document);
  const transport: ExchangeOptions = {
    fetch: options.fetch ?? fetch,
    timeoutMs: options.timeoutMs ?? 15_000,
    maxBodyBytes: options.maxBodyBytes ?? 4 * 1024 * 1024,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 10_000,
    signal: options.signal,
  };
  const requestIds: string[] = [];
  const credentials = { authorization: `Bearer ${options.token}`, "x-organization-secret": options.organizationSecret };
  const { checks, fail, skip, probe: probeOnce } = createProber({
    baseUrl,
    operations,
    validator,
    show,
    transport,
    credentials,
    pathParams: { organization_id: options.organizationId },
    problemOf(body: any) {
      const problem = isObject(body?.error) ? body.error : undefined;
      return [problem?.title, problem?.detail].filter((part) => typeof part === "string" && part).join(": ") || undefined;
    },
    hint401: HINT_401,
  });
  /** A probe whose body's requestId is collected for the check that each response has its own. */
  const probe: typeof probeOnce = async (...args) => {
    const probed = await probeOnce(...args);
    if (typeof probed.body?.requestId === "string") requestIds.push(probed.body.requestId);
    return probed;
  };

  // Reads: the list, following the cursor up to maxPages.
  const listed: string[] = [];
  let listFailed = false;
  {
    const maxPages = options.maxPages ?? 5;
    const seenCursors = new Map<string, number>();
    const seenUsers = new Map<string, number>();
    let previous: string[] | undefined;
    let cursor: string | undefined;
    for (let page = 1; page <= maxPages; page++) {
      const name = page === 1 ? `list users (limit=${PAGE_SIZE})` : `list users, page ${page} (following lastKey)`;
      const query: Record<string, string> = { limit: String(PAGE_SIZE), ...(cursor === undefined ? {} : { lastKey: cursor }) };
      const listing = await probe(name, "listUsers", { query }, { successful: true });
      const { check } = listing;
      // A 2xx page with violations still names users to read; its cursor is not followed.
      if (!listing.answered || check.status! < 200 || check.status! > 299) {
        listFailed = page === 1;
        if (page === 1) skip(FOLLOW, "listUsers", "the first page failed");
        break;
      }
      const shape = readListPage(listing.body);
      const ids = shape.users;
      if (shape.paginated && ids.length > PAGE_SIZE) {
        fail(check, { path: shape.usersPath, expected: `at most ${PAGE_SIZE} users (limit=${PAGE_SIZE})`, actual: `${ids.length} users` });
      }
      if (previous && ids.length > 0 && ids.join("\n") === previous.join("\n")) {
        fail(check, { path: shape.usersPath, expected: "the page after the lastKey sent", actual: `the same users as page ${page - 1} (the cursor was ignored)` });
      } else {
        const again = ids.filter((id) => seenUsers.has(id));
        if (again.length > 0) {
          fail(check, { path: shape.usersPath, expected: "each user on one page only", actual: `${show.value(again[0])} again (first on page ${seenUsers.get(again[0]!)})${again.length > 1 ? ` and ${again.length - 1} more` : ""}` });
        }
      }
      for (const id of ids) if (!seenUsers.has(id)) seenUsers.set(id, page);
      listed.push(...ids);
      previous = ids;
      if (shape.hasNext === true && shape.cursor === undefined) {
        fail(check, { path: shape.cursorPath, expected: "a lastKey, since hasNext is true", actual: show.value(shape.rawCursor) });
      }
      if (shape.cursor !== undefined && seenCursors.has(shape.cursor)) {
        fail(check, { path: shape.cursorPath, expected: "a new lastKey", actual: `the lastKey of page ${seenCursors.get(shape.cursor)} again` });
      }
      if (check.outcome === "failed") {
        if (page === 1) skip(FOLLOW, "listUsers", "the first page failed");
        break;
      }
      if (shape.cursor === undefined) {
        if (page === 1) skip(FOLLOW, "listUsers", shape.paginated ? "the first page was the last (no lastKey)" : "the list came as a plain array, without pagination");
        break;
      }
      seenCursors.set(shape.cursor, page);
      cursor = shape.cursor;
      if (page === maxPages) check.note = `more pages remain; stopped at maxPages = ${maxPages}`;
    }
  }

  // A user: the one asked for, else the first listed.
  const userId = options.userId ?? listed[0];
  let user: User | undefined;
  if (userId) {
    const read = await probe("read a user", "getUser", { pathParams: { user_id: userId } }, { status: 200 });
    const data = read.body?.data;
    if (read.ok && data?.user_id !== userId) {
      fail(read.check, { path: "$.data.user_id", expected: `the user asked for, ${show.value(userId)}`, actual: show.value(data?.user_id) });
    }
    user = read.check.outcome === "passed" ? (data as User) : undefined;
  } else {
    skip("read a user", "getUser", listFailed ? "listing users failed and no user id was given" : "no user id was given and none was listed");
  }
  await probe("read an unknown user (expects 404)", "getUser", { pathParams: { user_id: UNKNOWN_USER } }, { status: 404 });
  await probe("list users without credentials (expects 401)", "listUsers", { headers: {} }, { status: 401 });
  await probe("list users without the organisation secret (expects 401)", "listUsers", { headers: { authorization: credentials.authorization } }, { status: 401 });

  // Writes, each put back at once.
  const writes = [
    ["update a user", "updateUser"],
    ["read the updated user", "getUser"],
    ["restore the user", "updateUser"],
    ["set a user's roles to their current roles", "updateUserRoles"],
    ["set roles to an empty list (expects 400 or 422)", "updateUserRoles"],
  ] as const;
  if (!options.allowWrites || !user) {
    const why = !options.allowWrites ? "writes need --allow-writes" : userId ? "the user could not be read" : "there was no user to read";
    for (const [name, operationId] of writes) skip(name, operationId, why);
  } else {
    const pathParams = { user_id: user.user_id };
    const changed = `${user.full_name} (verify)`.slice(0, 256);
    const update = await probe(writes[0][0], writes[0][1], { pathParams, body: { full_name: changed } }, { status: 200 });
    if (update.ok) {
      const reread = await probe(writes[1][0], writes[1][1], { pathParams }, { status: 200 });
      const seen = reread.body?.data?.full_name;
      if (reread.ok && seen !== changed) fail(reread.check, { path: "$.data.full_name", expected: show.value(changed), actual: show.value(seen) });
    } else {
      skip(writes[1][0], writes[1][1], "the update failed");
    }
    // Restored whenever the update may have taken effect: also when no answer came.
    if (update.ok || !update.answered) {
      await probe(writes[2][0], writes[2][1], { pathParams, body: { full_name: user.full_name } }, { status: 200 });
    } else {
      skip(writes[2][0], writes[2][1], "the update was refused, so nothing changed");
    }
    const roles = Array.isArray(user.access_roles) ? user.access_roles : [];
    if (roles.length > 0 && roles.every((role) => (ASSIGNABLE_ROLES as readonly string[]).includes(role))) {
      await probe(writes[3][0], writes[3][1], { pathParams, body: { access_roles: roles as AssignableRole[] } }, { status: 200 });
    } else {
      skip(writes[3][0], writes[3][1], `the user holds roles the API cannot assign (${show.value(roles)}), so they could not be restored`);
    }
    // Parchment answers 400; the spec also documents 422 for a roles body that is not valid.
    await probe(writes[4][0], writes[4][1], { pathParams, body: { access_roles: [] } }, { status: [400, 422] });
  }

  // Every response names its own request.
  const repeated = [...new Set(requestIds.filter((id, index) => requestIds.indexOf(id) !== index))];
  const requestIdCheck: CheckResult = { name: "every response carries its own requestId", operationId: "*", method: "", path: "", outcome: "passed", violations: [] };
  checks.push(requestIdCheck);
  if (requestIds.length < 2) {
    requestIdCheck.outcome = "skipped";
    requestIdCheck.note = "fewer than two responses carried a requestId";
  } else if (repeated.length > 0) {
    requestIdCheck.outcome = "failed";
    requestIdCheck.violations = repeated.slice(0, 5).map((id) => ({ path: "$.requestId", expected: "a fresh requestId per response", actual: `${show.value(id)} more than once` }));
  }

  return redactReport({ ok: checks.every((check) => check.outcome !== "failed"), baseUrl, checks }, redact);
}
