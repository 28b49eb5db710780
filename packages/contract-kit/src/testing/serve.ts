// Serves a reference handler on 127.0.0.1, for both contracts' `testing` entries.
import { RequestError, getRequestListener } from "@hono/node-server";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";

/** What a running reference server gives: the handler's fields, its URL, and a way to stop it. */
export type Served<H> = Omit<H, "fetch"> & {
  /** http://127.0.0.1:PORT; pass as `baseUrl`. */
  baseUrl: string;
  /** Stops listening and ends every connection within CLOSE_GRACE_MS, a half-sent request's included. */
  close(): Promise<void>;
};

/** The JSON error body of a request Node refuses before the handler sees it, in the vendor's shape. */
export type MalformedRequestBody = (status: RefusedStatus, title: string, detail: string) => unknown;

/** The statuses Node's own refusals are answered with. */
export type RefusedStatus = 400 | 405 | 417 | 431;

/**
 * How long close() lets a request already being answered finish. Node's server.close() waits
 * for every open connection, and a client holding a half-sent request keeps one open until
 * Node's own timeouts (60 s for headers, 300 s for a request): a test runner's teardown hung
 * that long. After the grace every connection is ended.
 */
export const CLOSE_GRACE_MS = 250;

/** A raw HTTP/1.1 answer with a JSON body, for a socket the handler never sees; the connection ends with it. */
function rawAnswer(status: RefusedStatus, reason: string, body: unknown): string {
  const text = JSON.stringify(body);
  return `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`;
}

/** Ends `server`: no new connections, idle ones at once, the rest after CLOSE_GRACE_MS. */
export function closeServer(server: Server): Promise<void> {
  return new Promise<void>((done, fail) => {
    const force = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
    server.close((error) => {
      clearTimeout(force);
      // Closing twice is not a failure: the server is stopped either way.
      if (error && (error as NodeJS.ErrnoException).code !== "ERR_SERVER_NOT_RUNNING") fail(error);
      else done();
    });
    server.closeIdleConnections();
  });
}

/** Said of a request target @hono/node-server cannot make a URL of (OPTIONS *, a path with a backslash) or a Host that is no host. */
const NOT_A_URL = "The request target must be a path (starting with /, without a backslash) and the Host header a host name";

/**
 * Listens on 127.0.0.1 (a free port unless `port` is given) and resolves once it does. A
 * request Node refuses before the handler sees it (headers or a path over 16 kB, a broken
 * request line, an Expect it cannot meet, a CONNECT), or that @hono/node-server cannot make a
 * Request of (an asterisk-form target, OPTIONS *; a Host that is no host), is answered with
 * `malformed`'s JSON body rather than a bare status or a dropped connection.
 */
export function serveOnLoopback<H extends { fetch: (request: Request) => Response | Promise<Response> }>(
  handler: H,
  port = 0,
  malformed?: MalformedRequestBody,
): Promise<Served<H>> {
  return new Promise((resolve, reject) => {
    // What @hono/node-server's serve() builds, with an errorHandler it does not pass on: without
    // one, a request it cannot make a URL of gets a bare 400 with an empty body.
    const listener = getRequestListener(handler.fetch, {
      hostname: "127.0.0.1",
      errorHandler: malformed
        ? (error) => {
            // Only a request it could not build; the handler's fetch never throws (it returns a promise).
            if (!(error instanceof RequestError)) return new Response(null, { status: 500 });
            return new Response(JSON.stringify(malformed(400, "Bad Request", NOT_A_URL)), { status: 400, headers: { "content-type": "application/json" } });
          }
        : undefined,
    });
    const server = createServer(listener);
    server.listen(port, "127.0.0.1", () => {
      const { fetch: _fetch, ...rest } = handler;
      resolve({ ...rest, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => closeServer(server) });
    });
    server.once("error", reject);
    if (malformed) {
      server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => {
        if (!socket.writable) return void socket.destroy();
        const oversized = error.code === "HPE_HEADER_OVERFLOW";
        const [status, reason] = oversized ? ([431, "Request Header Fields Too Large"] as const) : ([400, "Bad Request"] as const);
        const detail = oversized ? "The request line or headers are larger than 16 kB" : "The request is not valid HTTP";
        socket.end(rawAnswer(status, reason, malformed(status, reason, detail)));
      });
      // Without a listener Node answers a bare 417 to any Expect but 100-continue.
      server.on("checkExpectation", (_request: IncomingMessage, response) => {
        const reason = "Expectation Failed";
        const body = JSON.stringify(malformed(417, reason, "Only Expect: 100-continue is supported"));
        response.shouldKeepAlive = false;
        response.writeHead(417, reason, { "content-type": "application/json", "content-length": Buffer.byteLength(body) }).end(body);
      });
      // Without a listener Node drops a CONNECT's connection without a word.
      server.on("connect", (_request: IncomingMessage, socket: Duplex) => {
        const reason = "Method Not Allowed";
        socket.end(rawAnswer(405, reason, malformed(405, reason, "CONNECT is not supported: this server is not a proxy")));
      });
    }
  });
}
