// The update verify sends to prove writes work without changing anything: the user's own
// current values of every field an update can set. Which fields those are, and which values
// an update takes, is the contract's word (UpdateUserRequest), read from the spec.
import type { SpecValidator } from "contract-kit/spec";
import type { UpdateUserRequest, User } from "../types.js";

const UPDATE = "#/components/schemas/UpdateUserRequest";

/**
 * The user's own values of every field an update can set, each that the update's schema takes
 * for that field (an owner's level is one it does not: `owner` cannot be assigned): sending
 * them changes nothing.
 */
export function noOpUpdate(user: User, validator: SpecValidator): UpdateUserRequest {
  const properties = (validator.document.components as { schemas: Record<string, { properties: Record<string, unknown> }> }).schemas.UpdateUserRequest!.properties;
  const body: Record<string, unknown> = {};
  for (const field of Object.keys(properties)) {
    const value = user[field as keyof User];
    if (value !== undefined && validator.validate(`${UPDATE}/properties/${field}`, value).length === 0) body[field] = value;
  }
  return body as UpdateUserRequest;
}
