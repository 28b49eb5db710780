// A consumer of the packed avara-autoscribe-contract: typechecked (with @ts-expect-error where
// the API forbids a value), then run against the package's own reference server.
import { AvaraApiError, CLINIC_ROLES, createAvaraClient, type UpdateUserRequest, type User } from "avara-autoscribe-contract";
import type { paths } from "avara-autoscribe-contract/types";
import spec from "avara-autoscribe-contract/openapi.json" with { type: "json" };
import { startReferenceServer } from "avara-autoscribe-contract/testing";

function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(`consumer check failed: ${message}`);
}

const server = await startReferenceServer();
try {
  const client = createAvaraClient({ apiKey: server.apiKey, baseUrl: server.baseUrl, userAgent: "consumer/1.0" });
  const user: User = await client.users.get(server.userId);
  check(user.userId === server.userId, "get");

  const change: UpdateUserRequest = { suffix2: null, clinicRole: "Nuclear Medicine Physician" };
  const updated = await client.users.update(server.userId, change);
  check(updated.clinicRole === "Nuclear Medicine Physician" && !("suffix2" in updated), "update");

  // @ts-expect-error owner cannot be assigned through the API
  await client.users.update(server.userId, { level: "owner" }).catch(() => undefined);

  try {
    await client.users.update(server.userId, { canCreateReports: true, npiNumber: null });
    check(false, "expected a 400");
  } catch (error) {
    check(error instanceof AvaraApiError && error.status === 400, `unexpected ${String(error)}`);
    check(!String(error.stack).includes(server.apiKey), "the key in an error");
  }

  type UserPath = paths["/v1/autoScribe/users/{userId}"];
  const methods: (keyof UserPath)[] = ["get", "patch"];
  check(methods.length === 2 && spec.openapi === "3.1.0", "types and openapi.json exports");
  check(CLINIC_ROLES.length === 61, "CLINIC_ROLES");
  console.log(`consumer ok: ${user.firstName} is now a ${updated.clinicRole}`);
} finally {
  await server.close();
}
