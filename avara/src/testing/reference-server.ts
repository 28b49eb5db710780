// A stateful, in-memory implementation of Avara's contract for tests: both operations on the
// shared skeleton (contract-kit/testing), every body validated by the schemas of
// avara/openapi.yaml. Assembled here from its parts: state (the seeded users and Avara's
// rules), auth (the API key), problems (our error shape: Avara documents none) and routes.
import { specOperations, type SpecOperation, createSpecValidator } from "contract-kit/spec";
import { createReferenceApp, fetchAt, userReader, type FetchFunction, type ReferenceHandlerBase } from "contract-kit/testing/handler";
import { AVARA_SERVERS } from "../types.js";
import { avaraSpec } from "../contract/spec.js";
import type { User } from "../types.js";
import { apiKeyOption, requireApiKey } from "./auth.js";
import { avaraAnswers } from "./problems.js";
import { addRoutes } from "./routes.js";
import { createState } from "./state.js";

export type { Fault } from "contract-kit/testing";
export { malformedRequestBody } from "./problems.js";
export { storedUserProblem } from "./state.js";

export interface ReferenceServerOptions {
  /** The API key the server accepts; default a fresh `sk_test_...` per server. */
  apiKey?: string;
  /** An HTML page to serve at /docs (the rendered contract), `/` redirecting there. */
  docsHtml?: string;
}

export interface ReferenceHandler extends ReferenceHandlerBase<User> {
  /** The one API key the server accepts. */
  apiKey: string;
  /** A seeded radiologist who can create reports (Avara's example user). */
  userId: string;
  /** Every seeded user's id. */
  userIds: string[];
  /** This handler as a fetch on a base URL (default Avara's server): for any client or code that takes an injected fetch. */
  fetchAt(baseUrl?: string): FetchFunction;
}

export function createReferenceHandler(options: ReferenceServerOptions = {}): ReferenceHandler {
  const apiKey = apiKeyOption(options.apiKey);
  const validator = createSpecValidator(avaraSpec);
  const state = createState();
  const reference = createReferenceApp({ answers: avaraAnswers, authenticate: requireApiKey(apiKey), docsHtml: options.docsHtml });
  addRoutes(reference.app, { state, validator, update: specOperations(avaraSpec).get("updateUser") as SpecOperation, readJson: reference.readJson });
  const seeded = [...state.users.keys()];
  return {
    fetch: reference.fetch,
    fetchAt: (baseUrl = AVARA_SERVERS.production) => fetchAt(baseUrl, reference.fetch),
    apiKey,
    userId: seeded[0]!,
    userIds: seeded,
    failNext: reference.failNext,
    readUser: userReader(state.users, (user) => user),
  };
}
