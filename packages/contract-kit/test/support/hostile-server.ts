// Real servers on 127.0.0.1 for the tests of failure paths: each counts its requests and
// connections, and stops by itself (every connection destroyed) when the test ends or, at
// the latest, after 60 seconds.
import { createServer, type IncomingMessage, type ServerOptions, type ServerResponse } from "node:http";
import net, { type AddressInfo, type Socket } from "node:net";

export interface TestServer {
  url: string;
  /** Requests received so far: method, URL, headers, body, and whether their connection has closed. */
  requests: { method: string; url: string; headers: IncomingMessage["headers"]; body: string; closed: boolean }[];
  /** Whether the connection of every request received so far has been closed. */
  allRequestConnectionsClosed(): boolean;
  close(): Promise<void>;
}

const running = new Set<{ close(): Promise<void> }>();

/** `options` are node:http's (a maxHeaderSize above 16 kB for a request that carries a 16 kB token, say). */
export async function startServer(handler: (request: IncomingMessage, response: ServerResponse, body: string) => void, options: ServerOptions = {}): Promise<TestServer> {
  const sockets = new Set<Socket>();
  const requests: TestServer["requests"] = [];
  const server = createServer(options, (request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const entry = { method: request.method!, url: request.url!, headers: request.headers, body, closed: request.socket.destroyed };
      request.socket.once("close", () => (entry.closed = true));
      requests.push(entry);
      handler(request, response, body);
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const stopAfter = setTimeout(() => void test.close(), 60_000);
  stopAfter.unref();
  const test: TestServer = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    allRequestConnectionsClosed: () => requests.every((request) => request.closed),
    close: () =>
      new Promise<void>((resolve) => {
        clearTimeout(stopAfter);
        running.delete(test);
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  running.add(test);
  return test;
}

/** Closes every server still running: call from afterEach. */
export const closeAllServers = () => Promise.all([...running].map((server) => server.close()));

/** Parchment's success envelope around `data`. */
export const envelope = (data: unknown) =>
  JSON.stringify({ success: true, statusCode: 200, message: "OK", data, timestamp: "2024-01-15T10:30:00.000Z", requestId: "req_ok" });

/**
 * A server that answers 200 and streams up to 100 MB as fast as the client reads it; `written()`
 * says how much it got out, so a test can tell that the client stopped reading at its cap.
 */
export async function startFloodingServer(): Promise<TestServer & { written(): number }> {
  let written = 0;
  const server = await startServer((_request, response) => {
    response.writeHead(200, { "content-type": "application/json" });
    const chunk = Buffer.alloc(64 * 1024, 32);
    const pump = () => {
      while (!response.destroyed && written < 100 * 1024 * 1024 && response.write(chunk)) written += chunk.length;
      if (!response.destroyed && written < 100 * 1024 * 1024) response.once("drain", pump);
    };
    pump();
  });
  return Object.assign(server, { written: () => written });
}

/**
 * A server that answers every request with a broken response holding the raw request (its
 * credentials included) in a header: Node's parser error then carries those bytes on its
 * `data` field, which no error shown may keep. Closed with closeAllServers.
 */
export async function startRequestEchoServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.once("data", (request) => socket.end(`HTTP/1.1 200 OK\r\nx-echo: ${request.toString("latin1").replace(/\r\n/g, "\u0001")}\r\ncontent-length: 2\r\n\r\n{}`));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const echo = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      running.delete(echo);
    },
  };
  running.add(echo);
  return echo;
}
