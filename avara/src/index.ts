// avara-autoscribe-contract: a typed client for Avara's AutoScribe users API, built from its
// OpenAPI contract.
export { createAvaraClient } from "./client.js";
export type { AvaraClient, AvaraClientOptions, CallOptions } from "./client.js";
export { AvaraApiError, AvaraError, AvaraNetworkError, AvaraResponseError, AvaraTimeoutError } from "./errors.js";
export type { AvaraRawClient } from "./raw-client.js";
export type { RetryOptions } from "contract-kit/http";
export type { ConnectionOptions, FetchLike, DriftEvent, Violation, ValidateResponses, RequestEvent, ResponseEvent, ObservationOptions } from "contract-kit/http";
export { VERSION } from "./version.js";
export * from "./types.js";
