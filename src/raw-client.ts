// Parchment's openapi-fetch clients on the shared transport: the spec's paths for types, the
// sandbox server by default, Parchment's error classes. Calls through `raw` name their path
// template (contract-kit's createRawFetch records it) so that errors name the operation rather
// than one user's path. The client's own methods call a second openapi-fetch client with the
// same headers and no middleware: they pass their operation and signal with `fetchFor`, and
// read the body the transport already holds (contract-kit's bufferedFetch).
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../generated/openapi.js";
import { parchmentErrors } from "./errors.js";
import { bufferedFetch, CallRequest, createRawFetch, createTransport, type ConnectionOptions, type OperationInfo, type TransportOptions } from "contract-kit/http";
import { observation, type ObservationOptions } from "./observation.js";
import { PARCHMENT_SERVERS } from "./types.js";
import { VERSION } from "./version.js";

export type RawClient = Client<paths, "application/json">;

/** A fetch for one call of a known operation, bounded by the caller's signal if there is one. */
export type FetchFor = (operation: OperationInfo, signal: AbortSignal | undefined) => (request: Request) => Promise<Response>;

export function createRawClient(
  connection: ConnectionOptions,
  options: Pick<TransportOptions, "redact" | "retry" | "token" | "learnSecret"> & { headers?: Record<string, string>; observe?: ObservationOptions },
): { raw: RawClient; methods: RawClient; fetchFor: FetchFor } {
  const { observe = {}, ...transportOptions } = options;
  const transport = createTransport(connection, {
    ...transportOptions,
    ...observation(observe, options.redact),
    defaultBaseUrl: PARCHMENT_SERVERS.sandbox,
    product: `parchment-contract/${VERSION}`,
    errors: parchmentErrors,
  });
  // Either client's Request is a CallRequest, which the transport sends as it is on the first attempt.
  const base = { baseUrl: transport.baseUrl, headers: options.headers, Request: CallRequest };
  // Calls made through `raw`: the caller's signal travels on the Request.
  const rawFetch = createRawFetch(transport);
  const raw = createClient<paths, "application/json">({ ...base, fetch: rawFetch.fetch });
  raw.use(rawFetch.middleware);
  const methods = createClient<paths, "application/json">(base);
  return { raw, methods, fetchFor: (operation, signal) => bufferedFetch(transport, operation, signal) };
}
