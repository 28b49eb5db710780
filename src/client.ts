// createParchmentClient: the user operations bound to one organisation, each a typed call of
// `raw` (openapi-fetch) with the spec's method and path, its result type taken from `paths`.
import type { paths } from "../generated/openapi.js";
import { readEnvelope, type RawResult } from "./envelope.js";
import { ParchmentPaginationError, type OperationInfo } from "./errors.js";
import {
  check,
  headerString,
  pathSegment,
  positiveNumber,
  uuidOption,
  createRedactor,
  retryPolicy,
  type RetryOptions,
  type ConnectionOptions,
  type TokenFunction,
  isObject,
} from "contract-kit/http";
import type { ObservationOptions } from "./observation.js";
import { cursorOf, readListShape } from "./list-shapes.js";
import { createRawClient, type RawClient } from "./raw-client.js";
import type { AssignableRole, CreateUserRequest, CreateUserResult, ListUsersQuery, UpdateUserRequest, UserSummary } from "./types.js";

/** A bearer token, or a function that returns the current one (such as createTokenProvider()). */
export type TokenSource = string | TokenFunction;

export interface ParchmentClientOptions extends ConnectionOptions, ObservationOptions {
  /** A UUID, as the spec types organization_id. */
  organizationId: string;
  organizationSecret: string;
  /** A bearer token, or a function returning one, such as createTokenProvider(...). */
  token: TokenSource;
  /** Retries of GET and PUT on 429, 502, 503, 504 and network failures, and of a create on 429 alone; `false` for none. */
  retry?: RetryOptions | false;
}

export interface CallOptions {
  /** Aborts the call, the wait for a token and any wait between retries included. */
  signal?: AbortSignal;
}

export interface UserPage {
  users: UserSummary[];
  /** The cursor for the next page; null on the last one. */
  lastKey: string | null;
  /** Whether the server says more pages follow, when it says (the envelope-level pagination shape). */
  hasNext?: boolean;
  /** The number of users in all, when the server says. */
  total?: number;
}

export interface ListAllOptions extends CallOptions {
  /** Page size. Default 100. */
  limit?: number;
  /** Stop with a ParchmentPaginationError after this many pages. Default 1000. */
  maxPages?: number;
}

/** The JSON body of an operation's 200 response, as the spec types it. */
type Success<P extends keyof paths, M extends "get" | "put"> = paths[P][M] extends {
  responses: { 200: { content: { "application/json": infer Body } } };
}
  ? Body
  : never;

const USERS = "/v1/organizations/{organization_id}/users" satisfies keyof paths;
const USER = "/v1/organizations/{organization_id}/users/{user_id}" satisfies keyof paths;
const ROLES = "/v1/organizations/{organization_id}/users/{user_id}/roles" satisfies keyof paths;
const DISABLE = "/v1/organizations/{organization_id}/users/{user_id}/disable" satisfies keyof paths;
const ENABLE = "/v1/organizations/{organization_id}/users/{user_id}/enable" satisfies keyof paths;
type ListEnvelope = Success<typeof USERS, "get">;
type CreateResponses = paths[typeof USERS]["post"]["responses"];
/** The bodies of a create's two successes: 201 (the user exists) and 202 (accepted, `data` optional). */
type CreatedEnvelope = CreateResponses[201]["content"]["application/json"] | CreateResponses[202]["content"]["application/json"];

/** What `users.create` resolves to. */
export interface CreateUserOutcome {
  /** 201: the user exists. 202: accepted with demographic conflicts, perhaps not ready yet; do not send the create again. */
  status: 201 | 202;
  /** The new user's id, `data.user_id ?? data.parchment_user_id`; undefined only on a 202 without `data`. */
  userId: string | undefined;
  /** The created user in either documented form; undefined only on a 202 without it. */
  data: CreateUserResult | undefined;
  /** The server's summary (on a 201 it may say that the prescriber record was not made). Do not parse it. */
  message: string;
  /** The server's machine-readable code, such as `USER_CREATED` or `DEMOGRAPHIC_CONFLICT`, when it sent one. */
  code: string | undefined;
}

export interface ParchmentClient {
  users: {
    list(query?: ListUsersQuery, options?: CallOptions): Promise<UserPage>;
    listAll(options?: ListAllOptions): AsyncGenerator<UserSummary, void, undefined>;
    get(userId: string, options?: CallOptions): Promise<Success<typeof USER, "get">["data"]>;
    update(userId: string, body: UpdateUserRequest, options?: CallOptions): Promise<Success<typeof USER, "put">["data"]>;
    setRoles(userId: string, roles: AssignableRole[], options?: CallOptions): Promise<Success<typeof ROLES, "put">["data"]>;
    /**
     * Creates a user. Sent again only after a 429 (the request was not acted on): after a
     * timeout, a reset or a 5xx it fails at once, since the user may exist. Send a
     * `partner_user_id`: a 409 on a retry of your own then means the user exists, found by
     * `external_user_id` in the list.
     */
    create(body: CreateUserRequest, options?: CallOptions): Promise<CreateUserOutcome>;
    /** Disables a user; their roles become `member`. A user already disabled answers the same. */
    disable(userId: string, options?: CallOptions): Promise<Success<typeof DISABLE, "put">["data"]>;
    /** Lets a disabled user sign in again, as `member` (the old roles do not come back). A user already enabled answers the same. */
    enable(userId: string, options?: CallOptions): Promise<Success<typeof ENABLE, "put">["data"]>;
  };
  /** The typed openapi-fetch client, with the same credentials, timeout, size cap and retries. */
  raw: RawClient;
}

