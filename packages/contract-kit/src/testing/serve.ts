// Serves a reference handler on 127.0.0.1, for both contracts' `testing` entries.
import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";

/** What a running reference server gives: the handler's fields, its URL, and a way to stop it. */
export type Served<H> = Omit<H, "fetch"> & {
  /** http://127.0.0.1:PORT; pass as `baseUrl`. */
  baseUrl: string;
  close(): Promise<void>;
};

/** The JSON error body of a request too malformed to reach the handler, in the vendor's shape. */
export type MalformedRequestBody = (status: 400 | 431, title: string, detail: string) => unknown;

/**
 * Listens on 127.0.0.1 (a free port unless `port` is given) and resolves once it does. A
 * request Node refuses before the handler sees it (headers or a path over 16 kB, a broken
 * request line) is answered with `malformed`'s JSON body rather than Node's bare status.
 */
export function serveOnLoopback<H extends { fetch: (request: Request) => Response | Promise<Response> }>(
  handler: H,
  port = 0,
  malformed?: MalformedRequestBody,
): Promise<Served<H>> {
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
    if (malformed) {
      server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => {
        if (!socket.writable) return void socket.destroy();
        const oversized = error.code === "HPE_HEADER_OVERFLOW";
        const [status, reason] = oversized ? ([431, "Request Header Fields Too Large"] as const) : ([400, "Bad Request"] as const);
        const detail = oversized ? "The request line or headers are larger than 16 kB" : "The request is not valid HTTP";
        const body = JSON.stringify(malformed(status, reason, detail));
        socket.end(`HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
      });
    }
  });
}
