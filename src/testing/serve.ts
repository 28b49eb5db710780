// Serves a reference handler on 127.0.0.1, for both contracts' `testing` entries.
import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";

/** What a running reference server gives: the handler's fields, its URL, and a way to stop it. */
export type Served<H> = Omit<H, "fetch"> & {
  /** http://127.0.0.1:PORT; pass as `baseUrl`. */
  baseUrl: string;
  close(): Promise<void>;
};

/** Listens on 127.0.0.1 (a free port unless `port` is given) and resolves once it does. */
export function serveOnLoopback<H extends { fetch: (request: Request) => Response | Promise<Response> }>(handler: H, port = 0): Promise<Served<H>> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: handler.fetch, port, hostname: "127.0.0.1" }, (info: AddressInfo) => {
      const { fetch: _fetch, ...rest } = handler;
      resolve({
        ...rest,
        baseUrl: `http://127.0.0.1:${info.port}`,
        close: () => new Promise<void>((done, fail) => server.close((error) => (error ? fail(error) : done()))),
      });
    });
    server.once("error", reject);
  });
}
