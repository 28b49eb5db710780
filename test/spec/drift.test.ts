// generated/ is exactly what the pipeline produces from openapi.yaml, byte for byte.
import { cpSync, mkdtempSync, appendFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkDrift, findDrift } from "contract-pipeline/drift";
import { GENERATED_FILES } from "contract-pipeline/generate";
import { repoRoot } from "contract-pipeline/tools";

const scratch = mkdtempSync(path.join(os.tmpdir(), "parchment-drift-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("generated files", () => {
  it("match a fresh regeneration from openapi.yaml", () => {
    expect(checkDrift()).toEqual([]);
  });

  it.each(GENERATED_FILES)("a stale %s is reported", (name) => {
    const stale = path.join(scratch, name.replace(/\W/g, "_"));
    cpSync(path.join(repoRoot, "generated"), stale, { recursive: true });
    appendFileSync(path.join(stale, name), "\n");
    expect(findDrift(stale, path.join(repoRoot, "generated"))).toEqual([name]);
  });

  it("a missing file is reported", () => {
    const missing = path.join(scratch, "missing");
    cpSync(path.join(repoRoot, "generated"), missing, { recursive: true });
    rmSync(path.join(missing, "openapi.ts"));
    expect(findDrift(missing, path.join(repoRoot, "generated"))).toEqual(["openapi.ts"]);
  });
});
