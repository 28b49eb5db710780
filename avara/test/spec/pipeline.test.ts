// The pipeline run on this contract: avara/generated/ is exactly what generate.mjs makes from
// avara/openapi.yaml, lint (its own rulesets, extending the shared ones) catches a broken rule, and the docs guide
// carries the decisions and the changelog.
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildDocs, docsFile, guideDescription } from "contract-pipeline/build-docs";
import { checkDrift, findDrift } from "contract-pipeline/drift";
import { GENERATED_FILES } from "contract-pipeline/generate";
import { repoRoot, runTool } from "contract-pipeline/tools";
import { avaraSpec } from "../../src/contract/spec.js";

const contract = path.join(repoRoot, "avara");
const scratch = mkdtempSync(path.join(os.tmpdir(), "avara-pipeline-test-"));
let page: string | undefined;
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

describe("the docs guide", () => {
  it("appends the decisions and the changelog, the changelog's link made a section name", () => {
    const guide = guideDescription((avaraSpec.info as { description: string }).description, "avara");
    expect(guide).toContain("# Decisions on Avara's inconsistencies");
    expect(guide).toContain("## 9. Retrying `PATCH`");
    expect(guide).toContain("the section *Decisions on Avara's inconsistencies* above");
    expect(guide).not.toContain("[docs/decisions.md](docs/decisions.md)");
  });

  it("renders a self-contained page the way the root's is rendered, to site/avara/index.html by default", () => {
    expect(docsFile("avara")).toBe(path.join(repoRoot, "site", "avara", "index.html"));
    expect(docsFile()).toBe(path.join(repoRoot, "site", "index.html"));
    const html = readFileSync(buildDocs(path.join(scratch, "avara.html"), { contract: "avara" }), "utf8");
    page = html;
    expect(html).toContain("<title>Avara AutoScribe users API</title>");
    expect(html).toContain("Decisions on Avara");
    expect(html).toContain("updateUser");
    expect(html).not.toContain("cdn.redoc.ly");
  }, 120_000);

  it("is Avara's page: its own title and theme (avara/redocly.yaml), nothing of Parchment's", () => {
    const html = page ?? readFileSync(buildDocs(path.join(scratch, "avara-own.html"), { contract: "avara" }), "utf8");
    const primary = (file: string) => (parse(readFileSync(path.join(repoRoot, file), "utf8")) as { openapi: { theme: { colors: { primary: { main: string } } } } }).openapi.theme.colors.primary.main;
    const [avara, parchment] = [primary("avara/redocly.yaml"), primary("redocly.yaml")];
    expect(avara).not.toBe(parchment);
    // Booleans, not toContain: a failure would print the whole 2 MB page.
    expect(html.includes(avara)).toBe(true);
    expect(html.toLowerCase().includes(parchment.toLowerCase())).toBe(false);
    expect(/data-component-name="Typography\/H1">([^<]*)<\/h1>/.exec(html)?.[1]).toBe(`Avara AutoScribe users API (${(avaraSpec.info as { version: string }).version})`);
    expect(html.includes("Parchment user-management API")).toBe(false);
  }, 120_000);
});
