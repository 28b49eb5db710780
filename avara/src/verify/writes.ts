// verify's writes (with allowWrites only): an update that sends the user's own current values
// (it must come back unchanged), and an update the contract refuses, put back whenever it may
// have taken effect; the report says what was put back, or what could not be. A write is made
// only when the contract takes its body and the body that would put it back (the prober checks
// both against the request schema): a user's current values can break a rule of the update that
// the User schema does not have (an admin without dashboard access), and then the check is
// skipped with that rule.
import { mayHaveTakenEffect, type VerifyRun } from "contract-kit/verify";
import type { User } from "../types.js";
import { CHECKS } from "./checks.js";
import { noOpUpdate } from "./no-op-update.js";

export async function writeAndRestore(run: VerifyRun, user: User): Promise<void> {
  const { fail, skip, show } = run;
  const pathParams = { userId: user.userId };
  const same = noOpUpdate(user, run.validator);
  const noOp = await run.probe(CHECKS.noOpUpdate, { pathParams, body: same, bodyIs: "the user's current values" }, { status: 200 });
  if (noOp.ok) {
    // The answer is the user after the update: every field sent comes back as it was.
    const changed = Object.keys(same).filter((field) => JSON.stringify(noOp.body?.[field]) !== JSON.stringify(user[field as keyof User]));
    for (const field of changed.slice(0, 5)) fail(noOp.check, { path: `$.${field}`, expected: `the value sent, ${show.value(user[field as keyof User])}`, actual: show.value(noOp.body?.[field]) });
  }
  // A value the schema refuses (firstName has minLength 1). Were it taken, the name is put back:
  // the one field the update sends, so the user's other values need not be sendable.
  const name = { firstName: user.firstName };
  const refused = await run.probe(
    CHECKS.refusedUpdate,
    { pathParams, body: { firstName: "" }, refusedOnPurpose: true, restoreWith: { body: name, is: "the user's current firstName" } },
    { status: [400, 422] },
  );
  // Put back whenever the refused update may have taken effect: a 2xx, a 5xx (the server may
  // have stored it before failing), or no complete answer at all.
  if (!refused.sent) {
    skip(CHECKS.restoreUser, refused.check.note!);
  } else if (mayHaveTakenEffect(refused)) {
    const restored = await run.probe(CHECKS.restoreUser, { pathParams, body: name }, { status: 200 });
    const why = refused.answered ? `it was answered ${refused.check.status}` : "no complete answer came";
    restored.check.note = restored.ok
      ? `put back firstName ${show.value(user.firstName, 60)} after the update with an empty firstName: ${why}`
      : `could not put back firstName ${show.value(user.firstName, 60)}: the user's firstName may be left empty`;
  } else {
    skip(CHECKS.restoreUser, `the refused update changed nothing (${refused.check.status})`);
  }
}
