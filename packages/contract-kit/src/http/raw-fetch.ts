// The fetch under a vendor's typed openapi-fetch client. openapi-fetch hands its fetch a bare
// Request; only its middleware sees the path template the call was made with (schemaPath).
// Errors must name the operation ("GET /v1/users/{userId}"), never one user's path (an id is
// not the caller's to leak into logs), so a middleware records the template per Request and
// the fetch reads it back. The core does not depend on openapi-fetch: the middleware is typed
// by the one hook it uses, which openapi-fetch's `client.use` accepts.
import { callerSignalOf } from "./call-request.js";
import type { OperationInfo, Transport } from "./transport.js";

/** The part of an openapi-fetch Middleware used here. */
export interface PathTemplateMiddleware {
  onRequest(options: { request: Request; schemaPath: string }): void;
}

export interface RawFetch {
  /** Pass as openapi-fetch's `fetch`: sends each Request on the transport as its operation, bounded by the Request's own (the caller's) signal. */
  fetch(request: Request): Promise<Response>;
  /** Pass to `client.use(...)`: records each Request's path template. */
  middleware: PathTemplateMiddleware;
}

export function createRawFetch(transport: Pick<Transport, "send">): RawFetch {
  const templates = new WeakMap<Request, string>();
  // A Request that did not pass the middleware (none should) is named by its own path.
  const operationOf = (request: Request): OperationInfo => ({ method: request.method, path: templates.get(request) ?? new URL(request.url).pathname });
  return {
    fetch: (request) => transport.send(request, operationOf(request), callerSignalOf(request)),
    middleware: {
      onRequest({ request, schemaPath }) {
        templates.set(request, schemaPath);
      },
    },
  };
}

/**
 * The fetch of one call of a client's own methods, which know their operation and take the
 * caller's signal themselves: an openapi-fetch client of their own (no middleware) called with
 * `parseAs: "text"`. It resolves with the attempt's BufferedResponse as it is: openapi-fetch
 * reads only `status`, `ok`, `headers` and `text()` of it, and the methods hand back data, never
 * the response, so no platform Response is made to be read a second time.
 */
export function bufferedFetch(transport: Pick<Transport, "sendBuffered">, operation: OperationInfo, signal: AbortSignal | undefined): (request: Request) => Promise<Response> {
  return (request) => transport.sendBuffered(request, operation, signal) as Promise<unknown> as Promise<Response>;
}
