// `avara-autoscribe-contract verify`: probes a server that claims to implement Avara's
// contract and checks every response against avara/openapi.yaml, with the probe, checks and
// report shared with parchment-contract (../../src/verify/). The probes cannot harm a real
// account: reads, plus (only with allowWrites) an update that sends the user's own current
// values and an update the contract refuses, each put back if it was not refused. The API key
// is redacted from everything the report holds.
import { specOperations, createSpecValidator } from "contract-kit/spec";
import { baseUrlOption, createRedactor, isObject } from "contract-kit/http";
import { createShow, createProber, redactReport, type VerifyReport } from "contract-kit/verify";
import { avaraSpec } from "../contract/spec.js";
import type { UpdateUserRequest, User } from "../types.js";

export type { CheckResult, VerifyReport } from "contract-kit/verify";

export interface VerifyOptions {
  /** http(s), without credentials, a query or a fragment. */
  baseUrl: string;
  apiKey: string;
  /** The user to read (and with allowWrites, update with its own values). */
  userId: string;
  allowWrites?: boolean;
  /** Per request, for the headers and the whole body. Default 15 000. */
  timeoutMs?: number;
  /** The largest body read. Default 4 MiB. */
  maxBodyBytes?: number;
  /** The longest Retry-After waited before the one retry of a 429 or 503. Default 10 000. */
  maxRetryAfterMs?: number;
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

/** A user id of the contract's form that no clinic is expected to hold. */
export const UNKNOWN_USER = "usr_00000000000000000000000000000000";
const HINT_401 = "a 401 means the API key was refused: check that it is current and belongs to this clinic (sent as Authorization: Bearer)";
/** The fields an update can set, and so send back unchanged. */
const WRITABLE = ["firstName", "middleName", "lastName", "suffix1", "suffix2", "clinicRole", "level", "canCreateReports", "canManageStudies", "hasDashboardAccess", "npiNumber", "phoneNumber"] as const;

function checkOptions(options: VerifyOptions): URL {
  const fail = (message: string) => {
    throw new TypeError(message);
  };
  // The clients' check: absolute http(s), no user:password (printed and sent wherever it leads), no query.
  const url = new URL(baseUrlOption(options.baseUrl));
  for (const name of ["apiKey", "userId"] as const) {
    if (typeof options[name] !== "string" || !options[name].trim()) fail(`${name} must be a non-empty string`);
  }
  for (const name of ["timeoutMs", "maxBodyBytes", "maxRetryAfterMs"] as const) {
    const value = options[name];
    if (value !== undefined && !(typeof value === "number" && value >= 0 && value < Infinity)) fail(`${name} must be a non-negative number`);
  }
  return url;
}

/** The user's own values of every field an update can set: sending them changes nothing. */
export function noOpUpdate(user: User): UpdateUserRequest {
  const body: Record<string, unknown> = {};
  for (const field of WRITABLE) if (user[field] !== undefined) body[field] = user[field];
  // `owner` cannot be sent (the API cannot assign it); an owner's level is left out.
  if (body.level === "owner") delete body.level;
  return body as UpdateUserRequest;
}

export async function verify(options: VerifyOptions): Promise<VerifyReport> {
  const base = checkOptions(options);
  const baseUrl = base.href.replace(/\/+$/, "");
  const { redact } = createRedactor([options.apiKey]);
  const show = createShow(redact);
  const validator = createSpecValidator(avaraSpec);
  const { checks, fail, skip, probe } = createProber({
    baseUrl,
    operations: specOperations(avaraSpec),
    validator,
    show,
    transport: {
      fetch: options.fetch ?? fetch,
      timeoutMs: options.timeoutMs ?? 15_000,
      maxBodyBytes: options.maxBodyBytes ?? 4 * 1024 * 1024,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 10_000,
      signal: options.signal,
    },
    credentials: { authorization: `Bearer ${options.apiKey}` },
    // Error bodies are undocumented (docs/decisions.md, 4): a message, where one is usual.
    problemOf(body: any) {
      const said = [body?.message, isObject(body?.error) ? body.error.message : body?.error].find((part) => typeof part === "string" && part);
      return said as string | undefined;
    },
    hint401: HINT_401,
  });
  const { userId } = options;
  const pathParams = { userId };

  const read = await probe("read the user", "getUser", { pathParams }, { status: 200 });
  if (read.ok && read.body?.userId !== userId) fail(read.check, { path: "$.userId", expected: `the user asked for, ${show.value(userId)}`, actual: show.value(read.body?.userId) });
  const user = read.check.outcome === "passed" ? (read.body as User) : undefined;
  await probe("read an unknown user (expects 404)", "getUser", { pathParams: { userId: UNKNOWN_USER } }, { status: 404 });
  await probe("read the user without the API key (expects 401)", "getUser", { pathParams, headers: {} }, { status: 401 });

  const writes = [
    ["update the user with its own current values", "updateUser"],
    ["update with an empty firstName (expects 400 or 422)", "updateUser"],
    ["restore the user", "updateUser"],
  ] as const;
  if (!options.allowWrites || !user) {
    const why = !options.allowWrites ? "writes need --allow-writes" : "the user could not be read";
    for (const [name, operationId] of writes) skip(name, operationId, why);
  } else {
    const same = noOpUpdate(user);
    const noOp = await probe(writes[0][0], writes[0][1], { pathParams, body: same }, { status: 200 });
    if (noOp.ok) {
      // The answer is the user after the update: every field sent comes back as it was.
      const changed = Object.keys(same).filter((field) => JSON.stringify(noOp.body?.[field]) !== JSON.stringify(user[field as keyof User]));
      for (const field of changed.slice(0, 5)) fail(noOp.check, { path: `$.${field}`, expected: `the value sent, ${show.value(user[field as keyof User])}`, actual: show.value(noOp.body?.[field]) });
    }
    // A value the schema refuses (firstName has minLength 1). Were it taken, the name is put back.
    const refused = await probe(writes[1][0], writes[1][1], { pathParams, body: { firstName: "" } }, { status: [400, 422] });
    // Put back whenever the refused update may have taken effect: a 2xx, or no answer at all.
    const taken = refused.check.status !== undefined && refused.check.status >= 200 && refused.check.status < 300;
    if (taken || !refused.answered) {
      await probe(writes[2][0], writes[2][1], { pathParams, body: same }, { status: 200 });
    } else {
      skip(writes[2][0], writes[2][1], "the refused update changed nothing");
    }
  }

  return redactReport({ ok: checks.every((check) => check.outcome !== "failed"), baseUrl, checks }, redact);
}
