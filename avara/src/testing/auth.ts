// Who may call Avara's reference server: the one API key, as a bearer token, on every route.
import { randomHex } from "contract-kit/testing/handler";
import type { MiddlewareHandler } from "hono";
import { error } from "./problems.js";

/** The key given, or a fresh `sk_test_...`; a TypeError for one that cannot be a header value. */
export function apiKeyOption(apiKey: string | undefined): string {
  const key = apiKey ?? `sk_test_ref_${randomHex(16)}`;
  if (typeof key !== "string" || !/^[\x21-\x7e]{8,}$/.test(key)) throw new TypeError("apiKey must be at least 8 printable characters without spaces");
  return key;
}

/** 401 unless the request carries `Authorization: Bearer <apiKey>`. */
export function requireApiKey(apiKey: string): MiddlewareHandler {
  return async (c, next) => {
    const token = /^Bearer (\S+)$/i.exec(c.req.header("authorization") ?? "")?.[1];
    if (token !== apiKey) return error(c, 401, "authentication_error", token ? "The API key is not valid" : "An API key is required (Authorization: Bearer)");
    return next();
  };
}
