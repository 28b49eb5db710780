// verify's user lifecycle (allowCreate only): create a user of verify's own (new-user.ts),
// read it back, send the same email again (the contract answers 409), disable it twice (roles
// become [member]; the second answers 200 too), enable it twice (roles stay [member]: enable
// promises no more, decision 11), and disable it once more, so that the user a real
// organisation keeps (Parchment has no delete) cannot sign in. A create is sent once (again
// only after a 429: Parchment takes no idempotency key), and the report says which user was
// created and left disabled, or that a user may have been created when no clear answer came.
import { isObject } from "contract-kit/http";
import { mayHaveTakenEffect, type NamedCheck, type Probed, type VerifyRun } from "contract-kit/verify";
import { CHECKS, LIFECYCLE } from "./checks.js";
import { newUser, type CreateUserRequest } from "./new-user.js";

/** On a 403 to a create, disable or enable: the scopes verify's token needs. */
export const SCOPE_HINT = "verify's token must carry create:user (to create) and update:user (to disable and enable)";

/** The created user's id from a create's body, in either documented form: user_id ?? parchment_user_id. */
export function createdUserId(body: unknown): string | undefined {
  const data = isObject(body) && isObject(body.data) ? body.data : undefined;
  const id = data?.user_id ?? data?.parchment_user_id;
  return typeof id === "string" && id !== "" ? id : undefined;
}

const sameRoles = (roles: unknown, expected: readonly string[]) =>
  Array.isArray(roles) && roles.length === expected.length && [...roles].sort().join("\n") === [...expected].sort().join("\n");

/** What a create's answer says about whether a user exists: its id, or why verify cannot go on. */
type Created = { id: string } | { stop: string };

/**
 * Judges a create's answer for what came of it (the schema and the status are the probe's):
 * refused (4xx: nothing was made), no clear answer (a user may exist), accepted (202), or made.
 */
function whatCameOf(run: VerifyRun, created: Probed, described: string): Created {
  const { check } = created;
  const status = check.status;
  const id = createdUserId(created.body);
  if (!mayHaveTakenEffect(created)) {
    check.note = `refused (${status}): nothing was created`;
    return { stop: `the create was refused (${status}), so there is no user` };
  }
  if (!created.answered || status === undefined || status < 200 || status > 299) {
    check.note = `${!created.answered ? "no complete answer came" : `it was answered ${status}`}: ${described} may have been created; find it by external_user_id and disable it (verify sends a create once)`;
    return { stop: "the create had no clear answer, so verify does not know which user to disable" };
  }
  if (status === 202) {
    check.note = `accepted with demographic conflicts: ${described} may be created later${id ? ` as ${run.show.text(id, 130)}` : ""}, able to sign in as receptionist; disable it once Parchment has resolved it`;
    return { stop: "the create was accepted (202) with demographic conflicts: the user may not be ready" };
  }
  if (id === undefined) {
    check.note = `${described} was created, but the answer names no user_id or parchment_user_id: find it by external_user_id and disable it`;
    return { stop: "the create named no user id" };
  }
  check.note = `created ${run.show.text(id, 130)} (${described.replace(/^the user with /, "")})`;
  return { id };
}

export async function createDisableEnable(run: VerifyRun): Promise<void> {
  const { fail, skip, show } = run;
  const user = newUser();
  const hintScopes = (probed: Probed) => {
    if (probed.check.status === 403) probed.check.hint = SCOPE_HINT;
    return probed;
  };
  const create = (check: NamedCheck, body: CreateUserRequest, status: number | number[]) => run.probe(check, { body, unsafeToRepeat: true }, { status }).then(hintScopes);

  const came = whatCameOf(run, await create(CHECKS.createUser, user.body, [201, 202]), user.described);
  if ("stop" in came) {
    for (const check of LIFECYCLE.slice(1)) skip(check, came.stop);
    return;
  }
  const pathParams = { user_id: came.id };
  const shownId = show.text(came.id, 130);
  /** A read of the user, failed unless it is the created user with `roles`. */
  const readWithRoles = async (check: NamedCheck, roles: readonly string[], why?: string) => {
    const read = await run.probe(check, { pathParams }, { status: 200 });
    const data = read.body?.data;
    if (!read.ok) return;
    if (data?.user_id !== came.id) fail(read.check, { path: "$.data.user_id", expected: `the created user, ${show.value(came.id)}`, actual: show.value(data?.user_id) });
    if (data?.email !== user.email) fail(read.check, { path: "$.data.email", expected: show.value(user.email), actual: show.value(data?.email) });
    if (!sameRoles(data?.access_roles, roles)) fail(read.check, { path: "$.data.access_roles", expected: `${show.value(roles)}${why ? ` (${why})` : ""}`, actual: show.value(data?.access_roles) });
  };
  /** A disable or enable of `id`, answered 200 naming it. */
  const setState = async (check: NamedCheck, id = came.id) => {
    const answered = hintScopes(await run.probe(check, { pathParams: { user_id: id } }, { status: 200 }));
    const named = answered.body?.data?.user_id;
    if (answered.ok && named !== id) fail(answered.check, { path: "$.data.user_id", expected: `the user disabled or enabled, ${show.value(id)}`, actual: show.value(named) });
    return answered;
  };

  await readWithRoles(CHECKS.readCreatedUser, user.body.access_roles ?? []);

  // The same email with another partner_user_id: only the email can be why it is refused.
  const duplicate = await create(CHECKS.createDuplicate, user.duplicate, 409);
  if (mayHaveTakenEffect(duplicate)) {
    const again = `the user with email ${user.email} and partner_user_id ${user.duplicate.partner_user_id}`;
    const secondId = duplicate.answered && duplicate.check.status! >= 200 && duplicate.check.status! <= 299 ? createdUserId(duplicate.body) : undefined;
    if (secondId === undefined) {
      duplicate.check.note = `${again} may have been created: find it by external_user_id and disable it`;
    } else {
      const disabled = await setState(CHECKS.disableDuplicate, secondId);
      duplicate.check.note = `a second user was created, ${show.text(secondId, 130)}`;
      disabled.check.note = disabled.ok ? `left ${show.text(secondId, 130)} (${again.replace(/^the user with /, "")}) disabled` : `could not disable ${show.text(secondId, 130)}: it may be left able to sign in`;
    }
  }

  const disabled = await setState(CHECKS.disableUser);
  if (disabled.ok) await readWithRoles(CHECKS.readDisabledUser, ["member"], "disabling downgrades the roles to member");
  else skip(CHECKS.readDisabledUser, "the disable failed");
  await setState(CHECKS.disableAgain);
  const enabled = await setState(CHECKS.enableUser);
  if (enabled.ok) await readWithRoles(CHECKS.readEnabledUser, ["member"], "enable promises only that the user can sign in, as member: the roles held before are not restored (docs/decisions.md, 11)");
  else skip(CHECKS.readEnabledUser, "the enable failed");
  await setState(CHECKS.enableAgain);

  const left = await setState(CHECKS.leaveDisabled);
  left.check.note = left.ok
    ? `left ${shownId} (${user.email}) disabled: Parchment has no delete, so the organisation keeps the user, unable to sign in`
    : `could not disable ${shownId} (${user.email}): the user may be left able to sign in; disable it by hand`;
}
