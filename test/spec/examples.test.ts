// Every example in the spec satisfies the schema it illustrates (ajv, JSON Schema 2020-12).
import { describe, expect, it } from "vitest";
import { parchmentSpec } from "../../src/contract/parchment-spec.js";
import { createSpecValidator } from "contract-kit/spec";
import { collectExamples, lookup } from "contract-kit/test-support";

const validator = createSpecValidator(parchmentSpec);
const examples = collectExamples(validator.document);

describe("spec examples", () => {
  it("finds the examples of every operation, parameter and schema", () => {
    expect(examples.length).toBeGreaterThan(60);
    const labels = examples.map((example) => example.label).join("\n");
    for (const operation of ["POST /v1/token", "GET /v1/organizations/{organization_id}/users"]) {
      expect(labels).toContain(operation);
    }
  });

  it.each(examples.map((example) => [example.label, example] as const))("%s is valid", (_label, example) => {
    expect(validator.validate(example.schemaPointer, example.value)).toEqual([]);
  });

  it("would catch an example that drifted from its schema", () => {
    const provider = examples.find((example) => example.label.includes('GET /v1/organizations/{organization_id}/users/{user_id} 200 example "provider"'));
    expect(provider).toBeDefined();
    const drifted = structuredClone(provider!.value) as { data: { access_roles: string[] } };
    drifted.data.access_roles = ["superuser"];
    expect(validator.validate(provider!.schemaPointer, drifted)).toContainEqual(
      expect.objectContaining({ path: "/data/access_roles/0", keyword: "enum" }),
    );
  });

  it("keeps every vendor example payload from the facts", () => {
    const values = JSON.stringify(examples.map((example) => example.value));
    for (const fact of [
      "PARTNER#USER_12345",
      "1969-10-02T00:00:00.000Z",
      "access_roles must contain at least one valid role after filtering",
      "access_roles must be a non-empty array of valid roles",
      "Organization ID is required",
      "Insufficient scope",
      "1-68aad04d-10c08dde5682893b35b89265",
      "Retrieved 0 users successfully",
    ]) {
      expect(values).toContain(fact);
    }
    expect(lookup(validator.document, "#/components/examples/InvalidDateOfBirth/value/meta/apiVersion")).toBe("1.0");
  });

  it("shows each further fact: the envelope-pagination list shape, meta on a success, the token call's 400 with a 422 body", () => {
    const byLabel = (part: string) => examples.filter((example) => example.label.includes(part)).map((example) => example.value as Record<string, any>);
    const [paged] = byLabel('GET /v1/organizations/{organization_id}/users 200 example "envelopePagination"');
    expect(Array.isArray(paged?.data)).toBe(true);
    expect(Object.keys(paged?.pagination ?? {}).sort()).toEqual(["count", "hasNext", "lastKey", "limit", "offset"]);
    const [issued] = byLabel('POST /v1/token 200 example "issued"');
    expect(issued?.meta).toEqual({ apiVersion: "1.0", responseTime: 125 });
    const [invalidScope] = byLabel('POST /v1/token 400 example "invalidScope"');
    expect(invalidScope).toMatchObject({ statusCode: 422, error: { type: "https://parchment.health/errors/validation-error", validation: [{ field: "scope" }] } });
    expect(byLabel("POST /v1/token 401").length).toBeGreaterThan(0);
    const [rxReader] = byLabel('PUT /v1/organizations/{organization_id}/users/{user_id}/roles 400 example "rxReaderAlone"');
    expect(rxReader?.error?.detail).toBe("rx_reader needs to be combined with receptionist");
  });
});
