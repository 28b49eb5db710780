// parchment-contract: a typed client for Parchment's user-management API, built from its
// OpenAPI contract.
export { createParchmentClient } from "./client.js";
export type { CallOptions, ListAllOptions, ParchmentClient, ParchmentClientOptions, UserPage } from "./client.js";
export { createTokenProvider } from "./token-provider.js";
export type { TokenProvider, TokenProviderOptions } from "./token-provider.js";
export {
  ParchmentApiError,
  ParchmentError,
  ParchmentNetworkError,
  ParchmentPaginationError,
  ParchmentResponseError,
  ParchmentTimeoutError,
} from "./errors.js";
export type { RetryOptions } from "./retry.js";
export type { FetchLike, TokenSource } from "./transport.js";
export * from "./types.js";
export { isAssignableRole, keepAssignable } from "./roles.js";