const LIST_USERS: OperationInfo = { method: "GET", path: USERS };
const GET_USER: OperationInfo = { method: "GET", path: USER };
const UPDATE_USER: OperationInfo = { method: "PUT", path: USER };
const UPDATE_ROLES: OperationInfo = { method: "PUT", path: ROLES };
// Not idempotent (no idempotency key): sent again only after a 429, which says it was not acted on.
const CREATE_USER: OperationInfo = { method: "POST", path: USERS, retryOn429: true };
const DISABLE_USER: OperationInfo = { method: "PUT", path: DISABLE };
const ENABLE_USER: OperationInfo = { method: "PUT", path: ENABLE };

const nonEmpty = (value: unknown): value is string => typeof value === "string" && value !== "";

/** Why a create's success is not one the client can use, if it is not: a status other than 201 and 202, or data naming no user. */
function createdProblem(status: number) {
  return (envelope: { readonly [key: string]: unknown }): string | undefined => {
    if (status !== 201 && status !== 202) return "is not a success a create documents (201 or 202)";
    const { data } = envelope;
    if (data === undefined) return undefined; // a 202 without data (readEnvelope lets no 201 through without)
    if (!isObject(data) || !(nonEmpty(data.user_id) || nonEmpty(data.parchment_user_id))) return "created user has neither a user_id nor a parchment_user_id";
    if (data.user_id !== undefined && !nonEmpty(data.user_id)) return "created user has a user_id that is not a non-empty string";
    return undefined;
  };
}

/** Why a list envelope is none of the three documented shapes (listAll could not page through it), if it is not. */
function listProblem(envelope: { readonly [key: string]: unknown }): string | undefined {
  const list = readListShape(envelope);
  if (!list || !list.users.every(isObject) || (list.shape === "page" && !isObject(list.pagination))) {
    return "list is neither an array of user objects nor { users, pagination }";
  }
  if (list.shape === "array") return undefined;
  const page = list.pagination;
  if (!isObject(page)) return "list pagination is not an object";
  if (!(page.lastKey === undefined || page.lastKey === null || cursorOf(page.lastKey))) return "list pagination has a lastKey that is not a non-empty string or null";
  if (!(page.hasNext === undefined || typeof page.hasNext === "boolean")) return "list pagination has a hasNext that is not a boolean";
  return undefined;
}

/**
 * The three documented shapes of the list as one page: `data: { users, pagination }`, a plain
 * array `data` with the envelope-level `pagination: { count, hasNext, limit, offset, lastKey }`,
 * or a plain array alone (the only page). Only for an envelope listProblem has passed.
 */
function toUserPage(envelope: ListEnvelope): UserPage {
  const list = readListShape(envelope)!;
  const users = list.users as UserSummary[];
  if (list.shape === "array") return { users, lastKey: null, total: users.length };
  const page = list.pagination as { lastKey?: string | null; hasNext?: boolean; total?: number };
  return {
    users,
    lastKey: cursorOf(page.lastKey) ?? null,
    ...(page.hasNext === undefined ? {} : { hasNext: page.hasNext }),
    ...(page.total === undefined ? {} : { total: page.total }),
  };
}

/**
 * The longest lastKey listAll follows. It goes back in the request line, and servers refuse a
 * request's head past about 16 kB (Node's default): a longer one is no cursor a server can
 * take. Bounding it also bounds what following one costs: Node 20's fetch keeps up to 256 sent
 * requests per connection, their URLs included.
 */
const MAX_CURSOR_LENGTH = 16 * 1024;

