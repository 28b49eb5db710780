// avara-autoscribe-contract/msw: the reference handler as MSW request handlers, on Avara's
// server URL by default, for test suites that mock HTTP with MSW (msw 2, an optional peer
// dependency: only this entry imports it). `createAvaraHandlers().handlers` go to setupServer
// (Node) or setupWorker (a browser); the client then runs against its default base URL.
import { createMswMock, type MswMock } from "contract-kit/msw";
import { createSpecValidator, specOperations } from "contract-kit/spec";
import type { operations } from "../generated/openapi.js";
import { avaraSpec } from "./contract/spec.js";
import { createReferenceHandler, type ReferenceHandler, type ReferenceServerOptions } from "./testing/reference-server.js";
import { AVARA_SERVERS } from "./types.js";

export type { MswMock, OverrideBody, OverrideInit, OverrideStatus } from "contract-kit/msw";
export type { FetchFunction } from "contract-kit/testing/handler";
export type { Fault, ReferenceServerOptions } from "./testing/reference-server.js";

export interface AvaraHandlersOptions extends ReferenceServerOptions {
  /** The base URL the client under test calls. Default: Avara's production server (its only one). */
  baseUrl?: string;
}

export interface AvaraHandlers extends MswMock<operations>, Pick<ReferenceHandler, "apiKey" | "userId" | "userIds" | "failNext" | "readUser"> {
  /** Back to the seeded users and no pending fault, with the same API key. */
  reset(): void;
}

export function createAvaraHandlers(options: AvaraHandlersOptions = {}): AvaraHandlers {
  const { baseUrl = AVARA_SERVERS.production, ...referenceOptions } = options;
  let reference = createReferenceHandler(referenceOptions);
  // Each reset starts again from the same API key, so a client made once keeps working.
  const { apiKey } = reference;
  const validator = createSpecValidator(avaraSpec);
  const mock = createMswMock<operations>({ baseUrl, fetch: () => reference.fetch, operations: specOperations(validator.document), validator });
  return {
    ...mock,
    apiKey,
    userId: reference.userId,
    userIds: reference.userIds,
    failNext: (fault) => reference.failNext(fault),
    readUser: (userId) => reference.readUser(userId),
    reset() {
      reference = createReferenceHandler({ ...referenceOptions, apiKey });
    },
  };
}
