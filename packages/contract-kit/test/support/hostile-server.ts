// Real servers on 127.0.0.1 for the tests of failure paths: each counts its requests and
// connections, and stops by itself (every connection destroyed) when the test ends or, at
// the latest, after 60 seconds.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface TestServer {
  url: string;
  /** Requests received so far: method, URL, headers, body, and whether their connection has closed. */
  requests: { method: string; url: string; headers: IncomingMessage["headers"]; body: string; closed: boolean }[];
  /** Whether the connection of every request received so far has been closed. */
  allRequestConnectionsClosed(): boolean;
  close(): Promise<void>;
}

const running = new Set<TestServer>();

export async function startServer(handler: (request: IncomingMessage, response: ServerResponse, body: string) => void): Promise<TestServer> {
  const sockets = new Set<Socket>();
  const requests: TestServer["requests"] = [];
  const server = createServer((request, response) => {
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
