// The reference server's two routes: read a user, and update one with a body validated by
// the schemas of avara/openapi.yaml (its first few violations named in the 400).
import type { Context, Hono } from "hono";
import type { SpecOperation, SpecValidator } from "contract-kit/spec";
import type { ReadJson } from "contract-kit/testing";
import type { UpdateUserRequest } from "../types.js";
import { error } from "./problems.js";
import type { State } from "./state.js";

export interface RouteOptions {
  state: State;
  validator: SpecValidator;
  /** The spec's updateUser operation. */
  update: SpecOperation;
  readJson: ReadJson;
}

const USER = "/v1/autoScribe/users/:userId";

export function addRoutes(app: Hono, { state, validator, update, readJson }: RouteOptions): void {
  const findUser = (c: Context) => state.users.get(c.req.param("userId") ?? "");
  const notFound = (c: Context) => error(c, 404, "not_found", "No such user");

  app.get(USER, (c) => {
    const user = findUser(c);
    return user ? c.json(user, 200) : notFound(c);
  });

  app.patch(USER, async (c) => {
    if (!findUser(c)) return notFound(c);
    const read = await readJson(c);
    if ("response" in read) return read.response;
    const violations = validator.validate(update.requestSchema!, read.body).filter((violation) => violation.keyword !== "if");
    if (violations.length > 0) {
      const first = violations.slice(0, 5).map((violation) => {
        const extra = violation.params.additionalProperty;
        const field = `${violation.path.slice(1).replaceAll("/", ".")}${typeof extra === "string" ? extra : ""}` || "body";
        return `${field}: ${violation.message}`;
      });
      return error(c, 400, "invalid_request_error", first.join("; "));
    }
    // By id, after the body arrived: the user as it is now, not as it was before the await.
    const updated = state.update(c.req.param("userId") ?? "", read.body as UpdateUserRequest);
    if (!updated) return notFound(c);
    return "problem" in updated ? error(c, 422, "invalid_request_error", updated.problem) : c.json(updated.user, 200);
  });
}
