// Obtains bearer tokens from POST /v1/token and caches each until shortly before it expires.
// Parchment issues a token per acting user (x-user-id) and set of scopes, so one provider
// keeps one cache entry per (user, sorted scopes): `forUser` acts for another user of the
// same partner and organisation. Concurrent callers of one entry share one request.
import { readEnvelope } from "./envelope.js";
import { ParchmentResponseError } from "./errors.js";
import { MAX_SECRET_LENGTH, headerString, isHeaderValue, positiveNumber, uuidOption, createRedactor, untilAborted, type ConnectionOptions } from "contract-kit/http";
import { createRawClient } from "./raw-client.js";
import type { Scope, TokenGrant } from "./types.js";

export interface TokenProviderOptions extends ConnectionOptions {
  partnerId: string;
  partnerSecret: string;
  /** A UUID, as the spec types organization_id. */
  organizationId: string;
  organizationSecret: string;
  /** The Parchment user on whose behalf calls are made (`forUser` gives tokens for others). */
  userId: string;
  scopes: Scope[];
  /** Renew this many milliseconds before a token expires (at most half its lifetime). Default 60 000. */
  refreshMarginMs?: number;
  /** The most (user, scopes) tokens kept; the least recently used is dropped first. Default 1000. */
  maxCachedTokens?: number;
}

/** Returns a valid token, asking Parchment only when the cached one is (nearly) expired. */
export interface TokenProvider {
  /** The token; `signal` stops the wait for it (the shared request goes on for other callers). */
  (context?: { signal?: AbortSignal | undefined }): Promise<string>;
  /** Forgets the cached token (only if it is `token`, when given), so the next call asks again. */
  invalidate(token?: string): void;
  /** Hides the partner and organisation secrets and every token this provider issued in `text`. */
  redact(text: string): string;
  /** A provider for another acting user of the same partner and organisation, sharing this one's cache. */
  forUser(userId: string, scopes?: Scope[]): TokenProvider;
  readonly userId: string;
  readonly scopes: readonly Scope[];
}

const TOKEN_CALL = { method: "POST", path: "/v1/token" } as const;

type Cached = { token: string; renewAt: number };

export function createTokenProvider(options: TokenProviderOptions): TokenProvider {
  const credentials = {
    "x-partner-id": headerString("partnerId", options.partnerId),
    "x-partner-secret": headerString("partnerSecret", options.partnerSecret),
    "x-organization-id": uuidOption("organizationId", options.organizationId),
    "x-organization-secret": headerString("organizationSecret", options.organizationSecret),
  };
  const refreshMarginMs = positiveNumber("refreshMarginMs", options.refreshMarginMs, 60_000);
  const maxCached = positiveNumber("maxCachedTokens", options.maxCachedTokens, 1000);
  const redactor = createRedactor([credentials["x-partner-secret"], credentials["x-organization-secret"]]);
  const redact = redactor.redact;
  // Never retried: a POST that may have reached the server is not sent again.
  const { methods, fetchFor } = createRawClient(options, { redact });
  const cache = new Map<string, Cached>();
  const inFlight = new Map<string, Promise<string>>();

  async function requestToken(key: string, userId: string, scope: Scope[]): Promise<string> {
    const result = await methods.POST("/v1/token", {
      params: { header: { ...credentials, "x-user-id": userId } },
      body: { grantType: "client_credentials" as const, scope },
      parseAs: "text",
      fetch: fetchFor(TOKEN_CALL, undefined), // shared by every caller waiting: no one caller's signal
    });
    let oversized: string | undefined;
    const read = () => readEnvelope<{ data: TokenGrant }>(TOKEN_CALL, redact, result, (envelope) => {
      const { accessToken, expiresIn } = envelope.data as { accessToken?: unknown; expiresIn?: unknown };
      if (typeof accessToken === "string") redactor.add(accessToken); // its first MAX_SECRET_LENGTH characters, when longer
      // A grant that cannot be used must fail here, not turn into "Bearer undefined" later.
      if (typeof accessToken === "string" && accessToken.length > MAX_SECRET_LENGTH) {
        return (oversized = `token grant's accessToken is longer than ${MAX_SECRET_LENGTH} characters (more than a header can carry)`);
      }
      if (typeof accessToken !== "string" || !isHeaderValue(accessToken)) return "token grant has no accessToken that can be sent in a header";
      return typeof expiresIn === "number" && expiresIn > 0 && expiresIn < Infinity ? undefined : "token grant has no positive expiresIn";
    });
    let grant: TokenGrant;
    try {
      grant = read().data;
    } catch (error) {
      // The redactor keeps only the first MAX_SECRET_LENGTH characters of such a token, so
      // nothing else from its body (a requestId echoing its tail) goes into the error.
      if (oversized && error instanceof ParchmentResponseError) throw new ParchmentResponseError(TOKEN_CALL, `${error.status} ${oversized}`, { status: error.status });
      throw error;
    }
    const lifetimeMs = grant.expiresIn * 1000;
    cache.delete(key);
    cache.set(key, { token: grant.accessToken, renewAt: Date.now() + lifetimeMs - Math.min(refreshMarginMs, lifetimeMs / 2) });
    // Least recently used first: Map keeps insertion order, and a hit re-inserts its entry.
    for (const oldest of cache.keys()) {
      if (cache.size <= maxCached) break;
      cache.delete(oldest);
    }
    return grant.accessToken;
  }

  function providerFor(userId: string, scopes: readonly Scope[]): TokenProvider {
    // A set, in the request as in the cache key: Parchment refuses a repeated scope (400), and
    // a key that deduplicated while the request did not made the outcome depend on call order.
    const scope = [...new Set(scopes)];
    const key = `${userId}\n${[...scope].sort().join(" ")}`;
    const provider = (context?: { signal?: AbortSignal | undefined }) => {
      const cached = cache.get(key);
      if (cached && Date.now() < cached.renewAt) {
        cache.delete(key);
        cache.set(key, cached);
        return Promise.resolve(cached.token);
      }
      // One request per key, whoever waits for it; a failed request is not cached.
      let pending = inFlight.get(key);
      if (!pending) {
        pending = requestToken(key, userId, scope).finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      return context?.signal ? untilAborted(pending, context.signal) : pending;
    };
    return Object.assign(provider, {
      invalidate(token?: string) {
        if (token === undefined || cache.get(key)?.token === token) cache.delete(key);
      },
      redact,
      forUser: (otherUser: string, otherScopes: Scope[] = scope) => providerFor(headerString("userId", otherUser), scopesOption(otherScopes)),
      userId,
      scopes: Object.freeze(scope),
    });
  }

  return providerFor(headerString("userId", options.userId), scopesOption(options.scopes));
}

function scopesOption(scopes: unknown): Scope[] {
  if (!Array.isArray(scopes) || scopes.length === 0 || !scopes.every((scope) => typeof scope === "string" && scope)) {
    throw new TypeError("scopes must be a non-empty array of scope names");
  }
  return scopes as Scope[];
}
