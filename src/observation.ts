// What the client's validateResponses, onDrift, onRequest and onResponse options become on the
// shared transport: the checked hooks, Parchment's requestId (the envelope's `requestId`), and
// the drift check on the validators generated from openapi.yaml, imported only when asked for
// (a separate chunk: a client with validation off loads and ships none of it).
import { createDriftCheck, hooksOption, isObject, validateResponsesOption, type DriftEvent, type RequestEvent, type ResponseEvent, type TransportOptions, type ValidateResponses } from "contract-kit/http";
import { ParchmentResponseError } from "./errors.js";

export interface ObservationOptions {
  validateResponses?: ValidateResponses | undefined;
  onDrift?: ((event: DriftEvent) => void) | undefined;
  onRequest?: ((event: RequestEvent) => void) | undefined;
  onResponse?: ((event: ResponseEvent) => void) | undefined;
}

/** Parchment puts the request id in the body: the success envelope and the error envelope alike. */
const requestIdOf = (body: unknown) => (isObject(body) && typeof body.requestId === "string" ? body.requestId : undefined);

export function observation(options: ObservationOptions, redact: (text: string) => string): Pick<TransportOptions, "hooks" | "inspect" | "requestIdOf"> {
  const { mode, onDrift } = validateResponsesOption(options.validateResponses, options.onDrift);
  return {
    hooks: hooksOption(options.onRequest, options.onResponse),
    requestIdOf,
    inspect: createDriftCheck({
      mode,
      onDrift,
      redact,
      requestIdOf,
      load: async () => (await import("../generated/response-validators.js")).responseValidators,
      error: (operation, message, status, fields) => new ParchmentResponseError(operation, message, { status, ...fields }),
    }),
  };
}
