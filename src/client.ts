// createParchmentClient: the user operations bound to one organisation, on openapi-fetch.
import { callOperation, type RawResult } from "./envelope.js";
import { ParchmentPaginationError, type OperationInfo } from "./errors.js";
import { baseUrlOption, fetchOption, positiveNumber, requireString, scrubber } from "./options.js";
import { retryPolicy, type RetryOptions } from "./retry.js";
import { createCredentials, createRawClient, type FetchLike, type RawClient, type TokenSource } from "./transport.js";
import type {
  AssignableRole,
  ListUsersQuery,
  UpdateUserRequest,
  UpdateUserResult,
  UpdateUserRolesResult,
  User,
  UserListPage,
  UserSummary,
} from "./types.js";

export interface ParchmentClientOptions {
  /** Defaults to the spec's sandbox server. */
  baseUrl?: string;
  organizationId: string;
  organizationSecret: string;
  /** A bearer token, or a function returning one, such as createTokenProvider(...). */
  token: TokenSource;
  fetch?: FetchLike;
  /** Per-attempt timeout. Default 30 000 ms. */
  timeoutMs?: number;
  /** Retries of GET and PUT on 429, 502, 503, 504 and network errors; `false` for none. */
  retry?: RetryOptions | false;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface UserPage {
  users: UserSummary[];
  /** The cursor for the next page; null on the last one. */
  lastKey: string | null;
  total?: number;
}

export interface ListAllOptions extends CallOptions {
  /** Page size. Default 100. */
  limit?: number;
  /** Stop with a ParchmentPaginationError after this many pages. Default 1000. */
  maxPages?: number;
}

export interface ParchmentClient {
  users: {
    list(query?: ListUsersQuery, options?: CallOptions): Promise<UserPage>;
    listAll(options?: ListAllOptions): AsyncGenerator<UserSummary, void, undefined>;
    get(userId: string, options?: CallOptions): Promise<User>;
    update(userId: string, body: UpdateUserRequest, options?: CallOptions): Promise<UpdateUserResult>;
    setRoles(userId: string, roles: AssignableRole[], options?: CallOptions): Promise<UpdateUserRolesResult>;
  };
  /** The typed openapi-fetch client, with the same credentials, timeout and retries. */
  raw: RawClient;
}

const USERS = "/v1/organizations/{organization_id}/users" as const;
const USER = "/v1/organizations/{organization_id}/users/{user_id}" as const;
const ROLES = "/v1/organizations/{organization_id}/users/{user_id}/roles" as const;
const LIST: OperationInfo = { method: "GET", path: USERS };
const GET_USER: OperationInfo = { method: "GET", path: USER };
const PUT_USER: OperationInfo = { method: "PUT", path: USER };
const PUT_ROLES: OperationInfo = { method: "PUT", path: ROLES };

/** Both documented shapes of the list as one page: a paginated object, or a plain array. */
function toUserPage(data: UserListPage | UserSummary[]): UserPage {
  if (Array.isArray(data)) return { users: data, lastKey: null, total: data.length };
  const { lastKey, total } = data.pagination;
  return { users: data.users, lastKey: lastKey ?? null, ...(total === undefined ? {} : { total }) };
}

export function createParchmentClient(options: ParchmentClientOptions): ParchmentClient {
  const organization_id = requireString("organizationId", options.organizationId);
  const organizationSecret = requireString("organizationSecret", options.organizationSecret);
  if (typeof options.token !== "function") requireString("token", options.token);
  let lastToken: string | undefined;
  const scrub = scrubber(() => [organizationSecret, lastToken]);
  const credentials = createCredentials(organizationSecret, options.token, (token) => {
    lastToken = token;
  });
  const transport = {
    fetch: fetchOption(options.fetch),
    timeoutMs: positiveNumber("timeoutMs", options.timeoutMs, 30_000),
    retry: retryPolicy(options.retry),
    credentials,
  };
  const baseUrl = baseUrlOption(options.baseUrl);
  // The methods below pass the credentials as headers of each call; `raw` adds them itself.
  const api = createRawClient(baseUrl, transport);
  const raw = createRawClient(baseUrl, { ...transport, attachCredentials: true });
  const userPath = (userId: string) => {
    // URLs resolve "." and ".." (even percent-encoded) as folders, so they cannot be one segment.
    if (userId === "." || userId === "..") throw new TypeError(`userId must not be "." or ".."`);
    return { organization_id, user_id: requireString("userId", userId) };
  };

  /** One call of `api`: the credentials as headers, the caller's signal, the envelope read. */
  const send = <T>(
    operation: OperationInfo,
    signal: AbortSignal | undefined,
    request: (init: { parseAs: "text"; signal?: AbortSignal; headers: Record<string, string> }) => Promise<RawResult>,
  ) => {
    try {
      const headers = credentials.headers();
      const call = (resolved: Record<string, string>) => request({ parseAs: "text", signal, headers: resolved });
      // A fixed token needs no await: every promise layer shows in the per-call benchmark.
      return callOperation<T>(operation, scrub, headers instanceof Promise ? headers.then(call) : call(headers));
    } catch (error) {
      return Promise.reject(error); // a bad argument rejects, like every other failure
    }
  };

  const users: ParchmentClient["users"] = {
    async list(query = {}, { signal } = {}) {
      const data = await send<UserListPage | UserSummary[]>(LIST, signal, (init) =>
        api.GET(USERS, { params: { path: { organization_id }, query }, ...init }),
      );
      return toUserPage(data);
    },

    async *listAll({ limit = 100, maxPages = 1000, signal } = {}) {
      const seen = new Set<string>();
      let lastKey: string | undefined;
      for (let page = 1; ; page++) {
        const result = await users.list(lastKey === undefined ? { limit } : { limit, lastKey }, { signal });
        yield* result.users;
        if (result.lastKey === null) return;
        const stop = (why: string) => new ParchmentPaginationError(LIST, why);
        if (seen.has(result.lastKey)) throw stop(`the server repeated a lastKey after ${page} pages`);
        if (page >= maxPages) throw stop(`stopped after maxPages (${maxPages}) pages; more remain`);
        seen.add(result.lastKey);
        lastKey = result.lastKey;
      }
    },

    get: (userId, { signal } = {}) =>
      send<User>(GET_USER, signal, (init) => api.GET(USER, { params: { path: userPath(userId) }, ...init })),

    update: (userId, body, { signal } = {}) =>
      send<UpdateUserResult>(PUT_USER, signal, (init) => api.PUT(USER, { params: { path: userPath(userId) }, body, ...init })),

    setRoles: (userId, roles, { signal } = {}) =>
      send<UpdateUserRolesResult>(PUT_ROLES, signal, (init) =>
        api.PUT(ROLES, { params: { path: userPath(userId) }, body: { access_roles: roles }, ...init }),
      ),
  };

  return { users, raw };
}
