// The credentials verify takes, read off a reference server (or a raw server over one): what
// every verify test starts its options from.
import type { VerifyOptions } from "../../src/verify/verify.js";
import type { ReferenceHandler } from "../../src/testing/index.js";

export const credentialsOf = (server: { baseUrl: string; handler: Pick<ReferenceHandler, "organizationId" | "organizationSecret" | "token"> }): VerifyOptions => ({
  baseUrl: server.baseUrl,
  organizationId: server.handler.organizationId,
  organizationSecret: server.handler.organizationSecret,
  token: server.handler.token,
});
