// Avara's own rulesets (extending the shared ones) catch a broken rule: a spec variant linted by
// Spectral (a CLI per case, so in the full check; the contract itself is linted by npm run lint).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, runTool } from "contract-pipeline/tools";

const contract = path.join(repoRoot, "avara");

describe("lint of avara/openapi.yaml", () => {
  it("fails when a request body is no longer strict (the shared rule applies)", () => {
    // Inside avara/ (.scratch is ignored by git), so that the rulesets resolve as they do for the real file.
    const folder = mkdtempSync(path.join(contract, ".scratch-"));
    try {
      const spec = path.join(folder, "openapi.yaml");
      writeFileSync(spec, readFileSync(path.join(contract, "openapi.yaml"), "utf8").replace("      additionalProperties: false\n", ""));
      expect(() => runTool("spectral", ["lint", spec, "--ruleset", path.join(contract, ".spectral.yaml"), "--fail-severity=warn"], { cwd: contract })).toThrow(
        /parchment-request-bodies-declare-additional-properties/,
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
