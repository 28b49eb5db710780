// verify's writes (with allowWrites only), each put back: change the user's name, read it
// back, restore it; re-apply the user's current roles; send an empty roles list, which the
// contract refuses. A write is put back whenever it may have taken effect (a 2xx, a 5xx, no
// complete answer), the one expected to be refused included, and the report says what was
// put back, or what could not be. A write is made only when the contract takes the body that
// would put it back (the prober checks both against the request schema): a user's current
// values can break a rule of the update that the User schema does not have (an empty
// full_name, roles with rx_reader alone or twice), and then its checks are skipped with that
// rule, since nothing verify sends could undo the write.
import { deref, lookup } from "contract-kit/spec";
import { mayHaveTakenEffect, type NamedCheck, type Probed, type VerifyRun } from "contract-kit/verify";
import { parchmentSpec } from "../contract/parchment-spec.js";
import type { User } from "../types.js";
import { CHECKS } from "./checks.js";

/** full_name's maxLength in an update, from openapi.yaml. */
const MAX_NAME = deref(parchmentSpec, lookup(parchmentSpec, "#/components/schemas/UpdateUserRequest/properties/full_name")).node.maxLength as number;

/**
 * A name that differs from `name` and fits the schema. "<name> (verify)" cut to maxLength is
 * the name itself when the name is already that long, and then a server that stores nothing
 * passed "read the updated user"; the mark replaces the name's end instead, and a second mark
 * covers a name that already ends in the first.
 */
export function changedName(name: string): string {
  for (const mark of [" (verify)", " (verify!)"]) {
    const candidate = name.length + mark.length <= MAX_NAME ? `${name}${mark}` : `${name.slice(0, MAX_NAME - mark.length)}${mark}`;
    if (candidate !== name) return candidate;
  }
  throw new Error("unreachable: two marks that differ cannot both leave the name unchanged");
}

/** Why a write had to be put back, for the restoring check's note. */
function because(write: Probed): string {
  const { status } = write.check;
  return !write.answered ? "no complete answer came" : `it was answered ${status}`;
}

export async function writeAndRestore(run: VerifyRun, user: User): Promise<void> {
  const { fail, skip, show } = run;
  const pathParams = { user_id: user.user_id };

  /** Puts `what` back with `request`; notes it in the report, or that it could not be put back. */
  async function restore(check: NamedCheck, write: Probed, what: string, left: string, request: { body: unknown }) {
    const restored = await run.probe(check, { pathParams, ...request }, { status: 200 });
    restored.check.note = restored.ok
      ? `put back ${what} after ${write.check.name.replace(/ \(expects .*\)$/, "")}: ${because(write)}`
      : `could not put back ${what}: the user may be left with ${left}`;
  }

  const changed = changedName(user.full_name);
  const update = await run.probe(
    CHECKS.updateUser,
    { pathParams, body: { full_name: changed }, bodyIs: "the changed full_name", restoreWith: { body: { full_name: user.full_name }, is: "the user's current full_name" } },
    { status: 200 },
  );
  if (!update.sent) {
    for (const check of [CHECKS.readUpdatedUser, CHECKS.restoreUser]) skip(check, update.check.note!);
  } else if (update.ok) {
    const reread = await run.probe(CHECKS.readUpdatedUser, { pathParams }, { status: 200 });
    const seen = reread.body?.data?.full_name;
    if (reread.ok && seen !== changed) fail(reread.check, { path: "$.data.full_name", expected: show.value(changed), actual: show.value(seen) });
  } else {
    skip(CHECKS.readUpdatedUser, "the update failed");
  }
  if (mayHaveTakenEffect(update)) {
    await restore(CHECKS.restoreUser, update, `full_name ${show.value(user.full_name, 60)}`, `full_name ${show.value(changed, 60)}`, { body: { full_name: user.full_name } });
  } else if (update.sent) {
    skip(CHECKS.restoreUser, `the update was refused (${update.check.status}), so nothing changed`);
  }

  // The roles as they are, sent back: skipped, as is the empty list, when the contract refuses
  // them in a request (roles the API cannot assign, rx_reader without receptionist, a role twice).
  const roles = Array.isArray(user.access_roles) ? user.access_roles : [];
  const current = { body: { access_roles: roles }, is: "the user's current roles" };
  await run.probe(CHECKS.reapplyRoles, { pathParams, body: current.body, bodyIs: current.is }, { status: 200 });
  // Parchment answers 400; the spec also documents 422 for a roles body that is not valid.
  // A server that takes it leaves the user without roles: they are put back.
  const empty = await run.probe(CHECKS.emptyRoles, { pathParams, body: { access_roles: [] }, refusedOnPurpose: true, restoreWith: current }, { status: [400, 422] });
  if (!empty.sent) {
    skip(CHECKS.restoreRoles, empty.check.note!);
  } else if (mayHaveTakenEffect(empty)) {
    await restore(CHECKS.restoreRoles, empty, `the roles ${show.value(roles, 60)}`, "no roles", { body: current.body });
  } else {
    skip(CHECKS.restoreRoles, `the empty list was refused (${empty.check.status}), so nothing changed`);
  }
}
