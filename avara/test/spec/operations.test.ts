// Avara's operations read with its own security scheme: avara/openapi.yaml requires `apiKey`
// (a bearer API key, no scopes) on every operation, so each names that scheme; a scope its
// requirements listed would be read from it too (the core once read scopes only from
// Parchment's `bearerAuth`).
import { describe, expect, it } from "vitest";
import { specOperations } from "contract-kit/spec";
import { avaraSpec } from "../../src/contract/spec.js";

describe("Avara's operations and its security scheme", () => {
  it("every operation names Avara's apiKey scheme and, as the spec lists none, no scope", () => {
    const operations = [...specOperations(avaraSpec).values()];
    expect(operations.map((operation) => operation.operationId).sort()).toEqual(["getUser", "updateUser"]);
    for (const operation of operations) expect(operation).toMatchObject({ schemes: ["apiKey"], scopes: [] });
  });

  it("takes the scopes an apiKey requirement lists", () => {
    const scoped = { ...avaraSpec, security: [{ apiKey: ["users:read"] }] };
    expect(specOperations(scoped).get("getUser")).toMatchObject({ schemes: ["apiKey"], scopes: ["users:read"] });
  });
});
