// Servers a test file starts, each closed after its test (raw sockets destroyed first, so a
// half-sent request cannot hold close() up).
import { afterEach } from "vitest";
import { destroyAllRaw } from "./raw-socket.js";

/** Wraps `start` so that every server it starts is closed after the test that started it. */
export function closedAfterEach<S extends { close(): Promise<void> }>(start: () => Promise<S>): () => Promise<S> {
  const servers: S[] = [];
  afterEach(async () => {
    destroyAllRaw();
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  return async () => {
    const server = await start();
    servers.push(server);
    return server;
  };
}
