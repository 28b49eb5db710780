// A stateful, in-memory implementation of the contract for tests: the five operations on
// hono, with every request body and parameter validated by the schemas of openapi.yaml.
import { randomBytes } from "node:crypto";
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { parseBoundedJson, isJsonMediaType } from "contract-kit/http";
import { specOperations, type SpecOperation, createSpecValidator, type SchemaViolation } from "contract-kit/spec";
import { parchmentSpec } from "../contract/parchment-spec.js";
import { SCOPES, type AccessRole, type ProviderDetails, type User, type UserSummary } from "../types.js";
import { parseFault, type Fault } from "contract-kit/testing";
import { seedUsers, type StoredUser } from "./seed.js";

export type { Fault } from "contract-kit/testing";

export interface ReferenceServerOptions {
  organizationId?: string;
  organizationSecret?: string;
  partnerId?: string;
  partnerSecret?: string;
  /** How many users to seed, 0 to 10000. Default 45 (three pages of 20). 0 is an organisation without users. */
  users?: number;
  /**
   * Which documented shape list users answers in. `"page"` (default): `data` is
   * `{ users, pagination: { total, limit, lastKey } }`. `"envelope"`: `data` is a plain array
   * of one page, with `pagination: { count, hasNext, limit, offset, lastKey }` beside it.
   * `"array"`: `data` is every user as `{ user_id, email }`, no pagination.
   */
  listShape?: ListShape;
  /** Lifetime of issued tokens, in seconds. Default 3600. */
  tokenLifetimeSeconds?: number;
  /** An HTML page to serve at /docs (the rendered contract). */
  docsHtml?: string;
}

export type ListShape = "page" | "envelope" | "array";

export interface ReferenceHandler {
  /** A fetch handler: pass it as `fetch` to a client to test in-process. */
  fetch: (request: Request) => Promise<Response>;
  organizationId: string;
  organizationSecret: string;
  partnerId: string;
  partnerSecret: string;
  /** A token carrying every scope, valid for the life of the server. */
  token: string;
  /** A seeded provider (the first user when none is a provider; "" in an organisation without users). */
  userId: string;
  /** Throws a TypeError for a fault that is not one the server can answer with. */
  failNext(fault: Fault): void;
  /** The current state of a user as the API would return it, or undefined. */
  readUser(userId: string): User | undefined;
}

const MAX_BODY_BYTES = 1024 * 1024;
const ERRORS = "https://parchment.health/errors/";
// Every scope the spec names: the reference server's fixed token carries them all.
const ALL_SCOPES: readonly string[] = SCOPES;

const requestId = () => `req_${Date.now()}_${randomBytes(3).toString("hex")}`;
const pageKey = (userId: string) => Buffer.from(userId).toString("base64url");

function envelope(status: number, body: Record<string, unknown>) {
  return { statusCode: status, ...body, timestamp: new Date().toISOString(), requestId: requestId() };
}

/** Parchment's problem envelope for a request too malformed to route (see serveOnLoopback). */
export const malformedRequestBody = (status: number, title: string, detail: string) => ({
  success: false,
  ...envelope(status, { error: { type: `${ERRORS}bad-request`, title, detail } }),
});

function success(c: Context, message: string, data: unknown, beside: Record<string, unknown> = {}) {
  return c.json({ success: true, ...envelope(200, { message, data, ...beside }) }, 200);
}

interface Problem {
  status: number;
  type: string;
  title: string;
  detail: string;
  validation?: { field: string; message: string; code: string }[];
  headers?: Record<string, string>;
}

function problem(c: Context, { status, type, title, detail, validation, headers }: Problem) {
  for (const [name, value] of Object.entries(headers ?? {})) c.header(name, value);
  const error = { type: `${ERRORS}${type}`, title, detail, ...(validation ? { validation } : {}) };
  const extra = validation ? { code: "VALIDATION_ERROR" } : {};
  return c.json({ success: false, ...envelope(status, { error, ...extra }) }, status as 400);
}

/** ajv's violations as the vendor's validation[] entries: dotted field, message, code. */
function validationIssues(violations: SchemaViolation[]) {
  return violations
    .filter((violation) => violation.keyword !== "if")
    .map((violation) => {
      const parts = violation.path.split("/").filter(Boolean);
      const extra = violation.params.missingProperty ?? violation.params.additionalProperty;
      if (typeof extra === "string") parts.push(extra);
      return { field: parts.join(".") || "body", message: violation.message, code: "VALIDATION_ERROR" };
    });
}

