// The code samples shown on the docs page work: each TypeScript sample is a complete program
// (its imports and its client construction included, nothing declared for it) that
// typechecks against the client, so a partner can copy it as it is and a renamed method or a
// wrong role breaks the build, not the reader; each curl sample calls its own operation with
// both credentials.
import { typecheckSamples } from "contract-kit/test-support";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { specOperations, createSpecValidator } from "contract-kit/spec";
import { parchmentSpec } from "../../src/contract/parchment-spec.js";
import { repoRoot } from "contract-pipeline/tools";

type Sample = { lang: string; label: string; source: string };
const document = createSpecValidator(parchmentSpec).document as { paths: Record<string, Record<string, { operationId: string; "x-codeSamples"?: Sample[] }>> };
const samples = Object.entries(document.paths).flatMap(([pathTemplate, item]) =>
  Object.entries(item).flatMap(([method, operation]) =>
    (operation["x-codeSamples"] ?? []).map((sample) => ({ ...sample, operationId: operation.operationId, method: method.toUpperCase(), pathTemplate })),
  ),
);
const scratch = mkdtempSync(path.join(os.tmpdir(), "parchment-samples-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const typescriptSamples = samples.filter((sample) => sample.label === "TypeScript client");

describe("code samples", () => {
  it("every operation has a curl and a TypeScript sample", () => {
    for (const operationId of specOperations(parchmentSpec).keys()) {
      const labels = samples.filter((sample) => sample.operationId === operationId).map((sample) => sample.label);
      expect(labels, operationId).toEqual(["curl", "TypeScript client"]);
    }
  });

  it.each(typescriptSamples.map((sample) => [sample.operationId, sample] as const))(
    "the TypeScript sample of %s imports the package and builds its client itself",
    (_operationId, sample) => {
      expect(sample.source).toMatch(/^import \{[^}]*\bcreateParchmentClient\b[^}]*\} from "parchment-contract";$/m);
      expect(sample.source).toMatch(/^const client = createParchmentClient\(\{$/m);
      expect(sample.source).toContain("createTokenProvider({");
      expect(sample.source).not.toMatch(/\bdeclare\b/);
    },
  );

  it("the TypeScript samples typecheck as they are, each a program of its own", () => {
    expect(typecheckSamples(typescriptSamples, { scratch, repoRoot, packageName: "parchment-contract", entry: path.join(repoRoot, "src/index.ts") })).toBe("");
  }, 60_000);

  it.each(samples.filter((sample) => sample.label === "curl").map((sample) => [sample.operationId, sample] as const))(
    "the curl sample of %s calls it with the right method and path",
    (_operationId, sample) => {
      const pathPattern = sample.pathTemplate.replace(/\{organization_id\}/, `'"$PARCHMENT_ORGANIZATION_ID"'`).replace(/\{user_id\}/, "usr_abc123def456");
      expect(sample.source).toContain(`https://api.sandbox.parchmenthealth.io/external${pathPattern}`);
      if (sample.method !== "GET") expect(sample.source).toContain(`--request ${sample.method}`);
      if (sample.operationId !== "createToken") {
        expect(sample.source).toContain('--header "Authorization: Bearer $ACCESS_TOKEN"');
        expect(sample.source).toContain('--header "x-organization-secret: $PARCHMENT_ORGANIZATION_SECRET"');
      }
    },
  );
});
