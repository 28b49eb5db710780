// verify's checks of POST /v1/token, both read-only: a grant must be refused with a wrong partner
// secret, and (only when the partner's credentials are given) a grant with them must be a token
// as the spec says. Nothing a token grants is used; the token itself is redacted from the report.
import { isHeaderValue } from "contract-kit/http";
import type { VerifyRun } from "contract-kit/verify";
import { CHECKS } from "./checks.js";

export interface TokenCredentials {
  organizationId: string;
  organizationSecret: string;
  partnerId?: string;
  partnerSecret?: string;
  /** The user the token would act for (x-user-id). */
  userId: string;
}

/** Never a real secret: long enough to be redacted like one, and plainly not one. */
const WRONG_PARTNER_SECRET = "parchment-contract-verify-wrong-partner-secret";
/** Stands in for the partner id when none was given (the secret is wrong either way). */
const NO_PARTNER_ID = "parchment-contract-verify";
/** The least a token can ask for. */
const TOKEN_REQUEST = { grantType: "client_credentials", scope: ["read:user"] };

export async function checkTokens(run: VerifyRun, credentials: TokenCredentials): Promise<void> {
  // The user id travels in the path everywhere else; here it is a header, and one that cannot
  // be a header value (a newline, a character outside Latin-1) cannot be asked for at all.
  if (!isHeaderValue(credentials.userId)) {
    const why = "the user id cannot be sent in the x-user-id header (control characters or characters outside Latin-1)";
    for (const check of [CHECKS.tokenWithWrongSecret, CHECKS.requestToken]) run.skip(check, why);
    return;
  }
  const headers = (partnerSecret: string) => ({
    "x-partner-id": credentials.partnerId ?? NO_PARTNER_ID,
    "x-partner-secret": partnerSecret,
    "x-organization-id": credentials.organizationId,
    "x-organization-secret": credentials.organizationSecret,
    "x-user-id": credentials.userId,
  });
  await run.probe(CHECKS.tokenWithWrongSecret, { headers: headers(WRONG_PARTNER_SECRET), body: TOKEN_REQUEST }, { status: 401 });

  if (!credentials.partnerId || !credentials.partnerSecret) {
    run.skip(CHECKS.requestToken, "a token request needs the partner's credentials: --partner-id and --partner-secret");
    return;
  }
  const granted = await run.probe(CHECKS.requestToken, { headers: headers(credentials.partnerSecret), body: TOKEN_REQUEST }, { status: 200 });
  const token: unknown = granted.body?.data?.accessToken;
  if (typeof token === "string") run.addSecret(token);
}
