// The checks of a verify run, for any contract: each probe is one request made through
// exchange.ts (deadline, size cap, no redirects), its answer judged by checkResponse against
// the operation's documented responses and, when given, an expected status. A vendor's verify
// says which requests to make and what its server's error bodies say; this file does the rest.
import type { SpecOperation } from "../spec/operations.js";
import type { SpecValidator } from "../spec/validator.js";
import { checkResponse, type Show, type Violation } from "./check-response.js";
import { exchange, ExchangeFailure, RETRIED_STATUSES, RETRIED_STATUSES_UNSAFE_TO_REPEAT, type ExchangeOptions } from "./exchange.js";
import type { CheckResult } from "./report.js";

export interface ProbeRequest {
  pathParams?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** Instead of the credentials (a probe without them, or with only some). */
  headers?: Record<string, string>;
  /** A request that may not be made twice (a create): sent again only after a 429, never after a 503. */
  unsafeToRepeat?: boolean;
}

export interface ProbeExpectation {
  status?: number | number[];
  successful?: boolean;
}

export interface Probed {
  check: CheckResult;
  /** The parsed JSON body, when there was one. */
  body: any;
  /** An answer came and the check passed with a 2xx. */
  ok: boolean;
  /** Whether any answer came (false: refused, timed out, cut off). */
  answered: boolean;
}

export interface ProberOptions {
  /** Without a trailing slash. */
  baseUrl: string;
  operations: Map<string, SpecOperation>;
  validator: SpecValidator;
  show: Show;
  transport: ExchangeOptions;
  /** The headers that carry the credentials, sent unless a request gives its own. */
  credentials: Record<string, string>;
  /** Path parameters every request fills in (Parchment's organization_id). */
  pathParams?: Record<string, string>;
  /** What the server said in a failed check's body (a title, a message), unredacted. */
  problemOf?: (body: unknown) => string | undefined;
  /** What to look at when a 401 came where none was expected. */
  hint401?: string;
}

/**
 * Whether a write may have changed something, so that it must be put back: anything but a
 * refusal (a 4xx). A 2xx took it; a 5xx, a redirect or no complete answer (a timeout, a
 * reset) may have, after the server acted. Judged on the status alone, whatever the body:
 * a 2xx that breaks the contract took effect all the same.
 */
export function mayHaveTakenEffect(probed: Probed): boolean {
  const status = probed.check.status;
  return !probed.answered || status === undefined || status < 400 || status >= 500;
}

/** A check as a vendor's verify declares it: its name in the report and the operation it calls. */
export interface NamedCheck {
  readonly name: string;
  readonly operationId: string;
}

export interface Prober {
  /** Every check so far, in order. */
  checks: CheckResult[];
  newCheck(named: NamedCheck): CheckResult;
  fail(check: CheckResult, violation: Violation): void;
  skip(named: NamedCheck, note: string): void;
  /** One request, checked against the contract and, when given, an expected status. */
  probe(named: NamedCheck, request: ProbeRequest, expect?: ProbeExpectation): Promise<Probed>;
}

export function createProber(options: ProberOptions): Prober {
  const { operations, validator, show, transport, credentials } = options;
  const checks: CheckResult[] = [];

  /** A declared check's operation, or a plain Error when the spec has none of that id (a vendor's typo, not a server's fault). */
  const operationOf = (named: NamedCheck): SpecOperation => {
    const operation = operations.get(named.operationId);
    if (!operation) throw new Error(`check ${JSON.stringify(named.name)}: the spec has no operation ${JSON.stringify(named.operationId)}`);
    return operation;
  };
  const newCheck = (named: NamedCheck): CheckResult => {
    const operation = operationOf(named);
    const check: CheckResult = { name: named.name, operationId: named.operationId, method: operation.method, path: operation.path, outcome: "passed", violations: [] };
    checks.push(check);
    return check;
  };
  const fail = (check: CheckResult, violation: Violation) => {
    check.violations.push(violation);
    check.outcome = "failed";
  };
  const skip = (named: NamedCheck, note: string) => {
    const check = newCheck(named);
    check.outcome = "skipped";
    check.note = note;
  };

  async function probe(named: NamedCheck, request: ProbeRequest, expect?: ProbeExpectation): Promise<Probed> {
    const check = newCheck(named);
    const operation = operationOf(named);
    const params: Record<string, string> = { ...options.pathParams, ...request.pathParams };
    const path = operation.path.replace(/\{(\w+)\}/g, (_, key: string) => encodeURIComponent(params[key] ?? ""));
    const url = new URL(`${options.baseUrl}${path}`);
    for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
    let answer;
    try {
      answer = await exchange(
        url,
        {
          method: operation.method,
          headers: { accept: "application/json", ...(request.body === undefined ? {} : { "content-type": "application/json" }), ...(request.headers ?? credentials) },
          body: request.body === undefined ? undefined : JSON.stringify(request.body),
        },
        transport,
        request.unsafeToRepeat ? RETRIED_STATUSES_UNSAFE_TO_REPEAT : RETRIED_STATUSES,
      );
    } catch (error) {
      if (!(error instanceof ExchangeFailure)) throw error;
      check.status = error.status;
      fail(check, { path: error.where, expected: error.expected, actual: show.text(error.message, 300) });
      return { check, body: undefined, ok: false, answered: false };
    }
    check.status = answer.status;
    if (answer.retried) check.note = `answered ${answer.retried.status} first; sent again after ${answer.retried.waitedMs / 1000} s`;
    if (answer.status >= 300 && answer.status < 400) {
      // A redirect is not followed: its Location would receive the credentials.
      const location = answer.headers.get("location");
      fail(check, { path: "(status)", expected: "an answer, not a redirect (verify does not follow redirects)", actual: `${answer.status} to ${location ? show.text(location, 120) : "no Location"}` });
      return { check, body: undefined, ok: false, answered: true };
    }
    const judged = checkResponse(operation, { status: answer.status, contentType: answer.headers.get("content-type"), text: answer.text }, validator, show);
    const body: any = judged.body;
    const expected = expect?.status === undefined ? [] : [expect.status].flat();
    if (expected.length > 0 && !expected.includes(answer.status)) {
      check.violations.push({ path: "(status)", expected: expected.join(" or "), actual: String(answer.status) });
    } else if (expect?.successful && (answer.status < 200 || answer.status > 299)) {
      check.violations.push({ path: "(status)", expected: "a 2xx success", actual: String(answer.status) });
    }
    check.violations.push(...judged.violations);
    if (check.violations.length > 0) {
      check.outcome = "failed";
      const said = options.problemOf?.(body);
      if (said) check.problem = show.text(said, 300);
      if (answer.status === 401 && !expected.includes(401) && options.hint401) check.hint = options.hint401;
    }
    return { check, body, ok: check.outcome === "passed" && answer.status >= 200 && answer.status < 300, answered: true };
  }

  return { checks, newCheck, fail, skip, probe };
}
