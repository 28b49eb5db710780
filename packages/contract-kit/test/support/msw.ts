// MSW's setupServer over a contract's mock handlers, for the msw entry's tests of every
// contract: listening for the file, unhandled requests an error, overrides and state reset
// after each test. Its own subpath (contract-kit/test-support/msw): only these tests load msw.
import { setupServer, type SetupServer } from "msw/node";
import type { RequestHandler } from "msw";
import { afterAll, afterEach, beforeAll } from "vitest";

export function listenWithMocks(mock: { handlers: RequestHandler[]; reset(): void }): SetupServer {
  const server = setupServer(...mock.handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => {
    server.resetHandlers();
    mock.reset();
  });
  afterAll(() => server.close());
  return server;
}