export function createReferenceHandler(options: ReferenceServerOptions = {}): ReferenceHandler {
  const organizationId = options.organizationId ?? "3f6c1b2a-8d4e-4f5a-9b7c-1d2e3f4a5b6c";
  const organizationSecret = options.organizationSecret ?? `os_ref_${randomBytes(12).toString("hex")}`;
  const partnerId = options.partnerId ?? "partner_reference";
  const partnerSecret = options.partnerSecret ?? `ps_ref_${randomBytes(12).toString("hex")}`;
  const lifetime = options.tokenLifetimeSeconds ?? 3600;
  const validator = createSpecValidator(parchmentSpec);
  const operations = specOperations(validator.document);
  const op = (operationId: string) => operations.get(operationId) as SpecOperation;

  if (options.users !== undefined && !(Number.isInteger(options.users) && options.users >= 0 && options.users <= 10_000)) {
    throw new TypeError("users must be a whole number from 0 to 10000");
  }
  const users = new Map(seedUsers(options.users).map((user) => [user.user_id, user]));
  const tokens = new Map<string, { scopes: string[]; expiresAt: number; userId: string }>();
  const seeded = [...users.values()];
  // An organisation may have no users at all: then the fixed token belongs to nobody listed.
  const defaultUserId = (seeded.find((user) => user.access_roles.includes("provider")) ?? seeded[0])?.user_id ?? "";
  const fixedToken = `ref_${randomBytes(24).toString("base64url")}`;
  tokens.set(fixedToken, { scopes: [...ALL_SCOPES], expiresAt: Number.POSITIVE_INFINITY, userId: defaultUserId });
  let fault: Required<Fault> | undefined;

  const isPrescriber = (roles: AccessRole[]) => roles.includes("provider") || roles.includes("rx_queue_manager");

  function render(user: StoredUser): User {
    const details = isPrescriber(user.access_roles) ? user.provider_details : null;
    return {
      user_id: user.user_id,
      email: user.email,
      full_name: user.full_name,
      access_roles: [...user.access_roles],
      details: {
        given_name: details?.given_name ?? user.given_name,
        family_name: details?.family_name ?? user.family_name,
        title: details?.title ?? null,
        date_of_birth: details?.date_of_birth ?? null,
        sex: details?.sex ?? null,
      },
      ...(isPrescriber(user.access_roles) ? { provider_details: user.provider_details } : {}),
    };
  }

  const summary = (user: StoredUser): UserSummary => ({
    user_id: user.user_id,
    external_user_id: user.external_user_id,
    full_name: user.full_name,
    access_roles: [...user.access_roles],
  });

  /** 401 without valid credentials, 403 without the scope, 404 for another organisation. */
  function authorize(c: Context, operation: SpecOperation): Response | undefined {
    const header = c.req.header("authorization") ?? "";
    const token = /^Bearer (\S+)$/i.exec(header)?.[1];
    const grant = token ? tokens.get(token) : undefined;
    if (!grant) {
      return problem(c, { status: 401, type: token ? "invalid-token" : "authentication-required", title: "Unauthorized", detail: "Valid authentication token is required" });
    }
    if (grant.expiresAt <= Date.now()) {
      return problem(c, { status: 401, type: "token-expired", title: "Unauthorized", detail: "The access token has expired" });
    }
    if (c.req.header("x-organization-secret") !== organizationSecret) {
      return problem(c, { status: 401, type: "authentication-required", title: "Unauthorized", detail: "Valid organization secret is required" });
    }
    if (!operation.scopes.some((scope) => grant.scopes.includes(scope))) {
      return problem(c, { status: 403, type: "insufficient-scope", title: "Forbidden", detail: `Insufficient permissions - missing ${operation.scopes.join(" or ")} scope` });
    }
    const orgId = c.req.param("organization_id");
    if (validator.validate("#/components/parameters/OrganizationId/schema", orgId).length > 0) {
      return problem(c, { status: 400, type: "bad-request", title: "Bad Request", detail: "organization_id must be a UUID" });
    }
    if (orgId !== organizationId) return problem(c, { status: 404, type: "not-found", title: "Not Found", detail: "Organization not found" });
    return undefined;
  }

  /** The JSON body, or the 400 that says why there is none. */
  async function readJson(c: Context): Promise<{ body: unknown } | { response: Response }> {
    const type = c.req.header("content-type") ?? "";
    if (!isJsonMediaType(type)) {
      return { response: problem(c, { status: 400, type: "bad-request", title: "Bad Request", detail: "Content-Type must be application/json" }) };
    }
    // Bounded before validating: ajv's uniqueItems recurses into deep arrays and compares every pair.
    const parsed = parseBoundedJson(await c.req.text());
    if (parsed.problem !== undefined) return { response: problem(c, { status: 400, type: "bad-request", title: "Bad Request", detail: parsed.problem }) };
    return { body: parsed.value };
  }

  function findUser(c: Context): StoredUser | Response {
    const user = users.get(c.req.param("user_id") ?? "");
    return user ?? problem(c, { status: 404, type: "user-not-found", title: "User not found", detail: "No such user in this organization" });
  }

  const app = new Hono();

  app.onError((error, c) => {
    console.error(`reference server: ${error instanceof Error ? error.message : String(error)}`);
    return problem(c, { status: 500, type: "internal-error", title: "Internal Server Error", detail: "An unexpected error occurred" });
  });
  app.notFound((c) => problem(c, { status: 404, type: "not-found", title: "Not Found", detail: "No such resource" }));

  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => problem(c, { status: 400, type: "bad-request", title: "Bad Request", detail: "The request body is larger than 1 MB" }),
  });
  app.use("/__reference/*", limitBody);
  app.post("/__reference/faults", async (c) => {
    const read = await readJson(c);
    if ("response" in read) return read.response;
    const parsed = parseFault(read.body);
    if (typeof parsed === "string") return problem(c, { status: 400, type: "bad-request", title: "Bad Request", detail: parsed });
    fault = parsed;
    return c.json({ fault }, 200);
  });

  if (options.docsHtml) {
    const html = options.docsHtml;
    app.get("/docs", (c) => c.html(html));
    app.get("/", (c) => c.redirect("/docs", 302));
  }

  // Injected faults come before everything else, as a gateway's would.
  app.use("/v1/*", async (c, next) => {
    if (fault && fault.times > 0) {
      fault.times--;
      const { status, retryAfterSeconds } = fault;
      const kind = status === 429 ? "rate-limit-exceeded" : status === 503 ? "service-unavailable" : "internal-error";
      return problem(c, { status, type: kind, title: status === 429 ? "Too Many Requests" : "Service Unavailable", detail: "Injected by the reference server", headers: { "Retry-After": String(retryAfterSeconds) } });
    }
    return next();
  });
  app.use("/v1/*", limitBody);

  app.post("/v1/token", async (c) => {
    const h = (name: string) => c.req.header(name);
    if (h("x-partner-id") !== partnerId || h("x-partner-secret") !== partnerSecret || h("x-organization-id") !== organizationId || h("x-organization-secret") !== organizationSecret) {
      return problem(c, { status: 401, type: "authentication-required", title: "Unauthorized", detail: "Partner or organization credentials are not valid" });
    }
    const userId = h("x-user-id") ?? "";
    if (!users.has(userId)) return problem(c, { status: 401, type: "authentication-required", title: "Unauthorized", detail: "x-user-id is not a user of this organization" });
    const read = await readJson(c);
    if ("response" in read) return read.response;
    const violations = validator.validate(op("createToken").requestSchema!, read.body);
    if (violations.length > 0) {
      return problem(c, { status: 400, type: "invalid-request", title: "Invalid request", detail: "The token request is not valid", validation: validationIssues(violations) });
    }
    const requested = (read.body as { scope: string[] }).scope;
    const scope = requested.filter((name) => ALL_SCOPES.includes(name));
    const accessToken = `ref_${randomBytes(24).toString("base64url")}`;
    tokens.set(accessToken, { scopes: scope, expiresAt: Date.now() + lifetime * 1000, userId });
    return success(c, "Token generated successfully", { accessToken, expiresIn: lifetime, tokenType: "Bearer", scope });
  });

  app.get("/v1/organizations/:organization_id/users", (c) => {
    const denied = authorize(c, op("listUsers"));
    if (denied) return denied;
    const query = c.req.query();
    const limitText = query.limit ?? "20";
    const limit = /^\d{1,3}$/.test(limitText) ? Number(limitText) : Number.NaN;
    const limitViolations = validator.validate("#/components/parameters/Limit/schema", limit);
    if (Number.isNaN(limit) || limitViolations.length > 0) {
      return problem(c, { status: 400, type: "invalid-request", title: "Invalid request", detail: "limit must be an integer from 1 to 100", validation: [{ field: "limit", message: "must be an integer from 1 to 100", code: "VALIDATION_ERROR" }] });
    }
    const all = [...users.values()];
    if (options.listShape === "array") {
      return success(c, `Retrieved ${all.length} users successfully`, all.map((user) => ({ user_id: user.user_id, email: user.email })));
    }
    let start = 0;
    if (query.lastKey !== undefined) {
      const after = all.findIndex((user) => pageKey(user.user_id) === query.lastKey);
      if (after < 0) {
        return problem(c, { status: 400, type: "invalid-request", title: "Invalid request", detail: "lastKey is not a cursor of this listing", validation: [{ field: "lastKey", message: "unknown cursor", code: "VALIDATION_ERROR" }] });
      }
      start = after + 1;
    }
    const page = all.slice(start, start + limit);
    const more = start + limit < all.length;
    const lastKey = more ? pageKey(page.at(-1)!.user_id) : null;
    if (options.listShape === "envelope") {
      const pagination = { count: page.length, hasNext: more, limit, offset: start, lastKey };
      return success(c, "Users retrieved successfully", page.map(summary), { pagination });
    }
    return success(c, "Users retrieved successfully", { users: page.map(summary), pagination: { total: all.length, limit, lastKey } });
  });

  app.get("/v1/organizations/:organization_id/users/:user_id", (c) => {
    const denied = authorize(c, op("getUser"));
    if (denied) return denied;
    const user = findUser(c);
    return user instanceof Response ? user : success(c, "User retrieved successfully", render(user));
  });

  /** The common start of both writes: credentials, the user, a JSON body and the schema's verdict on it. */
  async function beginWrite(c: Context, operationId: string) {
    const operation = op(operationId);
    const denied = authorize(c, operation);
    if (denied) return denied;
    const user = findUser(c);
    if (user instanceof Response) return user;
    const read = await readJson(c);
    if ("response" in read) return read.response;
    return { user, body: read.body, violations: validator.validate(operation.requestSchema!, read.body) };
  }

  app.put("/v1/organizations/:organization_id/users/:user_id", async (c) => {
    const write = await beginWrite(c, "updateUser");
    if (write instanceof Response) return write;
    const { user, violations } = write;
    if (violations.length > 0) {
      return problem(c, { status: 422, type: "validation-error", title: "Validation failed", detail: "There were some problems with your input.", validation: validationIssues(violations) });
    }
    // Partial update; email and access_roles are accepted and ignored, as Parchment does.
    const body = write.body as { full_name?: string; provider_details?: ProviderDetails };
    if (body.full_name !== undefined) user.full_name = body.full_name;
    if (body.provider_details) user.provider_details = { ...(user.provider_details ?? {}), ...body.provider_details };
    return success(c, "User updated successfully", { user_id: user.user_id });
  });

  app.put("/v1/organizations/:organization_id/users/:user_id/roles", async (c) => {
    const write = await beginWrite(c, "updateUserRoles");
    if (write instanceof Response) return write;
    const { user, violations } = write;
    if (violations.length > 0) {
      const roles = (write.body as { access_roles?: unknown } | null)?.access_roles;
      if (!Array.isArray(roles)) {
        return problem(c, { status: 422, type: "validation-error", title: "Validation failed", detail: "access_roles is required and must be an array", validation: validationIssues(violations) });
      }
      // The schema's if/then: rx_reader without receptionist (Parchment's roles table).
      const detail =
        roles.includes("rx_reader") && !roles.includes("receptionist") && violations.some((violation) => violation.keyword === "contains")
          ? "rx_reader needs to be combined with receptionist"
          : "access_roles must be a non-empty array of valid roles";
      return problem(c, { status: 400, type: "bad-request", title: "Bad Request", detail, validation: validationIssues(violations) });
    }
    user.access_roles = [...(write.body as { access_roles: AccessRole[] }).access_roles];
    if (isPrescriber(user.access_roles)) user.provider_details ??= {};
    return success(c, "User roles updated successfully", { user_id: user.user_id, access_roles: user.access_roles });
  });

  return {
    fetch: async (request) => app.fetch(request),
    organizationId,
    organizationSecret,
    partnerId,
    partnerSecret,
    token: fixedToken,
    userId: defaultUserId,
    failNext(next) {
      const parsed = parseFault(next);
      if (typeof parsed === "string") throw new TypeError(`failNext: ${parsed}`);
      fault = parsed;
    },
    readUser(userId) {
      const user = users.get(userId);
      return user ? structuredClone(render(user)) : undefined;
    },
  };
}
