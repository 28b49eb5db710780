// createParchmentClient: the user operations bound to one organisation, on openapi-fetch.
import type { paths } from "../generated/openapi.js";
import { callOperation, type RawResult, type Untrusted } from "./envelope.js";
import { ParchmentPaginationError } from "./errors.js";
import { positiveNumber, requireString, scrubber } from "./options.js";
import { retryPolicy, type RetryOptions } from "./retry.js";
import { createRawClient, type ConnectionOptions, type RawClient, type TokenSource } from "./transport.js";
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

export interface ParchmentClientOptions extends ConnectionOptions {
  organizationId: string;
  organizationSecret: string;
  /** A bearer token, or a function returning one, such as createTokenProvider(...). */
  token: TokenSource;
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

// `satisfies`: each path must be one of the spec's, or this file does not compile.
type Operation = { method: "GET" | "PUT"; path: keyof paths };
const USERS = "/v1/organizations/{organization_id}/users" satisfies keyof paths;
const USER = "/v1/organizations/{organization_id}/users/{user_id}" satisfies keyof paths;
const LIST_USERS: Operation = { method: "GET", path: USERS };
const GET_USER: Operation = { method: "GET", path: USER };
const UPDATE_USER: Operation = { method: "PUT", path: USER };
const UPDATE_ROLES: Operation = { method: "PUT", path: `${USER}/roles` };

/** Why a list response is neither documented shape (listAll could not page through it), if it is not. */
const listProblem = (data: Untrusted) =>
  Array.isArray(data) || (Array.isArray(data?.users) && typeof data.pagination === "object" && data.pagination !== null)
    ? undefined
    : "list is neither an array of users nor { users, pagination }";

/** Both documented shapes of the list as one page: a paginated object, or a plain array. */
function toUserPage(data: UserListPage | UserSummary[]): UserPage {
  if (Array.isArray(data)) return { users: data, lastKey: null, total: data.length };
  const { lastKey = null, total } = data.pagination;
  return { users: data.users, lastKey, ...(total === undefined ? {} : { total }) };
}

export function createParchmentClient(options: ParchmentClientOptions): ParchmentClient {
  const organization_id = requireString("organizationId", options.organizationId);
  const organizationSecret = requireString("organizationSecret", options.organizationSecret);
  const { token } = options;
  // The last token sent, so that error text echoing it can be scrubbed.
  let lastToken = typeof token === "function" ? undefined : requireString("token", token);
  const scrub = scrubber(() => [organizationSecret, lastToken]);
  const headers: Record<string, string> = { "x-organization-secret": organizationSecret };
  if (lastToken) headers.authorization = `Bearer ${lastToken}`;
  const raw = createRawClient(options, {
    retry: retryPolicy(options.retry),
    headers,
    token:
      typeof token === "function"
        ? Object.assign(async () => (lastToken = await token()), { invalidate: (sent?: string) => token.invalidate?.(sent) })
        : undefined,
  });
  // The high-level methods call `raw` with paths they build themselves; their own signatures are typed.
  const call = raw as unknown as Record<"GET" | "PUT", (path: string, init: object) => Promise<RawResult>>;
  const userPath = (userId: string) => {
    // URLs resolve "." and ".." (even percent-encoded) as folders, so they cannot be one segment.
    if (userId === "." || userId === "..") throw new TypeError(`userId must not be "." or ".."`);
    return { organization_id, user_id: requireString("userId", userId) };
  };

  /** One call: the caller's signal, the envelope read, errors named by the operation. */
  function send<T>(
    operation: Operation,
    options: CallOptions | undefined,
    { userId, query, body }: { userId?: string; query?: ListUsersQuery; body?: object },
    problemWith?: (data: Untrusted) => string | undefined,
  ): Promise<T> {
    try {
      const path = userId === undefined ? { organization_id } : userPath(userId);
      const init = { params: { path, query }, body, signal: options?.signal, parseAs: "text" };
      return callOperation<T>(operation, scrub, call[operation.method](operation.path, init), problemWith);
    } catch (error) {
      return Promise.reject(error); // a bad argument rejects, like every other failure
    }
  }

  const users: ParchmentClient["users"] = {
    list: async (query = {}, options) => toUserPage(await send(LIST_USERS, options, { query }, listProblem)),

    async *listAll({ limit = 100, maxPages: pageCap, signal } = {}) {
      const maxPages = positiveNumber("maxPages", pageCap, 1000);
      const seen = new Set<string>();
      let lastKey: string | undefined;
      for (let page = 1; ; page++) {
        const result = await users.list(lastKey === undefined ? { limit } : { limit, lastKey }, { signal });
        yield* result.users;
        if (result.lastKey === null) return;
        const stop = (why: string) => new ParchmentPaginationError(LIST_USERS, why);
        if (seen.has(result.lastKey)) throw stop(`the server repeated a lastKey after ${page} pages`);
        if (page >= maxPages) throw stop(`stopped after maxPages (${maxPages}) pages; more remain`);
        seen.add(result.lastKey);
        lastKey = result.lastKey;
      }
    },

    get: (userId, options) => send(GET_USER, options, { userId }),
    update: (userId, body, options) => send(UPDATE_USER, options, { userId, body }),
    setRoles: (userId, roles, options) => send(UPDATE_ROLES, options, { userId, body: { access_roles: roles } }),
  };

  return { users, raw };
}
