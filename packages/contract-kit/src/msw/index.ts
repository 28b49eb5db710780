// contract-kit/msw: a vendor's reference handler as MSW request handlers, so that a test suite
// that mocks HTTP with MSW (setupServer in Node, the service worker in a browser) gets the
// stateful, validating reference server in-process, on the vendor's real base URL, no port.
// One handler per operation of the spec, each forwarding the request to the reference
// handler's fetch with the base URL's path taken off; and typed overrides for the one odd
// answer a test needs, checked against the spec when they are made, so that an override that
// drifts from the contract fails the test that wrote it, naming the JSON pointer at fault.
import { http, HttpResponse, type HttpHandler } from "msw";
import type { SpecOperation, SpecValidator } from "../spec/index.js";
import { fetchAt, type FetchFunction } from "../testing/fetch-at.js";

/** The JSON body of one response object of openapi-typescript's `operations`, if it has one. */
type JsonBodyOf<R> = R extends { content: { "application/json": infer Body } } ? Body : never;
type ResponsesOf<Operations, Id extends keyof Operations> = Operations[Id] extends { responses: infer Responses } ? Responses : never;

/** The statuses of an operation that document a JSON body. */
export type OverrideStatus<Operations, Id extends keyof Operations> = {
  [Status in keyof ResponsesOf<Operations, Id>]: [JsonBodyOf<ResponsesOf<Operations, Id>[Status]>] extends [never] ? never : Status;
}[keyof ResponsesOf<Operations, Id>];

/** The body the spec documents for that status of that operation. */
export type OverrideBody<Operations, Id extends keyof Operations, Status> = Status extends keyof ResponsesOf<Operations, Id> ? JsonBodyOf<ResponsesOf<Operations, Id>[Status]> : never;

export interface OverrideInit {
  /** Headers of the answer besides `content-type: application/json`. */
  headers?: Record<string, string>;
  /** Answer once, then let the reference handler answer again. Default false. */
  once?: boolean;
}

export interface MswMock<Operations> {
  /** One MSW handler per operation: pass them to setupServer(...) or setupWorker(...). */
  handlers: HttpHandler[];
  /** The same answers without MSW: a fetch on the base URL for any client that takes one. */
  fetch: FetchFunction;
  /**
   * An MSW handler answering one operation with `body` (typed from the spec for that status),
   * for `server.use(...)`. Throws a TypeError naming each JSON pointer where `body` breaks the
   * contract, so a hand-written answer cannot drift from it unnoticed.
   */
  override<Id extends keyof Operations & string, Status extends OverrideStatus<Operations, Id> & number>(
    operationId: Id,
    status: Status,
    body: OverrideBody<Operations, Id, Status>,
    init?: OverrideInit,
  ): HttpHandler;
}

export interface MswMockOptions {
  /** The base URL the client calls (the vendor's default server unless the test chose another). */
  baseUrl: string;
  /** The current reference handler's fetch (a function: the vendor's reset() makes a new handler). */
  fetch: () => (request: Request) => Promise<Response>;
  operations: ReadonlyMap<string, SpecOperation>;
  /** Validates override bodies against the spec. */
  validator: SpecValidator;
}

/** "/v1/users/{user_id}" as an MSW path: "/v1/users/:user_id", after the base URL. */
function mswPath(baseUrl: string, template: string): string {
  return `${baseUrl.replace(/\/+$/, "")}${template.replace(/\{([^}]+)\}/g, ":$1")}`;
}

const METHODS = { GET: http.get, PUT: http.put, POST: http.post, PATCH: http.patch, DELETE: http.delete } as const;

function methodOf(operation: SpecOperation) {
  const route = METHODS[operation.method as keyof typeof METHODS];
  if (!route) throw new TypeError(`${operation.operationId}: MSW handlers do not cover ${operation.method}`);
  return route;
}

export function createMswMock<Operations>({ baseUrl, fetch, operations, validator }: MswMockOptions): MswMock<Operations> {
  // A new fetchAt per request: the vendor's reset() swaps the handler underneath.
  const forward = (request: Request) => fetchAt(baseUrl, fetch())(request);

  const handlers = [...operations.values()].map((operation) => methodOf(operation)(mswPath(baseUrl, operation.path), ({ request }) => forward(request)));

  return {
    handlers,
    fetch: (input, init) => forward(new Request(input, init)),
    override(operationId, status, body, init = {}) {
      const operation = operations.get(operationId);
      if (!operation) throw new TypeError(`override: no operation ${JSON.stringify(operationId)} in the contract (known: ${[...operations.keys()].join(", ")})`);
      const pointer = operation.responses[String(status)];
      if (!pointer) throw new TypeError(`override ${operationId}: the contract documents no ${status} response (documented: ${Object.keys(operation.responses).join(", ")})`);
      const violations = validator.validate(pointer, body);
      if (violations.length > 0) {
        const list = violations.map((violation) => `${violation.path || "(body)"} ${violation.message}`).join("; ");
        throw new TypeError(`override ${operationId} ${status}: the body does not match the contract: ${list}`);
      }
      const text = JSON.stringify(body);
      return methodOf(operation)(
        mswPath(baseUrl, operation.path),
        () => new HttpResponse(text, { status, headers: { "content-type": "application/json", ...init.headers } }),
        { once: init.once ?? false },
      );
    },
  };
}
