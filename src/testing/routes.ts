// The reference server's routes: the token grant and the seven user operations, each checking
// its caller (auth), its input against openapi.yaml and then answering from the state (the docs
// page, when there is one, is the shared skeleton's: createReferenceApp's docsHtml).
import type { Context, Hono } from "hono";
import type { SpecOperation, SpecValidator } from "contract-kit/spec";
import type { ReadJson } from "contract-kit/testing";
import type { AccessRole, CreateUserRequest, ProviderDetails } from "../types.js";
import type { Auth } from "./auth.js";
import { ROLES_MESSAGE, RX_READER_MESSAGE, validationIssues } from "./messages.js";
import { invalidRequest, problem, success, unauthorized, validationFailed } from "./problems.js";
import { render, summary, type State, type StatusChange, type StoredUser } from "./state.js";

export interface RouteOptions {
  state: State;
  auth: Auth;
  validator: SpecValidator;
  /** The spec's operation by operationId. */
  operation: (operationId: string) => SpecOperation;
  readJson: ReadJson;
  listShape: "page" | "envelope" | "array";
  /** Which of Parchment's two documented forms a create's `data` takes. */
  createdUserShape: "id" | "links";
  tokenLifetimeSeconds: number;
}

const USERS = "/v1/organizations/:organization_id/users";
/** Where a CreatedUserLinks answer points: the user's page in Parchment's portal (its example's URL). */
const PORTAL_USERS = "https://app.parchment.health/dashboard/users/";

