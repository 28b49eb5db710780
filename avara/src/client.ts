// createAvaraClient: Avara's two user operations, each a typed call of `raw` (openapi-fetch)
// with the spec's method and path, on the transport shared with parchment-contract (deadline
// over headers and body, size cap, redirects refused, retries, User-Agent). The API key is
// fixed, sent as a bearer token, and redacted from every error.
import { check, headerString, pathSegment, createRedactor, retryPolicy, type RetryOptions, type ConnectionOptions } from "contract-kit/http";
import type { ObservationOptions } from "./observation.js";
import type { paths } from "../generated/openapi.js";
import type { OperationInfo } from "./errors.js";
import { createAvaraRawClient, type AvaraRawClient } from "./raw-client.js";
import { readResource, type RawResult } from "./read-response.js";
import type { UpdateUserRequest, User } from "./types.js";

export interface AvaraClientOptions extends ConnectionOptions, ObservationOptions {
  /** The clinic's API key (`sk_live_...`), sent as `Authorization: Bearer`. */
  apiKey: string;
  /**
   * Retries of GET and PATCH after a network failure or timeout and on 429, 502, 503 and 504;
   * `false` for none. PATCH is retried because an update sets fields to given values
   * (docs/decisions.md, 9).
   */
  retry?: RetryOptions | false;
}

export interface CallOptions {
  /** Aborts the call, any wait between retries included. */
  signal?: AbortSignal;
}

const USER = "/v1/autoScribe/users/{userId}" satisfies keyof paths;
const GET_USER: OperationInfo = { method: "GET", path: USER };
const UPDATE_USER: OperationInfo = { method: "PATCH", path: USER };

/** Both methods are safe to send again: GET reads, PATCH sets fields to the values given. */
const IDEMPOTENT: ReadonlySet<string> = new Set(["GET", "PATCH"]);

export interface AvaraClient {
  users: {
    /** The user; an AvaraApiError with status 404 when there is none. */
    get(userId: string, options?: CallOptions): Promise<User>;
    /** Changes the fields in `body` (null clears an optional one) and returns the whole user after the update. */
    update(userId: string, body: UpdateUserRequest, options?: CallOptions): Promise<User>;
  };
  /** The typed openapi-fetch client, with the same API key, timeout, size cap and retries. */
  raw: AvaraRawClient;
}

export function createAvaraClient(options: AvaraClientOptions): AvaraClient {
  check(typeof options === "object" && options !== null, "options", "an object with an apiKey");
  const apiKey = headerString("apiKey", options.apiKey);
  const { redact } = createRedactor([apiKey]);
  const { raw, errorText } = createAvaraRawClient(options, { apiKey, redact, retry: retryPolicy(options.retry), idempotent: IDEMPOTENT, observe: options });

  const userPath = (userId: string) => ({ path: { userId: pathSegment("userId", userId) } });

  /** Reads the answer of one call; a bad argument rejects, like every other failure. */
  const user = async (operation: OperationInfo, call: () => Promise<Omit<RawResult, "errorText">>): Promise<User> => {
    const result = await call();
    return readResource<User>(operation, redact, { ...result, errorText: errorText(result.response) });
  };

  return {
    users: {
      get: (userId, { signal } = {}) => user(GET_USER, () => raw.GET(USER, { params: userPath(userId), signal, parseAs: "text" })),
      update: (userId, body, { signal } = {}) => user(UPDATE_USER, () => raw.PATCH(USER, { params: userPath(userId), body, signal, parseAs: "text" })),
    },
    raw,
  };
}
