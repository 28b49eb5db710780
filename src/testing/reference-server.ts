// A stateful, in-memory implementation of the contract for tests: the eight operations on the
// shared skeleton (contract-kit/testing), with every request body and parameter validated by
// the schemas of openapi.yaml. Assembled here from its parts: state (the seeded users), auth
// (tokens and credentials), problems (Parchment's answers) and routes.
import { specOperations, type SpecOperation, createSpecValidator } from "contract-kit/spec";
import { createReferenceApp, fetchAt, userReader, type FetchFunction, type ReferenceHandlerBase, randomHex } from "contract-kit/testing/handler";
import { PARCHMENT_SERVERS } from "../types.js";
import { parchmentSpec } from "../contract/parchment-spec.js";
import type { User } from "../types.js";
import { createAuth, type Credentials } from "./auth.js";
import { parchmentAnswers } from "./problems.js";
import { addRoutes } from "./routes.js";
import { createState, render } from "./state.js";

export type { Fault } from "contract-kit/testing";
export { malformedRequestBody } from "./problems.js";

export interface ReferenceServerOptions {
  organizationId?: string;
  organizationSecret?: string;
  partnerId?: string;
  partnerSecret?: string;
  /** The fixed token (every scope, never expiring). Default: a random one. */
  token?: string;
  /** How many users to seed, 0 to 10000. Default 45 (three pages of 20). 0 is an organisation without users. */
  users?: number;
  /**
   * Which documented shape list users answers in. `"page"` (default): `data` is
   * `{ users, pagination: { total, limit, lastKey } }`. `"envelope"`: `data` is a plain array
   * of one page, with `pagination: { count, hasNext, limit, offset, lastKey }` beside it.
   * `"array"`: `data` is every user as `{ user_id, email }`, no pagination.
   */
  listShape?: ListShape;
  /**
   * Which documented form a create's `data` takes (decision 10). `"id"` (default): `{ user_id }`,
   * Parchment's response example. `"links"`: `{ parchment_user_id, external_user_id, url }`,
   * its table of response fields (`external_user_id` only when a `partner_user_id` was sent).
   */
  createdUserShape?: "id" | "links";
  /** Lifetime of issued tokens, in seconds. Default 3600. */
  tokenLifetimeSeconds?: number;
  /** An HTML page to serve at /docs (the rendered contract). */
  docsHtml?: string;
}

export type ListShape = "page" | "envelope" | "array";

export interface ReferenceHandler extends ReferenceHandlerBase<User>, Credentials {
  /** A token carrying every scope, valid for the life of the server. */
  token: string;
  /** A seeded provider (the first user when none is a provider; "" in an organisation without users). */
  userId: string;
  /** Whether a user can sign in (false once disabled, until enabled), or undefined for no such user: no answer of the API shows it. */
  isEnabled(userId: string): boolean | undefined;
  /** This handler as a fetch on a base URL (default Parchment's sandbox): for any client or code that takes an injected fetch. */
  fetchAt(baseUrl?: string): FetchFunction;
}

export function createReferenceHandler(options: ReferenceServerOptions = {}): ReferenceHandler {
  const credentials = {
    organizationId: options.organizationId ?? "3f6c1b2a-8d4e-4f5a-9b7c-1d2e3f4a5b6c",
    organizationSecret: options.organizationSecret ?? `os_ref_${randomHex(12)}`,
    partnerId: options.partnerId ?? "partner_reference",
    partnerSecret: options.partnerSecret ?? `ps_ref_${randomHex(12)}`,
  };
  const validator = createSpecValidator(parchmentSpec);
  const operations = specOperations(validator.document);
  const state = createState(options.users);
  const auth = createAuth(credentials, validator, state.defaultUserId, options.token);
  const reference = createReferenceApp({ answers: parchmentAnswers, faultsEndpoint: true, docsHtml: options.docsHtml });
  addRoutes(reference.app, {
    state,
    auth,
    validator,
    operation: (operationId) => operations.get(operationId) as SpecOperation,
    readJson: reference.readJson,
    listShape: options.listShape ?? "page",
    createdUserShape: options.createdUserShape ?? "id",
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3600,
  });
  return {
    fetch: reference.fetch,
    fetchAt: (baseUrl = PARCHMENT_SERVERS.sandbox) => fetchAt(baseUrl, reference.fetch),
    ...credentials,
    token: auth.fixedToken,
    userId: state.defaultUserId,
    failNext: reference.failNext,
    readUser: userReader(state.users, render),
    isEnabled: (userId) => state.users.get(userId)?.enabled,
  };
}
