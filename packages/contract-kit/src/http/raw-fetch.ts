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
