// Avara's openapi-fetch client on the shared transport (contract-kit/http): the spec's
// paths for types, Avara's server by default, Avara's error classes, the API key as a bearer
// header, and the path template of each request (createRawFetch records it) so that errors
// name the operation rather than one user's path. The text of an error answer is kept aside:
// openapi-fetch hands back a JSON string body and a body that is not JSON alike, as a string.
import createClient, { type Client } from "openapi-fetch";
import { CallRequest, createRawFetch, createTransport, type ConnectionOptions, type TransportOptions } from "contract-kit/http";
import type { paths } from "../generated/openapi.js";
import { avaraErrors } from "./errors.js";
import { observation, type ObservationOptions } from "./observation.js";
import { AVARA_SERVERS } from "./types.js";
import { VERSION } from "./version.js";

export type AvaraRawClient = Client<paths, "application/json">;

export function createAvaraRawClient(
  connection: ConnectionOptions,
  options: Pick<TransportOptions, "redact" | "retry" | "idempotent"> & { apiKey: string; observe?: ObservationOptions },
): { raw: AvaraRawClient; errorText(response: Response): string | undefined } {
  const transport = createTransport(connection, {
    redact: options.redact,
    retry: options.retry,
    idempotent: options.idempotent,
    defaultBaseUrl: AVARA_SERVERS.production,
    product: `avara-autoscribe-contract/${VERSION}`,
    errors: avaraErrors,
    ...observation(options.observe ?? {}, options.redact),
  });
  const rawFetch = createRawFetch(transport);
  const errorTexts = new WeakMap<Response, string>();
  const client = createClient<paths, "application/json">({
    baseUrl: transport.baseUrl,
    // The transport sends this Request as it is on the first attempt, rather than a copy.
    Request: CallRequest,
    headers: { authorization: `Bearer ${options.apiKey}` },
    fetch: async (request: Request) => {
      // The caller's signal travels on the Request.
      const response = await rawFetch.fetch(request);
      // Already read into memory by the transport (within the size cap): cloning costs a copy.
      if (!response.ok) errorTexts.set(response, await response.clone().text());
      return response;
    },
  });
  client.use(rawFetch.middleware);
  return { raw: client, errorText: (response) => errorTexts.get(response) };
}
