// parchment-contract: a typed client for Parchment's user-management API, built from its
// OpenAPI contract.
export { createParchmentClient } from "./client.js";
export type { CallOptions, CreateUserOutcome, ListAllOptions, ParchmentClient, ParchmentClientOptions, TokenSource, UserPage } from "./client.js";
export { createTokenProvider } from "./token-provider.js";
export type { TokenProvider, TokenProviderOptions } from "./token-provider.js";
export {
  ParchmentApiError,
  ParchmentAuthenticationError,
  ParchmentBadRequestError,
  ParchmentConflictError,
  ParchmentError,
  ParchmentNetworkError,
  ParchmentNotFoundError,
  ParchmentPaginationError,
  ParchmentPermissionError,
  ParchmentRateLimitError,
  ParchmentResponseError,
  ParchmentServerError,
  ParchmentTimeoutError,
  ParchmentValidationError,
} from "./errors.js";
export type { RetryOptions } from "contract-kit/http";
export type { ConnectionOptions, FetchLike, TokenFunction, DriftEvent, Violation, ValidateResponses, RequestEvent, ResponseEvent, ObservationOptions } from "contract-kit/http";
export { VERSION } from "./version.js";
export * from "./types.js";
export { isAssignableRole, keepAssignable } from "./roles.js";
