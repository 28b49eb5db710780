// parchment-contract/testing: a server that behaves like Parchment, for consumers' tests.
import { serveOnLoopback, type Served } from "contract-kit/testing";
import { createReferenceHandler, malformedRequestBody, type ReferenceHandler, type ReferenceServerOptions } from "./reference-server.js";

export { createReferenceHandler } from "./reference-server.js";
export type { Fault, ListShape, ReferenceHandler, ReferenceServerOptions } from "./reference-server.js";

/** A running reference server: the handler's fields, `baseUrl` (http://127.0.0.1:PORT) and `close()`. */
export type ReferenceServer = Served<ReferenceHandler>;

/** Starts the reference server on 127.0.0.1 (a free port unless `port` is given). */
export function startReferenceServer(options: ReferenceServerOptions & { port?: number } = {}): Promise<ReferenceServer> {
  return serveOnLoopback(createReferenceHandler(options), options.port, malformedRequestBody);
}
export type { FetchFunction } from "contract-kit/testing/handler";
