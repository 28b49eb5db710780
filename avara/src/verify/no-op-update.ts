// The update verify sends to prove writes work without changing anything: the user's own
// current values of every field an update can set.
import type { UpdateUserRequest, User } from "../types.js";

/** The fields an update can set, and so send back unchanged. */
const WRITABLE = ["firstName", "middleName", "lastName", "suffix1", "suffix2", "clinicRole", "level", "canCreateReports", "canManageStudies", "hasDashboardAccess", "npiNumber", "phoneNumber"] as const;

/** The user's own values of every field an update can set: sending them changes nothing. */
export function noOpUpdate(user: User): UpdateUserRequest {
  const body: Record<string, unknown> = {};
  for (const field of WRITABLE) if (user[field] !== undefined) body[field] = user[field];
  // `owner` cannot be sent (the API cannot assign it); an owner's level is left out.
  if (body.level === "owner") delete body.level;
  return body as UpdateUserRequest;
}
