// Obtains bearer tokens from POST /v1/token and caches each until shortly before it expires.
import { callOperation } from "./envelope.js";
import { positiveNumber, requireString, scrubber } from "./options.js";
import { createRawClient, type ConnectionOptions } from "./transport.js";
import type { Scope, TokenGrant } from "./types.js";

export interface TokenProviderOptions extends ConnectionOptions {
  partnerId: string;
  partnerSecret: string;
  organizationId: string;
  organizationSecret: string;
  /** The Parchment user on whose behalf calls are made. */
  userId: string;
  scopes: Scope[];
  /** Renew this long before the token expires (at most half its lifetime). Default 60 000 ms. */
  refreshMarginMs?: number;
}

/** Returns a valid token, asking Parchment only when the cached one is (nearly) expired. */
export interface TokenProvider {
  (): Promise<string>;
  /** Forgets the cached token (only if it is `token`, when given), so the next call asks again. */
  invalidate(token?: string): void;
}

const TOKEN_CALL = { method: "POST", path: "/v1/token" } as const;

export function createTokenProvider(options: TokenProviderOptions): TokenProvider {
  const headers = {
    "x-partner-id": requireString("partnerId", options.partnerId),
    "x-partner-secret": requireString("partnerSecret", options.partnerSecret),
    "x-organization-id": requireString("organizationId", options.organizationId),
    "x-organization-secret": requireString("organizationSecret", options.organizationSecret),
    "x-user-id": requireString("userId", options.userId),
  };
  if (!Array.isArray(options.scopes) || options.scopes.length === 0) throw new TypeError("scopes must be a non-empty array");
  const scope = [...options.scopes];
  const refreshMarginMs = positiveNumber("refreshMarginMs", options.refreshMarginMs, 60_000);
  const scrub = scrubber(() => [headers["x-partner-secret"], headers["x-organization-secret"], cached?.token]);
  // Never retried: a POST that may have reached the server is not sent again.
  const raw = createRawClient(options, {});

  let cached: { token: string; renewAt: number } | undefined;
  let inFlight: Promise<string> | undefined;

  async function requestToken(): Promise<string> {
    const grant = await callOperation<TokenGrant>(
      TOKEN_CALL,
      scrub,
      raw.POST("/v1/token", { params: { header: headers }, body: { grantType: "client_credentials", scope }, parseAs: "text" }),
      // A grant that cannot be used must fail here, not turn into "Bearer undefined" later.
      (grant) =>
        typeof grant?.accessToken === "string" && grant.accessToken && typeof grant.expiresIn === "number" && grant.expiresIn > 0
          ? undefined
          : "token grant has no accessToken or no positive expiresIn",
    );
    const lifetimeMs = grant.expiresIn * 1000;
    cached = { token: grant.accessToken, renewAt: Date.now() + lifetimeMs - Math.min(refreshMarginMs, lifetimeMs / 2) };
    return grant.accessToken;
  }

  const provider = async () => {
    if (cached && Date.now() < cached.renewAt) return cached.token;
    // Concurrent callers share one request; a failed request is not cached.
    inFlight ??= requestToken().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
  provider.invalidate = (token?: string) => {
    if (token === undefined || cached?.token === token) cached = undefined;
  };
  return provider;
}
