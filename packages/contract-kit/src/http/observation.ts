// The options every client takes for watching its calls (validateResponses, onDrift, onRequest,
// onResponse) and what they become on the transport: the checked hooks, the vendor's request
// id, and the drift check on the vendor's generated validators, which the vendor imports
// lazily (a separate chunk: a client with validation off loads and ships none of it).
import { createDriftCheck, validateResponsesOption, type DriftCheckOptions, type DriftEvent, type ValidateResponses } from "./drift.js";
import { hooksOption, type RequestEvent, type ResponseEvent } from "./observe.js";
import type { TransportOptions } from "./transport.js";

export interface ObservationOptions {
  /**
   * Checks every response against the contract's schema for its status: `"off"` (default, and
   * nothing of the validators is loaded), `"report"` (onDrift is told, the call goes on) or
   * `"throw"` (the package's response error, listing the violations).
   */
  validateResponses?: ValidateResponses | undefined;
  /** Told of each response that does not match the contract: where (JSON pointers) and which rules, never a value. */
  onDrift?: ((event: DriftEvent) => void) | undefined;
  /** Called before each attempt (retries and token refreshes included) with the operation and attempt number. */
  onRequest?: ((event: RequestEvent) => void) | undefined;
  /** Called after each attempt with its status, duration and request id; never a header or a body. */
  onResponse?: ((event: ResponseEvent) => void) | undefined;
}

export type VendorObservation = Pick<DriftCheckOptions, "load" | "error" | "requestIdOf" | "redact">;

export function observation(options: ObservationOptions, vendor: VendorObservation): Pick<TransportOptions, "hooks" | "inspect" | "requestIdOf"> {
  const { mode, onDrift } = validateResponsesOption(options.validateResponses, options.onDrift);
  return {
    hooks: hooksOption(options.onRequest, options.onResponse),
    requestIdOf: vendor.requestIdOf,
    inspect: createDriftCheck({ mode, onDrift, ...vendor }),
  };
}
