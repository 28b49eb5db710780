// `avara-autoscribe-contract verify`: probes a server that claims to implement Avara's
// contract and checks every response against avara/openapi.yaml, with the options, probes and
// report shared with parchment-contract (contract-kit/verify). The probes cannot harm a real
// account: reads, plus (only with allowWrites) an update that sends the user's own current
// values and an update the contract refuses, each put back if it was not refused. The API key
// is redacted from everything the report holds. This file is the sequence; the writes and the
// checks' names are in the files beside it.
import { isObject } from "contract-kit/http";
import { checkVerifyOptions, startVerifyRun, type VerifyBaseOptions, type VerifyReport } from "contract-kit/verify";
import { avaraSpec } from "../contract/spec.js";
import type { User } from "../types.js";
import { CHECKS, WRITES } from "./checks.js";
import { writeAndRestore } from "./writes.js";

export type { CheckResult, VerifyReport } from "contract-kit/verify";
export { noOpUpdate } from "./no-op-update.js";

export interface VerifyOptions extends VerifyBaseOptions {
  apiKey: string;
  /** The user to read (and with allowWrites, update with its own values). */
  userId: string;
}

/** A user id of the contract's form that no clinic is expected to hold. */
export const UNKNOWN_USER = "usr_00000000000000000000000000000000";
const HINT_401 = "a 401 means the API key was refused: check that it is current and belongs to this clinic (sent as Authorization: Bearer)";

/** Error bodies are undocumented (docs/decisions.md, 4): a message, where one is usual. */
function problemOf(body: any): string | undefined {
  const said = [body?.message, isObject(body?.error) ? body.error.message : body?.error].find((part) => typeof part === "string" && part);
  return said as string | undefined;
}

export async function verify(options: VerifyOptions): Promise<VerifyReport> {
  const checked = checkVerifyOptions(options, { credentials: ["apiKey"], required: ["userId"] });
  const run = startVerifyRun({ spec: avaraSpec, checked, secrets: [options.apiKey], credentials: { authorization: `Bearer ${options.apiKey}` }, problemOf, hint401: HINT_401 });
  const { fail, skip, show } = run;
  const { userId } = options;
  const pathParams = { userId };

  const read = await run.probe(CHECKS.readUser, { pathParams }, { status: 200 });
  if (read.ok && read.body?.userId !== userId) fail(read.check, { path: "$.userId", expected: `the user asked for, ${show.value(userId)}`, actual: show.value(read.body?.userId) });
  const user = read.check.outcome === "passed" ? (read.body as User) : undefined;
  await run.probe(CHECKS.readUnknownUser, { pathParams: { userId: UNKNOWN_USER } }, { status: 404 });
  await run.probe(CHECKS.readWithoutKey, { pathParams, headers: {} }, { status: 401 });

  if (options.allowWrites && user) {
    await writeAndRestore(run, user);
  } else {
    const why = !options.allowWrites ? "writes need --allow-writes" : "the user could not be read";
    for (const write of WRITES) skip(write, why);
  }
  return run.report();
}
