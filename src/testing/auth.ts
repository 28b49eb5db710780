// Who may call the reference server: the partner's credentials for a token grant, the bearer
// tokens it has issued (a fixed one carrying every scope, and those from POST /v1/token), and
// the checks of every user route: 401 credentials, 403 scope, 400/404 organisation.
import { randomBase64url } from "contract-kit/testing/handler";
import type { Context } from "hono";
import type { SpecOperation, SpecValidator } from "contract-kit/spec";
import { SCOPES } from "../types.js";
import { badRequest, problem, unauthorized } from "./problems.js";

/** The organisation's and the partner's ids and secrets. */
export interface Credentials {
  organizationId: string;
  organizationSecret: string;
  partnerId: string;
  partnerSecret: string;
}

interface Grant {
  scopes: string[];
  expiresAt: number;
  userId: string;
}

// Every scope the spec names: the reference server's fixed token carries them all.
const ALL_SCOPES: readonly string[] = SCOPES;
const newToken = () => `ref_${randomBase64url(24)}`;

export function createAuth(credentials: Credentials, validator: SpecValidator, defaultUserId: string, token?: string) {
  const { organizationId, organizationSecret, partnerId, partnerSecret } = credentials;
  const tokens = new Map<string, Grant>();
  const fixedToken = token ?? newToken();
  tokens.set(fixedToken, { scopes: [...ALL_SCOPES], expiresAt: Number.POSITIVE_INFINITY, userId: defaultUserId });

  return {
    fixedToken,

    /** The 401 for a token request without the partner's and organisation's credentials, if it lacks them. */
    refuseGrant(c: Context): Response | undefined {
      const h = (name: string) => c.req.header(name);
      if (h("x-partner-id") !== partnerId || h("x-partner-secret") !== partnerSecret || h("x-organization-id") !== organizationId || h("x-organization-secret") !== organizationSecret) {
        return unauthorized(c, "authentication-required", "Partner or organization credentials are not valid");
      }
      return undefined;
    },

    /** A new token for `userId` with the requested scopes the spec knows; what POST /v1/token answers as data. */
    grant(userId: string, requested: string[], lifetimeSeconds: number) {
      const scope = requested.filter((name) => ALL_SCOPES.includes(name));
      const accessToken = newToken();
      tokens.set(accessToken, { scopes: scope, expiresAt: Date.now() + lifetimeSeconds * 1000, userId });
      return { accessToken, expiresIn: lifetimeSeconds, tokenType: "Bearer", scope };
    },

    /** 401 without valid credentials, 403 without the scope, 404 for another organisation. */
    authorize(c: Context, operation: SpecOperation): Response | undefined {
      const token = /^Bearer (\S+)$/i.exec(c.req.header("authorization") ?? "")?.[1];
      const grant = token ? tokens.get(token) : undefined;
      if (!grant) return unauthorized(c, token ? "invalid-token" : "authentication-required", "Valid authentication token is required");
      if (grant.expiresAt <= Date.now()) return unauthorized(c, "token-expired", "The access token has expired");
      if (c.req.header("x-organization-secret") !== organizationSecret) return unauthorized(c, "authentication-required", "Valid organization secret is required");
      if (!operation.scopes.some((scope) => grant.scopes.includes(scope))) {
        return problem(c, { status: 403, type: "insufficient-scope", title: "Forbidden", detail: `Insufficient permissions - missing ${operation.scopes.join(" or ")} scope` });
      }
      const orgId = c.req.param("organization_id");
      if (validator.validate("#/components/parameters/OrganizationId/schema", orgId).length > 0) return badRequest(c, "organization_id must be a UUID");
      if (orgId !== organizationId) return problem(c, { status: 404, type: "not-found", title: "Not Found", detail: "Organization not found" });
      return undefined;
    },
  };
}

export type Auth = ReturnType<typeof createAuth>;
