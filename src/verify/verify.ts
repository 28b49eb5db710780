// `parchment-contract verify`: probes a server that claims to implement the contract and
// checks every response against openapi.yaml. The probes cannot harm a real account: reads,
// plus (only with allowWrites) changes that are put back straight away, plus (only with
// allowCreate as well) one user of verify's own, created and left disabled. The server may be
// broken or hostile: every answer is read under a deadline and a size cap, and the
// credentials are redacted from everything the report holds (contract-kit/verify). This file
// is the sequence; each step and the checks' names are in the files beside it.
import { check, isObject } from "contract-kit/http";
import { checkVerifyOptions, mayHaveTakenEffect, startVerifyRun, type VerifyBaseOptions, type VerifyReport } from "contract-kit/verify";
import { parchmentSpec } from "../contract/parchment-spec.js";
import type { User } from "../types.js";
import { CHECKS, LIFECYCLE, WRITES } from "./checks.js";
import { createDisableEnable } from "./lifecycle.js";
import { newUser } from "./new-user.js";
import { listUsers } from "./list-users.js";
import { collectRequestIds } from "./request-ids.js";
import { checkTokens } from "./token.js";
import { writeAndRestore } from "./writes.js";

export type { CheckResult, VerifyReport } from "contract-kit/verify";

export interface VerifyOptions extends VerifyBaseOptions {
  organizationId: string;
  organizationSecret: string;
  token: string;
  /** The user to read (and with allowWrites, change and restore); else the first listed. */
  userId?: string;
  /** List pages to read by following the cursor. Default 5. */
  maxPages?: number;
  /** With partnerSecret: also request a token (POST /v1/token) and check the grant. */
  partnerId?: string;
  partnerSecret?: string;
  /**
   * With allowWrites: also create a user (marked as verify's), check it is refused a second
   * time, disable and enable it, and leave it disabled. A real organisation keeps the user
   * (Parchment has no delete). The token must carry create:user and update:user.
   */
  allowCreate?: boolean;
}

const UNKNOWN_USER = "usr_parchment_contract_verify_unknown";
const HINT_401 =
  "a 401 means the credentials were refused: check the token (current, not expired, carrying this operation's scope) and the organisation secret (sent as x-organization-secret, for this organisation)";

/** Parchment's problem details: its title and detail. */
function problemOf(body: any): string | undefined {
  const problem = isObject(body?.error) ? body.error : undefined;
  return [problem?.title, problem?.detail].filter((part) => typeof part === "string" && part).join(": ") || undefined;
}

export async function verify(options: VerifyOptions): Promise<VerifyReport> {
  const checked = checkVerifyOptions(options, { credentials: ["organizationSecret", "token"], required: ["organizationId"], optional: ["userId", "partnerId", "partnerSecret"] });
  if (options.partnerSecret !== undefined) checkVerifyOptions(options, { credentials: ["partnerSecret"] });
  if (options.maxPages !== undefined && !(Number.isInteger(options.maxPages) && options.maxPages >= 1)) throw new TypeError("maxPages must be a positive integer");
  check(options.allowCreate === undefined || typeof options.allowCreate === "boolean", "allowCreate", "a boolean");
  check(!options.allowCreate || options.allowWrites === true, "allowCreate", "used together with allowWrites (--allow-writes): creating a user is a write");
  const credentials = { authorization: `Bearer ${options.token}`, "x-organization-secret": options.organizationSecret };
  const { run, checkRequestIds } = collectRequestIds(
    startVerifyRun({ spec: parchmentSpec, checked, secrets: [options.token, options.organizationSecret, options.partnerSecret].filter((secret) => secret !== undefined), credentials, pathParams: { organization_id: options.organizationId }, problemOf, hint401: HINT_401 }),
  );
  const { fail, skip, show } = run;

  // Reads: the list, following the cursor; a user (the one asked for, else the first listed).
  const listed = await listUsers(run, options.maxPages ?? 5);
  const userId = options.userId ?? listed.userIds[0];
  let user: User | undefined;
  if (userId) {
    const read = await run.probe(CHECKS.readUser, { pathParams: { user_id: userId } }, { status: 200 });
    const data = read.body?.data;
    if (read.ok && data?.user_id !== userId) {
      fail(read.check, { path: "$.data.user_id", expected: `the user asked for, ${show.value(userId)}`, actual: show.value(data?.user_id) });
    }
    user = read.check.outcome === "passed" ? (data as User) : undefined;
  } else {
    skip(CHECKS.readUser, listed.failed ? "listing users failed and no user id was given" : "no user id was given and none was listed");
  }
  await run.probe(CHECKS.readUnknownUser, { pathParams: { user_id: UNKNOWN_USER } }, { status: 404 });
  await run.probe(CHECKS.listWithoutCredentials, { headers: {} }, { status: 401 });
  await run.probe(CHECKS.listWithoutSecret, { headers: { authorization: credentials.authorization } }, { status: 401 });
  // Read-only as well, since none can change anything on a server that keeps the contract: an
  // unknown user cannot be disabled or enabled, and a create without credentials cannot be
  // acted on. The create's body is valid (verify's marked user), so that the credentials are
  // the only reason to refuse it: a body the schema refuses could be answered 422 first, and
  // the check would judge the order of the server's checks, not its authentication. Should a
  // broken server take it anyway, the report names the user it may have made.
  await run.probe(CHECKS.disableUnknownUser, { pathParams: { user_id: UNKNOWN_USER } }, { status: 404 });
  await run.probe(CHECKS.enableUnknownUser, { pathParams: { user_id: UNKNOWN_USER } }, { status: 404 });
  const stranger = newUser();
  const unauthenticated = await run.probe(CHECKS.createWithoutCredentials, { headers: {}, body: stranger.body, unsafeToRepeat: true }, { status: 401 });
  if (mayHaveTakenEffect(unauthenticated)) unauthenticated.check.note = `not refused: ${stranger.described} may have been created`;
  await checkTokens(run, { ...options, userId: userId ?? UNKNOWN_USER });

  // Writes, each put back at once.
  if (options.allowWrites && user) {
    await writeAndRestore(run, user);
  } else {
    const why = !options.allowWrites ? "writes need --allow-writes" : userId ? "the user could not be read" : "there was no user to read";
    for (const write of WRITES) skip(write, why);
  }
  if (options.allowCreate) await createDisableEnable(run);
  else for (const step of LIFECYCLE) skip(step, "creating users needs --allow-create: a real organisation would keep the user");

  checkRequestIds();
  return run.report();
}
