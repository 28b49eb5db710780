// The skeleton every reference server shares, on hono. Under the API path an injected fault
// answers first (as a gateway's would), then the vendor's authentication, then the body
// limit; a thrown error and an unknown route answer in the vendor's error shape; a JSON body
// is parsed bounded before any validator sees it. The vendor adds its routes and keeps its
// own state: this file knows no vendor's paths, bodies or users.
import { Hono, type Context, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { parseBoundedJson } from "../http/json-depth.js";
import { isJsonMediaType } from "../http/media-type.js";
import { parseFault, type Fault } from "./faults.js";

/** A body over this is refused unread: the contracts' largest request is a few kilobytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The vendor's answers to what the skeleton refuses, each a JSON Response in the vendor's error shape. */
export interface ReferenceAnswers {
  /** A route threw (500); the error is already logged. */
  internalError(c: Context): Response;
  /** No route matched (404). */
  notFound(c: Context): Response;
  /** An injected fault; its Retry-After header is already set. */
  fault(c: Context, status: Fault["status"]): Response;
  /** A body refused before any route sees it (400): too large, not JSON, nested too deep, the wrong type, a bad fault. */
  badRequest(c: Context, detail: string): Response;
}

/** What every vendor's reference handler gives, besides its credentials and seeded ids. */
export interface ReferenceHandlerBase<User> {
  /** A fetch handler: pass it as `fetch` to a client to test in-process. */
  fetch: (request: Request) => Promise<Response>;
  /** Makes the next requests answer a status (429, 500, 502, 503, 504); a TypeError for any other fault. */
  failNext(fault: Fault): void;
  /** The current state of a user as the API would return it (a copy), or undefined. */
  readUser(userId: string): User | undefined;
}

export interface ReferenceAppOptions {
  answers: ReferenceAnswers;
  /** The API's routes, where faults, `authenticate` and the body limit apply. Default "/v1/*". */
  api?: string;
  /** Runs after an injected fault and before the body limit, on every API route: a gateway says 401 before reading a body. */
  authenticate?: MiddlewareHandler;
  /** Also take faults over HTTP: `POST /__reference/faults` with a Fault as JSON. */
  faultsEndpoint?: boolean;
  /** An HTML page (the contract's rendered docs) to serve at `/docs`, `/` redirecting there; outside the API, so no credentials. */
  docsHtml?: string | undefined;
}

/** The JSON body of a request, or the vendor's 400 saying why there is none. */
export type ReadJson = (c: Context) => Promise<{ body: unknown } | { response: Response }>;

export interface ReferenceApp {
  /** The app with the skeleton in place: add the vendor's routes to it. */
  app: Hono;
  readJson: ReadJson;
  /** Makes the next API requests answer a fault; a TypeError for a fault the server cannot answer with. */
  failNext(fault: Fault): void;
  /** The handler's fetch: always a promise, whatever a route returns. */
  fetch(request: Request): Promise<Response>;
}

export function createReferenceApp({ answers, api = "/v1/*", authenticate, faultsEndpoint = false, docsHtml }: ReferenceAppOptions): ReferenceApp {
  let fault: Required<Fault> | undefined;
  const app = new Hono();

  app.onError((error, c) => {
    console.error(`reference server: ${error instanceof Error ? error.message : String(error)}`);
    return answers.internalError(c);
  });
  app.notFound((c) => answers.notFound(c));

  const limitBody = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => answers.badRequest(c, "The request body is larger than 1 MB") });

  const readJson: ReadJson = async (c) => {
    if (!isJsonMediaType(c.req.header("content-type"))) return { response: answers.badRequest(c, "Content-Type must be application/json") };
    // Bounded before validating: ajv's uniqueItems recurses into deep arrays and compares every pair.
    const parsed = parseBoundedJson(await c.req.text());
    return parsed.problem === undefined ? { body: parsed.value } : { response: answers.badRequest(c, parsed.problem) };
  };

  if (docsHtml) {
    app.get("/docs", (c) => c.html(docsHtml));
    app.get("/", (c) => c.redirect("/docs", 302));
  }

  if (faultsEndpoint) {
    app.use("/__reference/*", limitBody);
    app.post("/__reference/faults", async (c) => {
      const read = await readJson(c);
      if ("response" in read) return read.response;
      const parsed = parseFault(read.body);
      if (typeof parsed === "string") return answers.badRequest(c, parsed);
      fault = parsed;
      return c.json({ fault }, 200);
    });
  }

  app.use(api, async (c, next) => {
    if (!fault || fault.times <= 0) return next();
    fault.times--;
    c.header("Retry-After", String(fault.retryAfterSeconds));
    return answers.fault(c, fault.status);
  });
  if (authenticate) app.use(api, authenticate);
  app.use(api, limitBody);

  return {
    app,
    readJson,
    failNext(next) {
      const parsed = parseFault(next);
      if (typeof parsed === "string") throw new TypeError(`failNext: ${parsed}`);
      fault = parsed;
    },
    fetch: async (request) => app.fetch(request),
  };
}

/**
 * A handler's readUser: the stored user as the API renders it, copied, so that a test cannot
 * change the server's state through what it was given.
 */
export function userReader<Stored, Rendered>(users: ReadonlyMap<string, Stored>, render: (user: Stored) => Rendered): (userId: string) => Rendered | undefined {
  return (userId) => {
    const user = users.get(userId);
    return user === undefined ? undefined : structuredClone(render(user));
  };
}
