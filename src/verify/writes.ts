// verify's writes (with allowWrites only), each put back at once: change the user's name,
// read it back, restore it; re-apply the user's current roles; send an empty roles list, which
// the contract refuses.
import type { VerifyRun } from "contract-kit/verify";
import { ASSIGNABLE_ROLES, type AssignableRole, type User } from "../types.js";
import { CHECKS } from "./checks.js";

export async function writeAndRestore(run: VerifyRun, user: User): Promise<void> {
  const { fail, skip, show } = run;
  const pathParams = { user_id: user.user_id };
  const changed = `${user.full_name} (verify)`.slice(0, 256);
  const update = await run.probe(CHECKS.updateUser, { pathParams, body: { full_name: changed } }, { status: 200 });
  if (update.ok) {
    const reread = await run.probe(CHECKS.readUpdatedUser, { pathParams }, { status: 200 });
    const seen = reread.body?.data?.full_name;
    if (reread.ok && seen !== changed) fail(reread.check, { path: "$.data.full_name", expected: show.value(changed), actual: show.value(seen) });
  } else {
    skip(CHECKS.readUpdatedUser, "the update failed");
  }
  // Restored whenever the update may have taken effect: also when no answer came.
  if (update.ok || !update.answered) {
    await run.probe(CHECKS.restoreUser, { pathParams, body: { full_name: user.full_name } }, { status: 200 });
  } else {
    skip(CHECKS.restoreUser, "the update was refused, so nothing changed");
  }
  const roles = Array.isArray(user.access_roles) ? user.access_roles : [];
  if (roles.length > 0 && roles.every((role) => (ASSIGNABLE_ROLES as readonly string[]).includes(role))) {
    await run.probe(CHECKS.reapplyRoles, { pathParams, body: { access_roles: roles as AssignableRole[] } }, { status: 200 });
  } else {
    skip(CHECKS.reapplyRoles, `the user holds roles the API cannot assign (${show.value(roles)}), so they could not be restored`);
  }
  // Parchment answers 400; the spec also documents 422 for a roles body that is not valid.
  await run.probe(CHECKS.emptyRoles, { pathParams, body: { access_roles: [] } }, { status: [400, 422] });
}
