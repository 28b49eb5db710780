// Generated from openapi.yaml by scripts/generate.ts. Do not edit by hand.
/** The operationId of each operation, by method and path template. */
export const operationIds: Readonly<Record<string, string>> = {
  "POST /v1/token": "createToken",
  "GET /v1/organizations/{organization_id}/users": "listUsers",
  "POST /v1/organizations/{organization_id}/users": "createUser",
  "GET /v1/organizations/{organization_id}/users/{user_id}": "getUser",
  "PUT /v1/organizations/{organization_id}/users/{user_id}": "updateUser",
  "PUT /v1/organizations/{organization_id}/users/{user_id}/roles": "updateUserRoles",
  "PUT /v1/organizations/{organization_id}/users/{user_id}/disable": "disableUser",
  "PUT /v1/organizations/{organization_id}/users/{user_id}/enable": "enableUser",
};
