// The checks of a verify run, for any contract: each probe is one request made through
// exchange.ts (deadline, size cap, no redirects), its answer judged by checkResponse against
// the operation's documented responses and, when given, an expected status. Before a request
// with a body is sent, the body, and the body that would put the write back, are checked
// against the operation's request schema: one the contract refuses is not sent (unless it is
// refused on purpose), and the check is skipped with the rule it breaks. A vendor's verify says
// which requests to make and what its server's error bodies say; this file does the rest.
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
  /** What `body` is, for the note when the request schema refuses it ("the user's current roles"); "the body" when not given. */
  bodyIs?: string;
  /**
   * `body` breaks the request schema on purpose, to see the server refuse it: sent all the
   * same. It must break it: a body the contract takes is verify's mistake (an Error).
   */
  refusedOnPurpose?: boolean;
  /**
   * For a write that may have to be put back: the body that would put it back (through the
   * same operation), and what it is. Checked before the write is sent: a write whose restore
   * the contract would refuse is not made, since nothing could undo it.
   */
  restoreWith?: { body: unknown; is: string };
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
  /** Whether any answer came (false: refused, timed out, cut off, or not sent). */
  answered: boolean;
  /**
   * False when nothing was sent: the body, or the body that would put the write back, breaks
   * the operation's request schema; the check is skipped and its note names the rule.
   */
  sent: boolean;
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
  if (!probed.sent) return false;
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

  /**
   * Why `request` is not to be sent, naming the rules of the operation's request schema that
   * its body (or the body that would put it back) breaks; undefined when it may be sent.
   */
  function unsendable(named: NamedCheck, operation: SpecOperation, request: ProbeRequest): string | undefined {
    const schema = operation.requestSchema;
    if (request.body === undefined || schema === undefined) return undefined;
    const broken = (body: unknown) => validator.brokenRules(schema, body).join("; ");
    const sent = broken(request.body);
    if (request.refusedOnPurpose && !sent) throw new Error(`check ${JSON.stringify(named.name)}: its body is to be refused, but ${operation.operationId}'s request schema takes it`);
    if (sent && !request.refusedOnPurpose) return `${request.bodyIs ?? "the body"} cannot be sent (${sent})`;
    const back = request.restoreWith ? broken(request.restoreWith.body) : "";
    if (back) return `${request.restoreWith!.is} cannot be sent back (${back})`;
    return undefined;
  }

  async function probe(named: NamedCheck, request: ProbeRequest, expect?: ProbeExpectation): Promise<Probed> {
    const check = newCheck(named);
    const operation = operationOf(named);
    const why = unsendable(named, operation, request);
    if (why !== undefined) {
      // Nothing is sent: the server would rightly refuse it, or verify could not put it back.
      check.outcome = "skipped";
      check.note = show.text(why, 300);
      return { check, body: undefined, ok: false, answered: false, sent: false };
    }
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
      return { check, body: undefined, ok: false, answered: false, sent: true };
    }
    check.status = answer.status;
    if (answer.retried) check.note = `answered ${answer.retried.status} first; sent again after ${answer.retried.waitedMs / 1000} s`;
    if (answer.status >= 300 && answer.status < 400) {
      // A redirect is not followed: its Location would receive the credentials.
      const location = answer.headers.get("location");
      fail(check, { path: "(status)", expected: "an answer, not a redirect (verify does not follow redirects)", actual: `${answer.status} to ${location ? show.text(location, 120) : "no Location"}` });
      return { check, body: undefined, ok: false, answered: true, sent: true };
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
    return { check, body, ok: check.outcome === "passed" && answer.status >= 200 && answer.status < 300, answered: true, sent: true };
  }

  return { checks, newCheck, fail, skip, probe };
}
