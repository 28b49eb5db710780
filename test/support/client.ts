// The one test-client factory: a client on an injected fetch with the fixture credentials.
import { createParchmentClient, type ParchmentClientOptions, type ParchmentError } from "../../src/index.js";
import { failure as failureOf } from "contract-kit/test-support";
import { BASE, ORG, ORG_SECRET, TOKEN, fakeFetch, type Handler } from "./fake-fetch.js";

export function testClient(handler: Handler, options: Partial<ParchmentClientOptions> = {}) {
  const fetch = fakeFetch(handler);
  const client = createParchmentClient({ baseUrl: BASE, organizationId: ORG, organizationSecret: ORG_SECRET, token: TOKEN, fetch, ...options });
  return { client, fetch };
}

/** The error a call of the Parchment client rejects with; fails the test if it resolves. */
export const failure = (promise: Promise<unknown>) => failureOf<ParchmentError>(promise);
