// A consumer of the packed package: typechecked with @ts-expect-error, then run.
import {
  ASSIGNABLE_ROLES,
  ParchmentApiError,
  ParchmentConflictError,
  createParchmentClient,
  createTokenProvider,
  isAssignableRole,
  keepAssignable,
  type AssignableRole,
  type User,
} from "parchment-contract";
import type { paths } from "parchment-contract/types";
import spec from "parchment-contract/openapi.json" with { type: "json" };
import { startReferenceServer } from "parchment-contract/testing";

// Compiled without @types/node (a browser consumer has none): the one Node global used here.
declare const process: { version: string };

function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(`consumer check failed: ${message}`);
}

const ORG = "3f6c1b2a-8d4e-4f5a-9b7c-1d2e3f4a5b6c";
const envelope = (data: unknown) =>
  new Response(JSON.stringify({ success: true, statusCode: 200, message: "OK", data, timestamp: "2024-01-15T10:30:00.000Z", requestId: "req_1" }), {
    headers: { "content-type": "application/json" },
  });

// A tiny stand-in for Parchment, so the consumer runs without a network.
async function parchment(request: Request): Promise<Response> {
  const { pathname, searchParams } = new URL(request.url);
  if (pathname.endsWith("/v1/token")) return envelope({ accessToken: "tok", expiresIn: 3600, tokenType: "Bearer", scope: ["read:users"] });
  if (request.headers.get("authorization") !== "Bearer tok") throw new Error("missing bearer token");
  if (pathname.endsWith("/roles")) {
    const body = await request.json();
    return envelope({ user_id: "usr_1", access_roles: body.access_roles });
  }
  if (pathname.endsWith("/users/usr_missing")) {
    return new Response(
      JSON.stringify({ success: false, statusCode: 404, error: { type: "https://parchment.health/errors/user-not-found", title: "User not found", detail: "No such user" }, timestamp: "2024-01-15T10:30:00.000Z", requestId: "req_404" }),
      { status: 404, headers: { "content-type": "application/json" } },
    );
  }
  const page = searchParams.get("lastKey") === "k1" ? { users: [{ user_id: "usr_2" }], pagination: { lastKey: null } } : { users: [{ user_id: "usr_1" }], pagination: { lastKey: "k1" } };
  return envelope(page);
}

const token = createTokenProvider({
  baseUrl: "https://parchment.invalid/external",
  partnerId: "partner",
  partnerSecret: "partner-secret",
  organizationId: ORG,
  organizationSecret: "org-secret",
  userId: "usr_1",
  scopes: ["read:users", "update:user"],
  fetch: parchment,
});
const client = createParchmentClient({ baseUrl: "https://parchment.invalid/external", organizationId: ORG, organizationSecret: "org-secret", token, fetch: parchment });

const ids: string[] = [];
for await (const user of client.users.listAll()) ids.push(user.user_id);
check(ids.join() === "usr_1,usr_2", `listAll gave ${ids.join()}`);

const roles: AssignableRole[] = ["receptionist", "rx_reader"];
check((await client.users.setRoles("usr_1", roles)).access_roles.join() === roles.join(), "setRoles");
// @ts-expect-error owner is not an assignable role
await client.users.setRoles("usr_1", ["owner"]).catch(() => undefined);

try {
  await client.users.get("usr_missing");
  check(false, "expected a 404");
} catch (error) {
  check(error instanceof ParchmentApiError, `unexpected error ${String(error)}`);
  check(error.status === 404 && error.requestId === "req_404", "404 details");
}

const user: User | undefined = undefined;
type ListPath = paths["/v1/organizations/{organization_id}/users"];
const listPathExists: keyof ListPath = "get";
check(spec.openapi === "3.1.0", "openapi.json export");
check(ASSIGNABLE_ROLES.includes("rx_queue_manager"), "ASSIGNABLE_ROLES");
// A string from elsewhere (a form, a CSV) becomes an AssignableRole through the guard.
const fromForm: string = "rx_reader";
const checked: AssignableRole[] = isAssignableRole(fromForm) ? [fromForm] : [];
check(checked.length === 1 && !isAssignableRole("owner"), "isAssignableRole");
// The reference server, as a consumer's own tests would use it.
const server = await startReferenceServer();
try {
  const tokens = createTokenProvider({
    baseUrl: server.baseUrl,
    partnerId: server.partnerId,
    partnerSecret: server.partnerSecret,
    organizationId: server.organizationId,
    organizationSecret: server.organizationSecret,
    userId: server.userId,
    scopes: ["read:users", "read:user", "update:user", "create:user", "delete:user"],
  });
  const local = createParchmentClient({ baseUrl: server.baseUrl, organizationId: server.organizationId, organizationSecret: server.organizationSecret, token: tokens });
  let count = 0;
  let ownerId: string | undefined;
  for await (const summary of local.users.listAll()) {
    count++;
    if (summary.access_roles?.includes("owner")) ownerId ??= summary.user_id;
  }
  check(count === 45, `reference server listed ${count} users`);
  // Re-applying an owner's roles: the ones PUT .../roles accepts, kept by keepAssignable.
  check(ownerId !== undefined, "the reference server has an owner");
  const owner = await local.users.get(ownerId);
  const reapplied = await local.users.setRoles(owner.user_id, keepAssignable(owner.access_roles));
  check(reapplied.access_roles.join() === owner.access_roles.filter((role) => role !== "owner").join(), `reapplied ${reapplied.access_roles.join()}`);
  check((await local.users.setRoles(server.userId, ["admin"])).access_roles.join() === "admin", "reference setRoles");

  // The whole lifecycle: create a user, disable them (twice: idempotent), enable them again.
  const sam = { given_name: "Sam", family_name: "Nguyen", email: "sam.consumer@example.com", partner_user_id: "CONSUMER#USER_1", access_roles: ["receptionist" as const] };
  const created = await local.users.create(sam);
  check(created.status === 201 && created.userId !== undefined && /^usr_[a-z0-9]{12}$/.test(created.userId), `create answered ${created.status} ${created.userId}`);
  const samId = created.userId;
  check((await local.users.get(samId)).access_roles.join() === "receptionist", "the created user's roles");
  check((await local.users.disable(samId)).user_id === samId && (await local.users.disable(samId)).user_id === samId, "disable, twice");
  check((await local.users.get(samId)).access_roles.join() === "member", "a disabled user is member");
  check((await local.users.enable(samId)).user_id === samId, "enable");
  check((await local.users.get(samId)).access_roles.join() === "member", "an enabled user stays member");
  const again = await local.users.create(sam).then(
    () => undefined,
    (error: unknown) => error,
  );
  check(again instanceof ParchmentConflictError && again.code === "USER_ALREADY_EXISTS", `a second create answered ${String(again)}`);
  let found = false;
  for await (const summary of local.users.listAll()) if (summary.external_user_id === sam.partner_user_id) found = summary.user_id === samId;
  check(found, "the created user listed by external_user_id");
} finally {
  await server.close();
}

console.log(`consumer ok on ${process.version}: ${ids.length} users, ${listPathExists}, ${user ?? "no user"}, a user created, disabled and enabled`);
