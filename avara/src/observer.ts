// What watches an Avara client's calls, loaded only when it asked for hooks or validation
// (./observation.ts): the core's observer with Avara's operation ids, where its request id is,
// its generated validators (a further import, only when validation is on) and the listing
// ones (another, on the first response that breaks a rule).
import { createObserver, type ObserverSettings } from "contract-kit/http";
import { operationIds } from "../generated/operations.js";

/** Avara documents no request id: its `x-request-id` header is read when it sends one. */
const requestIdOf = (_body: unknown, response: { headers: Headers }) => response.headers.get("x-request-id") ?? undefined;

export const createAvaraObserver = (settings: ObserverSettings) =>
  createObserver(settings, {
    operationIds,
    requestIdOf,
    load: async () => (await import("../generated/response-validators.js")).responseValidators,
    loadListing: async () => (await import("../generated/response-violations.js")).responseValidators,
  });
