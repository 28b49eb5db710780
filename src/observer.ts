// What watches a Parchment client's calls, loaded only when it asked for hooks or validation
// (./observation.ts): the core's observer with Parchment's operation ids, where it puts its
// request id, its generated validators (a further import, only when validation is on) and
// the listing ones (another, on the first response that breaks a rule).
import { createObserver, type ObserverSettings } from "contract-kit/http";
import { operationIds } from "../generated/operations.js";

/**
 * Parchment puts the request id in the body: the success envelope and the error envelope alike.
 * (Written out rather than with the core's isObject, which the client's entry holds: importing
 * it here would make the bundler split it into a chunk the entry loads too.)
 */
const requestIdOf = (body: unknown) => {
  const id = typeof body === "object" && body !== null ? (body as { requestId?: unknown }).requestId : undefined;
  return typeof id === "string" ? id : undefined;
};

export const createParchmentObserver = (settings: ObserverSettings) =>
  createObserver(settings, {
    operationIds,
    requestIdOf,
    load: async () => (await import("../generated/response-validators.js")).responseValidators,
    loadListing: async () => (await import("../generated/response-violations.js")).responseValidators,
  });
