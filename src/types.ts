// Named types for the API, each derived from the generated spec types: never hand-copied.
import {
  accessRoleValues,
  assignableRoleValues,
  australianStateValues,
  prescriberTypeAsReadValues,
  prescriberTypeAsWrittenValues,
  scopeValues,
  sexAsReadValues,
  sexAsWrittenValues,
  type components,
  type operations,
} from "../generated/openapi.js";

type Schemas = components["schemas"];

export type User = Schemas["User"];
export type UserSummary = Schemas["UserSummary"];
export type UserDetails = Schemas["UserDetails"];
export type ProviderDetails = Schemas["ProviderDetails"];
export type ProviderDetailsUpdate = Schemas["ProviderDetailsUpdate"];
export type AustralianAddress = Schemas["AustralianAddress"];
export type UpdateUserRequest = Schemas["UpdateUserRequest"];
export type UpdateUserRolesRequest = Schemas["UpdateUserRolesRequest"];
export type UpdateUserResult = Schemas["UpdateUserResult"];
export type UpdateUserRolesResult = Schemas["UpdateUserRolesResult"];
export type CreateUserRequest = Schemas["CreateUserRequest"];
/** The page-object shape of list users: `data` is `{ users, pagination }`. */
export type UserListPage = Schemas["UserListPage"];
/** The pagination inside a `UserListPage` (`data.pagination`). */
export type Pagination = Schemas["Pagination"];
/** The plain-array shape of list users' `data` (one page when the envelope has `pagination`). */
export type UserListArray = Schemas["UserListArray"];
/** The pagination at the top level of the envelope, beside a plain-array `data`. */
export type EnvelopePagination = Schemas["EnvelopePagination"];
/** A whole list-users answer, in any of the three documented shapes. */
export type UserListEnvelope = Schemas["UserListEnvelope"];
/** The fields around every success's `data`. */
export type SuccessEnvelope = Schemas["SuccessEnvelope"];
/** The optional `meta` of an envelope: `apiVersion`, `responseTime`. */
export type ResponseMeta = Schemas["ResponseMeta"];
export type AccessRole = Schemas["AccessRole"];
export type AssignableRole = Schemas["AssignableRole"];
export type Scope = Schemas["Scope"];
export type ProblemDetails = Schemas["ProblemDetails"];
export type ValidationIssue = Schemas["ValidationIssue"];
export type ErrorEnvelope = Schemas["ErrorEnvelope"];
export type TokenRequest = Schemas["TokenRequest"];
export type TokenGrant = Schemas["TokenGrant"];

/** The query of `GET .../users`: `limit` and `lastKey`. */
export type ListUsersQuery = NonNullable<operations["listUsers"]["parameters"]["query"]>;

// Runtime arrays of each enum's values, emitted by openapi-typescript --enum-values, and typed
// here as plain readonly unions (the generator's own annotation is an internal helper type).
export const ACCESS_ROLES: readonly AccessRole[] = accessRoleValues;
export const ASSIGNABLE_ROLES: readonly AssignableRole[] = assignableRoleValues;
export const SCOPES: readonly Scope[] = scopeValues;
export const AUSTRALIAN_STATES: readonly Schemas["AustralianState"][] = australianStateValues;
export const SEX_AS_READ: readonly Schemas["SexAsRead"][] = sexAsReadValues;
export const SEX_AS_WRITTEN: readonly Schemas["SexAsWritten"][] = sexAsWrittenValues;
export const PRESCRIBER_TYPES_AS_READ: readonly Schemas["PrescriberTypeAsRead"][] = prescriberTypeAsReadValues;
export const PRESCRIBER_TYPES_AS_WRITTEN: readonly Schemas["PrescriberTypeAsWritten"][] = prescriberTypeAsWrittenValues;
export { servers as PARCHMENT_SERVERS } from "../generated/servers.js";
