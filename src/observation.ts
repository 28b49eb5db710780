// Parchment's part of the client's observation options (contract-kit/http's observation): the
// request id from the envelope, the generated validators (imported only when validation is on),
// and ParchmentResponseError for "throw".
import { isObject, observation as shared, type ObservationOptions, type TransportOptions } from "contract-kit/http";
import { ParchmentResponseError } from "./errors.js";

export type { ObservationOptions } from "contract-kit/http";

/** Parchment puts the request id in the body: the success envelope and the error envelope alike. */
const requestIdOf = (body: unknown) => (isObject(body) && typeof body.requestId === "string" ? body.requestId : undefined);

export const observation = (options: ObservationOptions, redact: (text: string) => string): Pick<TransportOptions, "hooks" | "inspect" | "requestIdOf"> =>
  shared(options, {
    redact,
    requestIdOf,
    load: async () => (await import("../generated/response-validators.js")).responseValidators,
    error: (operation, message, status, fields) => new ParchmentResponseError(operation, message, { status, ...fields }),
  });