export function createParchmentClient(options: ParchmentClientOptions): ParchmentClient {
  const organization_id = uuidOption("organizationId", options.organizationId);
  const organizationSecret = headerString("organizationSecret", options.organizationSecret);
  const { token } = options;
  check(typeof token === "string" || typeof token === "function", "token", "a string or a function returning one");
  const fixedToken = typeof token === "string" ? headerString("token", token) : undefined;
  const redactor = createRedactor([organizationSecret, fixedToken]);
  // A token provider hides its own secrets (the partner secret, every token it issued) too.
  const redact = typeof token === "function" && token.redact ? (text: string) => redactor.redact(token.redact!(text)) : redactor.redact;
  const headers: Record<string, string> = { "x-organization-secret": organizationSecret };
  if (fixedToken) headers.authorization = `Bearer ${fixedToken}`;
  // `methods` serves the calls below; `raw` is the caller's (its middleware applies to raw calls only).
  const { raw, methods, fetchFor } = createRawClient(options, {
    retry: retryPolicy(options.retry),
    headers,
    token: typeof token === "function" ? token : undefined,
    redact,
    learnSecret: redactor.add,
    observe: options,
  });

  const userPath = (userId: string) => ({ organization_id, user_id: pathSegment("userId", userId) });

  /** Reads the envelope of one call; a bad argument rejects, like every other failure. */
  async function envelope<T>(operation: OperationInfo, call: () => Promise<RawResult>, problemWith?: typeof listProblem): Promise<T> {
    return readEnvelope<T>(operation, redact, await call(), problemWith);
  }

  const users: ParchmentClient["users"] = {
    async list(query = {}, { signal } = {}) {
      const params = { path: { organization_id }, query };
      const body = await envelope<ListEnvelope>(LIST_USERS, () => methods.GET(USERS, { params, parseAs: "text", fetch: fetchFor(LIST_USERS, signal) }), listProblem);
      return toUserPage(body);
    },

    async *listAll({ limit = 100, maxPages: pageCap, signal } = {}) {
      const maxPages = positiveNumber("maxPages", pageCap, 1000);
      // Cursors that go round in a cycle would page forever. Brent's cycle detection finds any
      // repeat within about twice the cycle's length holding one cursor; a set of every cursor
      // followed held each of them, up to maxPages hostile multi-megabyte strings.
      let checkpoint: string | undefined;
      let sinceCheckpoint = 0;
      let span = 1;
      let lastKey: string | undefined;
      for (let page = 1; ; page++) {
        const result = await users.list(lastKey === undefined ? { limit } : { limit, lastKey }, { signal });
        yield* result.users;
        const stop = (why: string) => new ParchmentPaginationError(LIST_USERS, why);
        if (result.lastKey === null) {
          if (result.hasNext === true) throw stop(`page ${page} says hasNext but gives no lastKey to follow`);
          return;
        }
        if (result.hasNext === false) return;
        if (result.lastKey.length > MAX_CURSOR_LENGTH) throw stop(`page ${page} gives a lastKey of ${result.lastKey.length} characters, more than a request line can carry (${MAX_CURSOR_LENGTH}); not followed`);
        if (result.lastKey === checkpoint) throw stop(`the server repeated a lastKey after ${page} pages`);
        if (page >= maxPages) throw stop(`stopped after maxPages (${maxPages}) pages; more remain`);
        if (++sinceCheckpoint === span) [checkpoint, sinceCheckpoint, span] = [result.lastKey, 0, span * 2];
        lastKey = result.lastKey;
      }
    },

    get: async (userId, { signal } = {}) =>
      (await envelope<Success<typeof USER, "get">>(GET_USER, () => methods.GET(USER, { params: { path: userPath(userId) }, parseAs: "text", fetch: fetchFor(GET_USER, signal) }))).data,

    update: async (userId, body, { signal } = {}) =>
      (await envelope<Success<typeof USER, "put">>(UPDATE_USER, () => methods.PUT(USER, { params: { path: userPath(userId) }, body, parseAs: "text", fetch: fetchFor(UPDATE_USER, signal) })))
        .data,

    setRoles: async (userId, roles, { signal } = {}) =>
      (
        await envelope<Success<typeof ROLES, "put">>(UPDATE_ROLES, () =>
          methods.PUT(ROLES, { params: { path: userPath(userId) }, body: { access_roles: roles }, parseAs: "text", fetch: fetchFor(UPDATE_ROLES, signal) }),
        )
      ).data,

    async create(body, { signal } = {}) {
      const result = await methods.POST(USERS, { params: { path: { organization_id } }, body, parseAs: "text", fetch: fetchFor(CREATE_USER, signal) });
      const status = result.response.status;
      const envelope = readEnvelope<CreatedEnvelope>(CREATE_USER, redact, result, createdProblem(status), status === 202);
      const data = envelope.data;
      return {
        status: status as 201 | 202,
        userId: data && ("user_id" in data ? data.user_id : data.parchment_user_id),
        data,
        message: typeof envelope.message === "string" ? envelope.message : "",
        code: typeof envelope.code === "string" ? envelope.code : undefined,
      };
    },

    disable: async (userId, { signal } = {}) =>
      (await envelope<Success<typeof DISABLE, "put">>(DISABLE_USER, () => methods.PUT(DISABLE, { params: { path: userPath(userId) }, parseAs: "text", fetch: fetchFor(DISABLE_USER, signal) }))).data,

    enable: async (userId, { signal } = {}) =>
      (await envelope<Success<typeof ENABLE, "put">>(ENABLE_USER, () => methods.PUT(ENABLE, { params: { path: userPath(userId) }, parseAs: "text", fetch: fetchFor(ENABLE_USER, signal) }))).data,
  };

  return { users, raw };
}

