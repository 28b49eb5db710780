// The options every client takes for watching its calls (validateResponses, onDrift, onRequest,
// onResponse), checked when the client is made, and what they become on the transport: a
// loader of the observer (observer.ts), which the vendor imports lazily with its operation ids
// and validators. A client that watches nothing gets no loader, and loads and ships none of it.
// The checks are here, not beside the code they configure, so that the client's entry holds
// them alone: drift.ts and observe.ts go into the lazily loaded chunk.
import type { DriftEvent, ValidateResponses } from "./drift.js";
import type { Hooks, RequestEvent, ResponseEvent } from "./observe.js";
import { check } from "./options.js";
import type { Observer, ObserverSettings } from "./observer.js";
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

/** The vendor's lazy import of its observer: `() => import("./observer.js").then((module) => module.createVendorObserver)`. */
export type LoadObserver = () => Promise<(settings: ObserverSettings) => Observer>;

/** What a vendor's client entry says of its responses (its redaction and response error) and its lazy import of the rest. */
export interface VendorObservation extends Pick<ObserverSettings, "redact" | "error"> {
  load: LoadObserver;
}

export function observation(options: ObservationOptions, vendor: VendorObservation): Pick<TransportOptions, "observer"> {
  const { mode, onDrift } = validateResponsesOption(options.validateResponses, options.onDrift);
  const hooks = hooksOption(options.onRequest, options.onResponse);
  if (mode === "off" && !hooks) return {};
  let loaded: Promise<Observer> | undefined;
  const { load, ...words } = vendor;
  return { observer: () => (loaded ??= load().then((create) => create({ mode, onDrift, hooks, ...words }))) };
}

const MODES: readonly ValidateResponses[] = ["off", "report", "throw"];

/** The validateResponses option, checked: "off" by default; "report" needs an onDrift function. */
export function validateResponsesOption(mode: unknown, onDrift: unknown): { mode: ValidateResponses; onDrift: ((event: DriftEvent) => void) | undefined } {
  const value = mode ?? "off";
  check(MODES.includes(value as ValidateResponses), "validateResponses", '"off", "report" or "throw"');
  check(onDrift === undefined || typeof onDrift === "function", "onDrift", "a function");
  check(value !== "report" || onDrift !== undefined, "onDrift", 'a function when validateResponses is "report"');
  return { mode: value as ValidateResponses, onDrift: onDrift as ((event: DriftEvent) => void) | undefined };
}

/** The hooks options, checked. */
export function hooksOption(onRequest: unknown, onResponse: unknown): Hooks | undefined {
  check(onRequest === undefined || typeof onRequest === "function", "onRequest", "a function");
  check(onResponse === undefined || typeof onResponse === "function", "onResponse", "a function");
  if (onRequest === undefined && onResponse === undefined) return undefined;
  return { onRequest: onRequest as Hooks["onRequest"], onResponse: onResponse as Hooks["onResponse"] };
}
