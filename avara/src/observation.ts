// Avara's part of the client's observation options (contract-kit/http's observation): the
// generated validators (imported only when validation is on) and AvaraResponseError for
// "throw". Avara documents no request id: its `x-request-id` header is read when it sends one.
import { observation as shared, type ObservationOptions, type TransportOptions } from "contract-kit/http";
import { AvaraResponseError } from "./errors.js";

export type { ObservationOptions } from "contract-kit/http";

const requestIdOf = (_body: unknown, response: { headers: Headers }) => response.headers.get("x-request-id") ?? undefined;

export const observation = (options: ObservationOptions, redact: (text: string) => string): Pick<TransportOptions, "hooks" | "inspect" | "requestIdOf"> =>
  shared(options, {
    redact,
    requestIdOf,
    load: async () => (await import("../generated/response-validators.js")).responseValidators,
    error: (operation, message, status, fields) => new AvaraResponseError(operation, message, { status, ...fields }),
  });
