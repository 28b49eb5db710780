// What watches an Avara client's calls, loaded only when it asked for hooks or validation
// (./observation.ts): the core's observer with Avara's operation ids and its generated
// validators (a further import, only when validation is on).
import { createObserver, type ObserverSettings } from "contract-kit/http";
import { operationIds } from "../generated/operations.js";

export const createAvaraObserver = (settings: ObserverSettings) =>
  createObserver(settings, { operationIds, load: async () => (await import("../generated/response-validators.js")).responseValidators });
