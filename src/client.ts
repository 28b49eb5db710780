// createParchmentClient: the user operations bound to one organisation, on openapi-fetch.
import { callOperation, type RawResult } from "./envelope.js";
import { ParchmentPaginationError } from "./errors.js";
import { requireString, scrubber } from "./options.js";
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

const USERS = "/v1/organizations/{organization_id}/users" as const;
const USER = "/v1/organizations/{organization_id}/users/{user_id}" as const;
const ROLES = "/v1/organizations/{organization_id}/users/{user_id}/roles" as const;

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

  /** One call: the caller's signal, the operation (named by errors), the envelope read. */
  function send<T>(
    method: "GET" | "PUT",
    path: string,
    { signal }: CallOptions = {},
    { userId, query, body }: { userId?: string; query?: ListUsersQuery; body?: object } = {},
  ) {
    const operation = { method, path };
    return callOperation<T>(operation, scrub, () => {
      const pathParams = userId === undefined ? { organization_id } : userPath(userId);
      return call[method](path, { params: { path: pathParams, query }, body, signal, parseAs: "text", operation });
    });
  }

  const users: ParchmentClient["users"] = {
    list: async (query = {}, options) => toUserPage(await send("GET", USERS, options, { query })),

    async *listAll({ limit = 100, maxPages = 1000, signal } = {}) {
      const seen = new Set<string>();
      let lastKey: string | undefined;
      for (let page = 1; ; page++) {
        const result = await users.list(lastKey === undefined ? { limit } : { limit, lastKey }, { signal });
        yield* result.users;
        if (result.lastKey === null) return;
        const stop = (why: string) => new ParchmentPaginationError({ method: "GET", path: USERS }, why);
        if (seen.has(result.lastKey)) throw stop(`the server repeated a lastKey after ${page} pages`);
        if (page >= maxPages) throw stop(`stopped after maxPages (${maxPages}) pages; more remain`);
        seen.add(result.lastKey);
        lastKey = result.lastKey;
      }
    },

    get: (userId, options) => send("GET", USER, options, { userId }),
    update: (userId, body, options) => send("PUT", USER, options, { userId, body }),
    setRoles: (userId, roles, options) => send("PUT", ROLES, options, { userId, body: { access_roles: roles } }),
  };

  return { users, raw };
}
