// parchment-contract/msw: the reference handler as MSW request handlers, on Parchment's sandbox
// URL by default, for test suites that mock HTTP with MSW (msw 2, an optional peer dependency:
// only this entry imports it). `createParchmentHandlers().handlers` go to setupServer (Node)
// or setupWorker (a browser); the client then runs against its default base URL, no port.
import { createMswMock, type MswMock } from "contract-kit/msw";
import { createSpecValidator, specOperations } from "contract-kit/spec";
import type { operations } from "../generated/openapi.js";
import { parchmentSpec } from "./contract/parchment-spec.js";
import { createReferenceHandler, type ReferenceHandler, type ReferenceServerOptions } from "./testing/reference-server.js";
import { PARCHMENT_SERVERS } from "./types.js";

export type { MswMock, OverrideBody, OverrideInit, OverrideStatus } from "contract-kit/msw";
export type { FetchFunction } from "contract-kit/testing/handler";
export type { Fault, ReferenceServerOptions } from "./testing/reference-server.js";

export interface ParchmentHandlersOptions extends ReferenceServerOptions {
  /** The base URL the client under test calls. Default: Parchment's sandbox server. */
  baseUrl?: string;
}

export interface ParchmentHandlers extends MswMock<operations>, Pick<ReferenceHandler, "organizationId" | "organizationSecret" | "partnerId" | "partnerSecret" | "token" | "userId" | "failNext" | "readUser" | "isEnabled"> {
  /** Back to the seeded state (users, faults, issued tokens), with the same credentials and token. */
  reset(): void;
}

export function createParchmentHandlers(options: ParchmentHandlersOptions = {}): ParchmentHandlers {
  const { baseUrl = PARCHMENT_SERVERS.sandbox, ...referenceOptions } = options;
  let reference = createReferenceHandler(referenceOptions);
  // Each reset starts again from the same credentials and token, so a client made once keeps working.
  const same = { organizationId: reference.organizationId, organizationSecret: reference.organizationSecret, partnerId: reference.partnerId, partnerSecret: reference.partnerSecret, token: reference.token };
  const validator = createSpecValidator(parchmentSpec);
  const mock = createMswMock<operations>({ baseUrl, fetch: () => reference.fetch, operations: specOperations(validator.document), validator });
  return {
    ...mock,
    ...same,
    userId: reference.userId,
    failNext: (fault) => reference.failNext(fault),
    readUser: (userId) => reference.readUser(userId),
    isEnabled: (userId) => reference.isEnabled(userId),
    reset() {
      reference = createReferenceHandler({ ...referenceOptions, ...same });
    },
  };
}
