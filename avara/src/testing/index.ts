// avara-autoscribe-contract/testing: a server that behaves like Avara, for consumers' tests.
import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { createReferenceHandler, type ReferenceHandler, type ReferenceServerOptions } from "./reference-server.js";

export { createReferenceHandler } from "./reference-server.js";
export type { Fault, ReferenceHandler, ReferenceServerOptions } from "./reference-server.js";

export interface ReferenceServer extends Omit<ReferenceHandler, "fetch"> {
  /** http://127.0.0.1:PORT; pass as `baseUrl`. */
  baseUrl: string;
  close(): Promise<void>;
}

/** Starts the reference server on 127.0.0.1 (a free port unless `port` is given). */
export function startReferenceServer(options: ReferenceServerOptions & { port?: number } = {}): Promise<ReferenceServer> {
  const handler = createReferenceHandler(options);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: handler.fetch, port: options.port ?? 0, hostname: "127.0.0.1" }, (info: AddressInfo) => {
      const { fetch: _fetch, ...rest } = handler;
      resolve({
        ...rest,
        baseUrl: `http://127.0.0.1:${info.port}`,
        close: () => new Promise<void>((done, fail) => server.close((thrown) => (thrown ? fail(thrown) : done()))),
      });
    });
    server.once("error", reject);
  });
}
