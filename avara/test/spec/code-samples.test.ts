// The code samples on Avara's docs page work: each operation has a curl and a TypeScript
// sample; each TypeScript sample is a complete program that typechecks against the client as it
// is, and each curl sample calls its own operation with the key.
import { typecheckSamples } from "contract-kit/test-support";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createSpecValidator, specOperations } from "contract-kit/spec";
import { repoRoot } from "contract-pipeline/tools";
import { avaraSpec } from "../../src/contract/spec.js";

type Sample = { lang: string; label: string; source: string };
const document = createSpecValidator(avaraSpec).document as { paths: Record<string, Record<string, { operationId?: string; "x-codeSamples"?: Sample[] }>> };
const samples = Object.entries(document.paths).flatMap(([pathTemplate, item]) =>
  Object.entries(item)
    .filter(([, operation]) => typeof operation === "object" && operation !== null && "operationId" in operation)
    .flatMap(([method, operation]) => (operation["x-codeSamples"] ?? []).map((sample) => ({ ...sample, operationId: operation.operationId!, method: method.toUpperCase(), pathTemplate }))),
);
const scratch = mkdtempSync(path.join(os.tmpdir(), "avara-samples-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("Avara's code samples", () => {
  it("every operation has a curl and a TypeScript sample", () => {
    for (const operationId of specOperations(avaraSpec).keys()) {
      expect(samples.filter((sample) => sample.operationId === operationId).map((sample) => sample.label), operationId).toEqual(["curl", "TypeScript client"]);
    }
  });

  it("the TypeScript samples typecheck as they are, each a program of its own", () => {
    expect(typecheckSamples(samples.filter((sample) => sample.label === "TypeScript client"), { scratch, repoRoot, packageName: "avara-autoscribe-contract", entry: path.join(repoRoot, "avara/src/index.ts") })).toBe("");
  }, 60_000);

  it.each(samples.filter((sample) => sample.label === "curl").map((sample) => [sample.operationId, sample] as const))("the curl sample of %s calls it with its method, path and the key", (_id, sample) => {
    expect(sample.source).toContain(`https://api.avarasoftware.com${sample.pathTemplate.replace("{userId}", "usr_1234567890abcdef1234567890abcdef")}`);
    if (sample.method !== "GET") expect(sample.source).toContain(`--request ${sample.method}`);
    expect(sample.source).toContain('--header "Authorization: Bearer $AVARA_API_KEY"');
  });
});
