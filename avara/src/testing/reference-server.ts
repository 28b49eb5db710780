// A stateful, in-memory implementation of Avara's contract for tests: both operations on
// hono, every body validated by the schemas of avara/openapi.yaml, and the two rules that
// depend on the stored user (an NPI number to create reports, dashboard access for admins)
// judged on the user as the update would leave it. Error bodies are our own
// ({"error": {"type", "message"}}): Avara documents none.
import { randomBytes } from "node:crypto";
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { specOperations, type SpecOperation, createSpecValidator } from "contract-kit/spec";
import { parseBoundedJson, isJsonMediaType } from "contract-kit/http";
import { parseFault, type Fault } from "contract-kit/testing";
import { avaraSpec } from "../contract/spec.js";
import type { UpdateUserRequest, User } from "../types.js";
import { seedUsers } from "./seed.js";

export type { Fault } from "contract-kit/testing";

export interface ReferenceServerOptions {
  /** The API key the server accepts; default a fresh `sk_test_...` per server. */
  apiKey?: string;
}

export interface ReferenceHandler {
  /** A fetch handler: pass it as `fetch` to a client to test in-process. */
  fetch: (request: Request) => Promise<Response>;
  /** The one API key the server accepts. */
  apiKey: string;
  /** A seeded radiologist who can create reports (Avara's example user). */
  userId: string;
  /** Every seeded user's id. */
  userIds: string[];
  /** Makes the next requests answer a status (429, 500, 502, 503, 504); a TypeError for any other fault. */
  failNext(fault: Fault): void;
  /** The current state of a user, as the API would return it, or undefined. */
  readUser(userId: string): User | undefined;
}

const MAX_BODY_BYTES = 1024 * 1024;

/** Fields of the update that `null` clears (docs/decisions.md, 2). */
const CLEARABLE = ["middleName", "npiNumber", "phoneNumber", "suffix1", "suffix2"] as const;

/** Avara's error shape for a request too malformed to route (see serveOnLoopback). */
export const malformedRequestBody = (_status: number, _title: string, detail: string) => ({ error: { type: "invalid_request_error", message: detail } });

function error(c: Context, status: number, type: string, message: string, headers: Record<string, string> = {}) {
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
  return c.json({ error: { type, message } }, status as 400);
}

/** Why the user an update would leave breaks one of Avara's rules, if it does. */
export function storedUserProblem(user: User): string | undefined {
  if (user.canCreateReports && !user.npiNumber) return "an NPI number is required for a user who can create reports";
  if (user.level === "admin" && !user.hasDashboardAccess) return "admin users need dashboard access (hasDashboardAccess: true)";
  return undefined;
}

export function createReferenceHandler(options: ReferenceServerOptions = {}): ReferenceHandler {
  const apiKey = options.apiKey ?? `sk_test_ref_${randomBytes(16).toString("hex")}`;
  if (typeof apiKey !== "string" || !/^[\x21-\x7e]{8,}$/.test(apiKey)) throw new TypeError("apiKey must be at least 8 printable characters without spaces");
  const validator = createSpecValidator(avaraSpec);
  const update = specOperations(avaraSpec).get("updateUser") as SpecOperation;
  const users = new Map(seedUsers().map((user) => [user.userId, user]));
  let fault: Required<Fault> | undefined;

  const app = new Hono();
  app.onError((thrown, c) => {
    console.error(`reference server: ${thrown instanceof Error ? thrown.message : String(thrown)}`);
    return error(c, 500, "api_error", "An unexpected error occurred");
  });
  app.notFound((c) => error(c, 404, "not_found", "No such resource"));

  // Injected faults come before everything else, as a gateway's would.
  app.use("/v1/*", async (c, next) => {
    if (fault && fault.times > 0) {
      fault.times--;
      return error(c, fault.status, fault.status === 429 ? "rate_limit_error" : "api_error", "Injected by the reference server", { "Retry-After": String(fault.retryAfterSeconds) });
    }
    return next();
  });
  app.use("/v1/*", async (c, next) => {
    const token = /^Bearer (\S+)$/i.exec(c.req.header("authorization") ?? "")?.[1];
    if (token !== apiKey) return error(c, 401, "authentication_error", token ? "The API key is not valid" : "An API key is required (Authorization: Bearer)");
    return next();
  });
  app.use(
    "/v1/*",
    bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => error(c, 400, "invalid_request_error", "The request body is larger than 1 MB") }),
  );

  const findUser = (c: Context) => users.get(c.req.param("userId") ?? "");
  const notFound = (c: Context) => error(c, 404, "not_found", "No such user");

  app.get("/v1/autoScribe/users/:userId", (c) => {
    const user = findUser(c);
    return user ? c.json(user, 200) : notFound(c);
  });

  app.patch("/v1/autoScribe/users/:userId", async (c) => {
    const user = findUser(c);
    if (!user) return notFound(c);
    if (!isJsonMediaType(c.req.header("content-type"))) return error(c, 400, "invalid_request_error", "Content-Type must be application/json");
    // Bounded before validating: a validator recursing into a deep value, or comparing every pair of a long array.
    const parsed = parseBoundedJson(await c.req.text());
    if (parsed.problem !== undefined) return error(c, 400, "invalid_request_error", parsed.problem);
    const body = parsed.value;
    const violations = validator.validate(update.requestSchema!, body).filter((violation) => violation.keyword !== "if");
    if (violations.length > 0) {
      const first = violations.slice(0, 5).map((violation) => {
        const extra = violation.params.additionalProperty;
        const field = `${violation.path.slice(1).replaceAll("/", ".")}${typeof extra === "string" ? extra : ""}` || "body";
        return `${field}: ${violation.message}`;
      });
      return error(c, 400, "invalid_request_error", first.join("; "));
    }
    const changes = body as UpdateUserRequest;
    const next: User = { ...user };
    for (const [field, value] of Object.entries(changes)) {
      if (value === null && (CLEARABLE as readonly string[]).includes(field)) delete next[field as (typeof CLEARABLE)[number]];
      else Object.assign(next, { [field]: value });
    }
    const problem = storedUserProblem(next);
    if (problem) return error(c, 422, "invalid_request_error", problem);
    users.set(user.userId, next);
    return c.json(next, 200);
  });

  const seeded = [...users.keys()];
  return {
    fetch: async (request) => app.fetch(request),
    apiKey,
    userId: seeded[0]!,
    userIds: seeded,
    failNext(next) {
      const parsed = parseFault(next);
      if (typeof parsed === "string") throw new TypeError(`failNext: ${parsed}`);
      fault = parsed;
    },
    readUser(userId) {
      const user = users.get(userId);
      return user ? structuredClone(user) : undefined;
    },
  };
}
