// Named types for Avara's API, each derived from the generated spec types: never hand-copied.
import type { components } from "../generated/openapi.js";

type Schemas = components["schemas"];

/** A user as both operations answer. */
export type User = Schemas["User"];
/** The fields to change; `null` clears an optional field. */
export type UpdateUserRequest = Schemas["UpdateUserRequest"];
export type ClinicRole = Schemas["ClinicRole"];
/** `owner`, `admin`, `member`: what a user is. */
export type UserLevel = Schemas["UserLevel"];
/** `admin`, `member`: what the API can make a user. */
export type AssignableUserLevel = Schemas["AssignableUserLevel"];
export type InvitedSource = Schemas["InvitedSource"];
/** Any JSON: Avara documents no error body. */
export type ErrorBody = Schemas["ErrorBody"];

// Runtime arrays of each enum's values, emitted by openapi-typescript --enum-values.
export {
  clinicRoleValues as CLINIC_ROLES,
  userLevelValues as USER_LEVELS,
  assignableUserLevelValues as ASSIGNABLE_USER_LEVELS,
  invitedSourceValues as INVITED_SOURCES,
} from "../generated/openapi.js";
export { servers as AVARA_SERVERS } from "../generated/servers.js";
