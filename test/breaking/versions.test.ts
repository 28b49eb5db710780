// The versions agree: package.json, info.version in openapi.yaml, the client's VERSION, the
// newest CHANGELOG.md entry and the title of the docs page (Redoc prints info.version beside it). And the gate
// runs where the README says: in npm test, in CI with the tags fetched.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildDocs } from "contract-pipeline/build-docs";
import { VERSION } from "../../src/version.js";
import { repoRoot } from "contract-pipeline/tools";

const read = (file: string) => readFileSync(path.join(repoRoot, file), "utf8");
const packageVersion = JSON.parse(read("package.json")).version as string;

/** The version of the newest entry: the first "## x.y.z" heading ("## Unreleased" is not one). */
function newestChangelogVersion(changelog: string) {
  const heading = changelog.split("\n").find((line) => /^## /.test(line) && !/^## Unreleased/i.test(line));
  const match = heading && /^## v?(\d+\.\d+\.\d+(?:-[\w.]+)?)/.exec(heading);
  if (!match) throw new Error(`CHANGELOG.md: no "## <version>" entry found (first entry heading: ${JSON.stringify(heading)})`);
  return match[1];
}

describe("versions agree", () => {
  it("package.json carries a semantic version", () => {
    expect(packageVersion).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("info.version in openapi.yaml and the bundled generated/openapi.json equal package.json's", () => {
    expect(parse(read("openapi.yaml")).info.version).toBe(packageVersion);
    expect(JSON.parse(read("generated/openapi.json")).info.version).toBe(packageVersion);
  });

  it("the client's VERSION (sent in its User-Agent) is package.json's", () => {
    expect(VERSION).toBe(packageVersion);
  });

  it("the newest CHANGELOG.md entry is package.json's version", () => {
    expect(newestChangelogVersion(read("CHANGELOG.md"))).toBe(packageVersion);
    expect(() => newestChangelogVersion("# Changelog\n\n## Unreleased\n\n- x\n")).toThrow(/no "## <version>" entry/);
    expect(newestChangelogVersion("# Changelog\n\n## Unreleased\n\n## 0.3.0\n\n## 0.2.0\n")).toBe("0.3.0");
  });

  it("the docs page's title carries package.json's version", () => {
    const scratch = mkdtempSync(path.join(os.tmpdir(), "parchment-docs-version-"));
    try {
      const html = readFileSync(buildDocs(path.join(scratch, "index.html")), "utf8");
      const title = /data-component-name="Typography\/H1">([^<]*)<\/h1>/.exec(html)?.[1];
      expect(title).toBe(`Parchment user-management API (${packageVersion})`);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});

describe("where the gate runs", () => {
  it("npm run check (what CI runs) runs npm run check:breaking, and the scripts take the contract by name", () => {
    const scripts = JSON.parse(read("package.json")).scripts as Record<string, string>;
    expect(scripts.check).toContain("npm run check:breaking");
    expect(scripts["check:breaking"]).toBe("tsx scripts/check-breaking.ts");
    expect(scripts.changelog).toBe("tsx scripts/changelog.ts");
  });

  it("the pull-request workflow checks out the whole history with its tags", () => {
    const ci = parse(read(".github/workflows/ci.yml"));
    const checkout = ci.jobs.test.steps.find((step: { uses?: string }) => step.uses?.startsWith("actions/checkout"));
    expect(checkout.with["fetch-depth"]).toBe(0);
    expect(ci.on).toHaveProperty("pull_request");
  });
});
