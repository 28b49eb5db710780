// Response validation, opt-in (validateResponses): each final response is checked against the
// schema the contract documents for its operation and status, by validators compiled when the
// package was generated (scripts/response-validators.ts), loaded only when a client asks for
// them. What a violation says is where and which rule: the JSON pointer into the body and the
// schema keyword, never a value of the body. The pointer is made of the body's own keys, so it
// is redacted like any server text, and bounded in length and number.
// Two passes, so that no answer costs more than linear time: the quick validators stop at the
// first violation; only an answer that broke a rule, and is small enough to list them all
// quickly (MAX_LISTED_VALUES), is checked again by the listing validators, loaded then.
import { holdsMoreValuesThan, MAX_LISTED_VALUES } from "./json-depth.js";
import type { BufferedResponse } from "./response-body.js";
import { jsonBodyOf } from "./response-json.js";
import type { OperationInfo } from "./transport.js";

export type ValidateResponses = "off" | "report" | "throw";

/** One rule a response broke. */
export interface Violation {
  /** JSON pointer into the response body, "" for the body itself (redacted: it is made of the body's keys). */
  pointer: string;
  /** The JSON Schema keyword that failed (`required`, `type`, `format`, `enum`, ...); `status` for an undocumented status, `json` for a body that is not JSON. */
  keyword: string;
  /** Where that keyword sits in the operation's response schema. */
  schemaPath: string;
}

/** What `onDrift` receives: which call, which answer, which rules it broke. */
export interface DriftEvent {
  operationId: string;
  method: string;
  /** The path template, never one call's path. */
  path: string;
  status: number;
  /** The server's request id, when it sent one (redacted). */
  requestId: string | undefined;
  violations: Violation[];
  /**
   * Whether the body may break more rules than `violations` lists: more were found than it
   * lists (at most 50), or the body holds more than MAX_LISTED_VALUES values and only the first
   * violations found are listed.
   */
  truncated: boolean;
}

/** A validator from ajv's standalone code. */
export type CompiledValidator = ((data: unknown) => boolean) & {
  errors?: ReadonlyArray<{ instancePath: string; keyword: string; schemaPath: string }> | null;
};

/** Generated per contract (generated/response-validators.js): by "METHOD /path/template", then by status ("200", "5XX", "default"). */
export type ResponseValidators = Readonly<Record<string, { operationId: string; responses: Readonly<Record<string, CompiledValidator>> }>>;

export const MAX_VIOLATIONS = 50;
const MAX_POINTER = 256;

export interface DriftCheckOptions {
  mode: ValidateResponses;
  onDrift: ((event: DriftEvent) => void) | undefined;
  /** Loads the contract's quick validators, each stopping at the first violation (a dynamic import: a client that never validates never loads them). */
  load: () => Promise<ResponseValidators>;
  /** Loads the same validators listing every violation (a dynamic import, on the first response that breaks a rule). */
  loadListing: () => Promise<ResponseValidators>;
  redact: (text: string) => string;
  /** The server's request id in a parsed body, unredacted (redacted here). */
  requestIdOf: (body: unknown, response: BufferedResponse) => string | undefined;
  /** Builds the error "throw" raises: the vendor's response error carrying the violations. */
  error: (operation: OperationInfo, message: string, status: number, fields: { violations: Violation[]; requestId: string | undefined }) => Error;
}

/** Checks one final response; resolves when it matches (or was only reported), rejects in "throw" mode when it does not. */
export type DriftCheck = (operation: OperationInfo, response: BufferedResponse) => Promise<void>;

function validatorFor(responses: Readonly<Record<string, CompiledValidator>>, status: number): CompiledValidator | undefined {
  return responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
}

export function createDriftCheck(options: DriftCheckOptions): DriftCheck | undefined {
  const { mode, onDrift, redact } = options;
  if (mode === "off") return undefined;
  let loaded: Promise<ResponseValidators> | undefined;
  let listing: Promise<ResponseValidators> | undefined;

  /** Every rule `json` breaks, or, past MAX_LISTED_VALUES, those the quick validator found. */
  async function violationsOf(key: string, quick: CompiledValidator, status: number, json: unknown): Promise<{ errors: NonNullable<CompiledValidator["errors"]>; complete: boolean }> {
    if (!holdsMoreValuesThan(json, MAX_LISTED_VALUES)) {
      const every = validatorFor((await (listing ??= options.loadListing()))[key]?.responses ?? {}, status);
      if (every && !every(json)) return { errors: every.errors ?? [], complete: true };
    }
    return { errors: quick.errors ?? [], complete: false };
  }

  const violation = (pointer: string, keyword: string, schemaPath: string): Violation => {
    const safe = redact(pointer);
    return { pointer: safe.length > MAX_POINTER ? `${safe.slice(0, MAX_POINTER)}…` : safe, keyword, schemaPath };
  };

  return async (operation, response) => {
    loaded ??= options.load();
    const key = `${operation.method} ${operation.path}`;
    const entry = (await loaded)[key];
    if (!entry) return; // a raw call to a path the contract does not have: nothing to check it against
    const { status } = response;
    const validate = validatorFor(entry.responses, status);
    const body = await jsonBodyOf(response);
    let found: Violation[];
    let complete = true;
    if (!validate) found = [violation("", "status", "#/responses")];
    else if (!body) found = [violation("", "json", "#/content")];
    else if (validate(body.json)) return;
    else {
      const listed = await violationsOf(key, validate, status, body.json);
      found = listed.errors.map((error) => violation(error.instancePath, error.keyword, error.schemaPath));
      complete = listed.complete;
    }
    const id = options.requestIdOf(body?.json, response);
    const requestId = typeof id === "string" ? redact(id).slice(0, MAX_POINTER) : undefined;
    const violations = found.slice(0, MAX_VIOLATIONS);
    const event: DriftEvent = { operationId: entry.operationId, method: operation.method, path: operation.path, status, requestId, violations, truncated: !complete || found.length > violations.length };
    if (mode === "throw") {
      const where = violations.map((item) => `${item.pointer || "(body)"} (${item.keyword})`).join(", ");
      throw options.error(operation, `${status} response does not match the contract: ${where}${event.truncated ? ", ..." : ""}`, status, { violations, requestId });
    }
    try {
      onDrift?.(event);
    } catch {
      // A report must not change the call's outcome: the data still goes back to the caller.
    }
  };
}