export function addRoutes(app: Hono, { state, auth, validator, operation, readJson, listShape, createdUserShape, tokenLifetimeSeconds }: RouteOptions): void {

  app.post("/v1/token", async (c) => {
    const refused = auth.refuseGrant(c);
    if (refused) return refused;
    const userId = c.req.header("x-user-id") ?? "";
    if (!state.users.has(userId)) return unauthorized(c, "authentication-required", "x-user-id is not a user of this organization");
    const read = await readJson(c);
    if ("response" in read) return read.response;
    const violations = validator.validate(operation("createToken").requestSchema!, read.body);
    if (violations.length > 0) return invalidRequest(c, "The token request is not valid", validationIssues(violations));
    const { scope } = read.body as { scope: string[] };
    return success(c, "Token generated successfully", auth.grant(userId, scope, tokenLifetimeSeconds));
  });

  app.get(USERS, (c) => {
    const denied = auth.authorize(c, operation("listUsers"));
    if (denied) return denied;
    const query = c.req.query();
    const limitText = query.limit ?? "20";
    const limit = /^\d{1,3}$/.test(limitText) ? Number(limitText) : Number.NaN;
    if (Number.isNaN(limit) || validator.validate("#/components/parameters/Limit/schema", limit).length > 0) {
      return invalidRequest(c, "limit must be an integer from 1 to 100", [{ field: "limit", message: "limit must be an integer from 1 to 100", code: "VALIDATION_ERROR" }]);
    }
    if (listShape === "array") {
      const all = state.all();
      return success(c, `Retrieved ${all.length} users successfully`, all.map((user) => ({ user_id: user.user_id, email: user.email })));
    }
    const page = state.page(limit, query.lastKey);
    if (!page) return invalidRequest(c, "lastKey is not a cursor of this listing", [{ field: "lastKey", message: "lastKey is not a cursor of this listing", code: "VALIDATION_ERROR" }]);
    const { users, start, total, lastKey } = page;
    if (listShape === "envelope") {
      const pagination = { count: users.length, hasNext: lastKey !== null, limit, offset: start, lastKey };
      return success(c, "Users retrieved successfully", users.map(summary), { pagination });
    }
    return success(c, "Users retrieved successfully", { users: users.map(summary), pagination: { total, limit, lastKey } });
  });

  // Create: 422 for a body the schema refuses, 409 for a taken email or partner_user_id (nothing
  // made), 202 when the demographics match a user already known (made all the same), else 201.
  app.post(USERS, async (c) => {
    const spec = operation("createUser");
    const denied = auth.authorize(c, spec);
    if (denied) return denied;
    const read = await readJson(c);
    if ("response" in read) return read.response;
    const violations = validator.validate(spec.requestSchema!, read.body);
    if (violations.length > 0) return validationFailed(c, "There were some problems with your input.", validationIssues(violations));
    const outcome = state.create(read.body as CreateUserRequest);
    if ("taken" in outcome) {
      return problem(c, { status: 409, type: "resource-conflict", title: "Resource conflict", detail: `User with this ${outcome.taken} already exists`, code: "USER_ALREADY_EXISTS" });
    }
    const { user } = outcome;
    const data =
      createdUserShape === "id"
        ? { user_id: user.user_id }
        : { parchment_user_id: user.user_id, ...(user.external_user_id === undefined ? {} : { external_user_id: user.external_user_id }), url: `${PORTAL_USERS}${user.user_id}` };
    return outcome.demographicConflict
      ? success(c, "User creation accepted; demographic conflicts found", data, { code: "DEMOGRAPHIC_CONFLICT" }, 202)
      : success(c, "User created successfully", data, { code: "USER_CREATED" }, 201);
  });

  const userNotFound = (c: Context) => problem(c, { status: 404, type: "user-not-found", title: "User not found", detail: "No such user in this organization" });
  function findUser(c: Context): StoredUser | Response {
    return state.users.get(c.req.param("user_id") ?? "") ?? userNotFound(c);
  }

  app.get(`${USERS}/:user_id`, (c) => {
    const denied = auth.authorize(c, operation("getUser"));
    if (denied) return denied;
    const user = findUser(c);
    return user instanceof Response ? user : success(c, "User retrieved successfully", render(user));
  });

  /** The common start of both writes: credentials, the user, a JSON body and the schema's verdict on it. */
  async function beginWrite(c: Context, operationId: string) {
    const spec = operation(operationId);
    const denied = auth.authorize(c, spec);
    if (denied) return denied;
    const user = findUser(c);
    if (user instanceof Response) return user;
    const read = await readJson(c);
    if ("response" in read) return read.response;
    return { user, body: read.body, violations: validator.validate(spec.requestSchema!, read.body) };
  }

  app.put(`${USERS}/:user_id`, async (c) => {
    const write = await beginWrite(c, "updateUser");
    if (write instanceof Response) return write;
    const { user, violations } = write;
    if (violations.length > 0) {
      return validationFailed(c, "There were some problems with your input.", validationIssues(violations));
    }
    const updated = state.update(user.user_id, write.body as { full_name?: string; provider_details?: ProviderDetails });
    return updated ? success(c, "User updated successfully", { user_id: updated.user_id }) : userNotFound(c);
  });

  app.put(`${USERS}/:user_id/roles`, async (c) => {
    const write = await beginWrite(c, "updateUserRoles");
    if (write instanceof Response) return write;
    const { user, violations } = write;
    if (violations.length > 0) {
      const roles = (write.body as { access_roles?: unknown } | null)?.access_roles;
      if (!Array.isArray(roles)) {
        return validationFailed(c, "access_roles is required and must be an array", validationIssues(violations));
      }
      // The schema's if/then: rx_reader without receptionist (Parchment's roles table).
      const detail =
        roles.includes("rx_reader") && !roles.includes("receptionist") && violations.some((violation) => violation.keyword === "contains")
          ? RX_READER_MESSAGE
          : ROLES_MESSAGE;
      return problem(c, { status: 400, type: "bad-request", title: "Bad Request", detail, validation: validationIssues(violations) });
    }
    const updated = state.setRoles(user.user_id, (write.body as { access_roles: AccessRole[] }).access_roles);
    return updated ? success(c, "User roles updated successfully", { user_id: updated.user_id, access_roles: updated.access_roles }) : userNotFound(c);
  });

  /** Disable or enable: no body, the change made in one step, 200 whether or not the state changed. */
  const setStatus = (operationId: string, change: (userId: string) => StatusChange | undefined, word: "disabled" | "enabled") => (c: Context) => {
    const denied = auth.authorize(c, operation(operationId));
    if (denied) return denied;
    const result = change(c.req.param("user_id") ?? "");
    if (!result) return userNotFound(c);
    return success(c, result.changed ? `User ${word} successfully` : `User is already ${word}`, { user_id: result.user.user_id });
  };
  app.put(`${USERS}/:user_id/disable`, setStatus("disableUser", state.disable, "disabled"));
  app.put(`${USERS}/:user_id/enable`, setStatus("enableUser", state.enable, "enabled"));
}
