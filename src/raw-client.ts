// Parchment's openapi-fetch client on the shared transport: the spec's paths for types, the
// sandbox server by default, Parchment's error classes. Calls through `raw` name their path
// template (recorded by a middleware) so that errors name the operation rather than one
// user's path; the client's own methods pass their operation and signal with `fetchFor`.
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../generated/openapi.js";
import { parchmentErrors } from "./errors.js";
import { createTransport, type ConnectionOptions, type OperationInfo, type TransportOptions } from "contract-kit/http";
import { PARCHMENT_SERVERS } from "./types.js";
import { VERSION } from "./version.js";

export type RawClient = Client<paths, "application/json">;

/** A fetch for one call of a known operation, bounded by the caller's signal if there is one. */
export type FetchFor = (operation: OperationInfo, signal: AbortSignal | undefined) => (request: Request) => Promise<Response>;

export function createRawClient(
  connection: ConnectionOptions,
  options: Pick<TransportOptions, "redact" | "retry" | "token" | "learnSecret"> & { headers?: Record<string, string> },
): { raw: RawClient; fetchFor: FetchFor } {
  const transport = createTransport(connection, {
    ...options,
    defaultBaseUrl: PARCHMENT_SERVERS.sandbox,
    product: `parchment-contract/${VERSION}`,
    errors: parchmentErrors,
  });
  const templates = new WeakMap<Request, string>();
  const client = createClient<paths, "application/json">({
    baseUrl: transport.baseUrl,
    headers: options.headers,
    // Calls made through `raw`: the caller's signal travels on the Request.
    fetch: (request: Request) =>
      transport.send(request, { method: request.method, path: templates.get(request) ?? new URL(request.url).pathname }, request.signal),
  });
  client.use({
    onRequest({ request, schemaPath }) {
      templates.set(request, schemaPath);
    },
  });
  return { raw: client, fetchFor: (operation, signal) => (request) => transport.send(request, operation, signal) };
}
