// Avara's part of the client's observation options (contract-kit/http's observation): the
// options checked when the client is made, where Avara's request id is, the error "throw"
// raises, and what watches the calls (./observer.ts), imported only when the client asked for
// hooks or validation. Avara documents no request id: its `x-request-id` header is read when
// it sends one.
import { observation as shared, type ObservationOptions, type TransportOptions } from "contract-kit/http";
import { AvaraResponseError } from "./errors.js";

export type { ObservationOptions } from "contract-kit/http";

const requestIdOf = (_body: unknown, response: { headers: Headers }) => response.headers.get("x-request-id") ?? undefined;

export const observation = (options: ObservationOptions, redact: (text: string) => string): Pick<TransportOptions, "observer"> =>
  shared(options, {
    redact,
    requestIdOf,
    error: (operation, message, status, fields) => new AvaraResponseError(operation, message, { status, ...fields }),
    load: async () => (await import("./observer.js")).createAvaraObserver,
  });
