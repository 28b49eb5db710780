// Parchment's operations read with its own security schemes: the bearer token's scopes per
// operation (as the README's table of operations says), the organisation secret beside it.
import { describe, expect, it } from "vitest";
import { specOperations } from "contract-kit/spec";
import { parchmentSpec } from "../../src/contract/parchment-spec.js";

describe("Parchment's operations and their scopes", () => {
  const operations = specOperations(parchmentSpec);
  it.each([
    ["createToken", [], []],
    ["listUsers", ["bearerAuth", "organizationSecret"], ["read:users", "read:user"]],
    ["getUser", ["bearerAuth", "organizationSecret"], ["read:user"]],
    ["updateUser", ["bearerAuth", "organizationSecret"], ["update:user"]],
    ["updateUserRoles", ["bearerAuth", "organizationSecret"], ["update:user"]],
    ["createUser", ["bearerAuth", "organizationSecret"], ["create:user"]],
    ["disableUser", ["bearerAuth", "organizationSecret"], ["update:user", "delete:user"]],
    ["enableUser", ["bearerAuth", "organizationSecret"], ["update:user"]],
  ])("%s: schemes %j, scopes %j", (operationId, schemes, scopes) => {
    expect(operations.get(operationId)).toMatchObject({ schemes, scopes });
  });
});
