// What the docs page says besides the operations: its guide carries CHANGELOG.md and
// docs/decisions.md as they are (so the changelog on the page is always in step), and its
// Overview does not present this package's own license as Parchment's API terms.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { guideDescription } from "contract-pipeline/build-docs";
import { repoRoot } from "contract-pipeline/tools";
import bundledSpec from "../../generated/openapi.json" with { type: "json" };

const read = (file: string) => readFileSync(path.join(repoRoot, file), "utf8");
const guide = guideDescription(bundledSpec.info.description);
const changelog = read("CHANGELOG.md");

describe("the docs page's guide", () => {
  it("carries every changelog entry, in the changelog's order", () => {
    // The one line that links the decisions file points at the section on the page instead.
    const link = "[docs/decisions.md](docs/decisions.md)";
    expect(guide).not.toContain(link);
    expect(guide).toContain("the section *Decisions on Parchment's inconsistencies* above");
    const lines = changelog.split("\n").filter((line) => /^(##|- )/.test(line) && !line.includes(link));
    expect(lines.length).toBeGreaterThan(10);
    let from = 0;
    for (const line of lines) {
      const at = guide.indexOf(line, from);
      expect(at, line).toBeGreaterThanOrEqual(0);
      from = at + line.length;
    }
  });

  it("names each operation the changelog's newest entry changes by METHOD /path, and each is in the spec", () => {
    const newest = changelog.split(/^## /m)[1]!;
    const named = [...newest.matchAll(/`(GET|PUT|POST|DELETE|PATCH) (\/[^`]+)`/g)].map(([, method, route]) => [method!.toLowerCase(), route!] as const);
    expect(named.length).toBeGreaterThan(0);
    const paths = bundledSpec.paths as Record<string, Record<string, unknown>>;
    for (const [method, route] of named) expect(paths[route]?.[method], `${method} ${route}`).toBeDefined();
  });

  it("carries the decisions", () => {
    for (const heading of read("docs/decisions.md").split("\n").filter((line) => line.startsWith("## "))) expect(guide).toContain(heading);
  });

  it("does not present the contract's license as the API's terms", () => {
    expect(bundledSpec.info).not.toHaveProperty("license");
    expect(bundledSpec.info).not.toHaveProperty("termsOfService");
    // The Overview says whose license is whose.
    expect(bundledSpec.info.description).toMatch(/license \(MIT\) covers this document and its code only/);
    expect(bundledSpec.info.description).toMatch(/agreement with Parchment/);
  });
});
