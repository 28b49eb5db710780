// Parchment's openapi-fetch client on the shared transport: the spec's paths for types, the
// sandbox server by default, Parchment's error classes, and the path template of each request
// (recorded by a middleware) so that errors name the operation rather than one user's path.
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../generated/openapi.js";
import { parchmentErrors } from "./errors.js";
import { createTransport, type ConnectionOptions, type TransportOptions } from "./transport.js";
import { PARCHMENT_SERVERS } from "./types.js";
import { VERSION } from "./version.js";

export type RawClient = Client<paths, "application/json">;

export function createRawClient(
  connection: ConnectionOptions,
  options: Pick<TransportOptions, "redact" | "retry" | "token" | "learnSecret"> & { headers?: Record<string, string> },
): RawClient {
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
    fetch: (request: Request) =>
      transport.send(request, { method: request.method, path: templates.get(request) ?? new URL(request.url).pathname }),
  });
  client.use({
    onRequest({ request, schemaPath }) {
      templates.set(request, schemaPath);
    },
  });
  return client;
}
