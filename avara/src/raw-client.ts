// Avara's openapi-fetch client on the shared transport (../../src/transport.ts): the spec's
// paths for types, Avara's server by default, Avara's error classes, the API key as a bearer
// header, and the path template of each request (recorded by a middleware) so that errors name
// the operation rather than one user's path.
import createClient, { type Client } from "openapi-fetch";
import { createTransport, type ConnectionOptions, type TransportOptions } from "../../src/transport.js";
import type { paths } from "../generated/openapi.js";
import { avaraErrors } from "./errors.js";
import { AVARA_SERVERS } from "./types.js";
import { VERSION } from "./version.js";

export type AvaraRawClient = Client<paths, "application/json">;

export function createAvaraRawClient(connection: ConnectionOptions, options: Pick<TransportOptions, "redact" | "retry" | "idempotent"> & { apiKey: string }): AvaraRawClient {
  const transport = createTransport(connection, {
    redact: options.redact,
    retry: options.retry,
    idempotent: options.idempotent,
    defaultBaseUrl: AVARA_SERVERS.production,
    product: `avara-autoscribe-contract/${VERSION}`,
    errors: avaraErrors,
  });
  const templates = new WeakMap<Request, string>();
  const client = createClient<paths, "application/json">({
    baseUrl: transport.baseUrl,
    headers: { authorization: `Bearer ${options.apiKey}` },
    fetch: (request: Request) => transport.send(request, { method: request.method, path: templates.get(request) ?? new URL(request.url).pathname }),
  });
  client.use({
    onRequest({ request, schemaPath }) {
      templates.set(request, schemaPath);
    },
  });
  return client;
}
