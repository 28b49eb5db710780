// Observability hooks: onRequest before each attempt, onResponse after it, for tracing and
// metrics. They receive what identifies a call (operation id, method, path template, attempt)
// and what it came to (status, duration, the server's request id), never a header value, a
// URL with its parameters, or a body: what a hook sees may go to any telemetry backend.
import type { OperationInfo } from "./transport.js";

export interface RequestEvent {
  operationId: string;
  method: string;
  /** The path template ("/v1/users/{user_id}"), never one call's path. */
  path: string;
  /** 1 for the first attempt, 2 for the first resend (a retry or a token refresh), ... */
  attempt: number;
}

export interface ResponseEvent extends RequestEvent {
  /** The HTTP status; undefined when no response arrived. */
  status: number | undefined;
  /** From sending the request to having read the whole body (or failing), in milliseconds. */
  durationMs: number;
  /** The server's request id, when it sent one (redacted). */
  requestId: string | undefined;
  /** Why there is no usable response, when there is none ("aborted": the caller's signal). */
  error: "timeout" | "network" | "too-large" | "not-a-response" | "aborted" | undefined;
}

export interface Hooks {
  /** Called before each attempt. A hook that throws is ignored: it never changes the call. */
  onRequest?: ((event: RequestEvent) => void) | undefined;
  /** Called after each attempt, whether it got a response or not. A hook that throws is ignored. */
  onResponse?: ((event: ResponseEvent) => void) | undefined;
}

/** Calls a hook; what it throws is dropped, since an observer must not fail the call it observes. */
export function callHook<E>(hook: ((event: E) => unknown) | undefined, event: E): void {
  if (!hook) return;
  try {
    const result = hook(event) as { then?: unknown } | undefined;
    // An async hook's rejection is dropped too, rather than left unhandled.
    if (typeof result?.then === "function") (result as Promise<unknown>).then(undefined, () => {});
  } catch {
    // ignored on purpose (see above)
  }
}

/** The operation id of a call, from the contract's generated table; the method and template when the contract has none for it. */
export const operationIdOf = (operationIds: Readonly<Record<string, string>>, operation: OperationInfo): string =>
  operationIds[`${operation.method} ${operation.path}`] ?? `${operation.method} ${operation.path}`;
