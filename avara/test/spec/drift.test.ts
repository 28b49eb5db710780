// avara/generated/ is exactly what the pipeline makes from avara/openapi.yaml, and a stale file is caught.
import { appendFileSync, cpSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkDrift, findDrift } from "contract-pipeline/drift";
import { GENERATED_FILES } from "contract-pipeline/generate";
import { repoRoot } from "contract-pipeline/tools";

const contract = path.join(repoRoot, "avara");
const scratch = mkdtempSync(path.join(os.tmpdir(), "avara-drift-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("avara/generated", () => {
  it("matches a fresh regeneration from avara/openapi.yaml", () => {
    expect(checkDrift(undefined, { contract: "avara" })).toEqual([]);
  });

  it("a stale file is reported", () => {
    const stale = path.join(scratch, "stale");
    cpSync(path.join(contract, "generated"), stale, { recursive: true });
    appendFileSync(path.join(stale, "openapi.ts"), "\n");
    expect(findDrift(stale, path.join(contract, "generated"), GENERATED_FILES)).toEqual(["openapi.ts"]);
  });
});
