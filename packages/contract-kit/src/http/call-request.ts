// The Request a typed openapi-fetch client builds for each call (its `Request` option), made
// so that the transport can send it as it is on the first attempt instead of copying it: it
// never follows redirects, and when the caller gave no signal of its own it carries the signal
// of a controller kept here, which the attempt aborts at its deadline (src/attempt.ts). A
// caller's own signal is left on the Request as given (the transport then copies, as before).

const controllers = new WeakMap<Request, AbortController>();

export class CallRequest extends Request {
  constructor(input: RequestInfo | URL, init: RequestInit = {}) {
    const controller = init.signal ? undefined : new AbortController();
    super(input, controller ? { ...init, redirect: "manual", signal: controller.signal } : { ...init, redirect: "manual" });
    if (controller) controllers.set(this, controller);
  }

  // openapi-fetch checks what a middleware returns against the Request class it was given: any
  // Request (a middleware's `new Request(...)`) must pass, as with the platform's class.
  static override [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof globalThis.Request || Function.prototype[Symbol.hasInstance].call(this, value);
  }
}

/**
 * The controller whose signal `request` carries, for the transport to use once: taken off the
 * request, so that a second attempt (or a second transport) copies it instead.
 */
export function takeController(request: Request): AbortController | undefined {
  const controller = controllers.get(request);
  controllers.delete(request);
  return controller;
}

/** The caller's signal on a Request: none when the Request carries only a controller of ours. */
export const callerSignalOf = (request: Request): AbortSignal | undefined => (controllers.has(request) ? undefined : request.signal);
