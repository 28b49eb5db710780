// Generated from openapi.yaml by scripts/generate.ts. Do not edit by hand.
/** The operationId of each operation, by method and path template. */
export const operationIds: Readonly<Record<string, string>> = {
  "GET /v1/autoScribe/users/{userId}": "getUser",
  "PATCH /v1/autoScribe/users/{userId}": "updateUser",
};
