// verify's writes (with allowWrites only): an update that sends the user's own current values
// (it must come back unchanged), and an update the contract refuses, put back if it was taken.
import type { VerifyRun } from "contract-kit/verify";
import type { User } from "../types.js";
import { CHECKS } from "./checks.js";
import { noOpUpdate } from "./no-op-update.js";

export async function writeAndRestore(run: VerifyRun, user: User): Promise<void> {
  const { fail, skip, show } = run;
  const pathParams = { userId: user.userId };
  const same = noOpUpdate(user);
  const noOp = await run.probe(CHECKS.noOpUpdate, { pathParams, body: same }, { status: 200 });
  if (noOp.ok) {
    // The answer is the user after the update: every field sent comes back as it was.
    const changed = Object.keys(same).filter((field) => JSON.stringify(noOp.body?.[field]) !== JSON.stringify(user[field as keyof User]));
    for (const field of changed.slice(0, 5)) fail(noOp.check, { path: `$.${field}`, expected: `the value sent, ${show.value(user[field as keyof User])}`, actual: show.value(noOp.body?.[field]) });
  }
  // A value the schema refuses (firstName has minLength 1). Were it taken, the name is put back.
  const refused = await run.probe(CHECKS.refusedUpdate, { pathParams, body: { firstName: "" } }, { status: [400, 422] });
  // Put back whenever the refused update may have taken effect: a 2xx, or no answer at all.
  const taken = refused.check.status !== undefined && refused.check.status >= 200 && refused.check.status < 300;
  if (taken || !refused.answered) {
    await run.probe(CHECKS.restoreUser, { pathParams, body: same }, { status: 200 });
  } else {
    skip(CHECKS.restoreUser, "the refused update changed nothing");
  }
}
