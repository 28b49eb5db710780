// The GitHub workflows do what the README says: the full check on pull requests, the docs
// published from main, the package published from a version tag.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { repoRoot } from "../../scripts/tools.mjs";

const workflow = (name: string) => parse(readFileSync(path.join(repoRoot, ".github/workflows", name), "utf8"));
const runs = (job: { steps: { run?: string; uses?: string }[] }) => job.steps.map((step) => step.run ?? step.uses ?? "");

describe("workflows", () => {
  it("ci runs npm ci && npm test on pull requests", () => {
    const ci = workflow("ci.yml");
    expect(ci.on).toHaveProperty("pull_request");
    expect(runs(ci.jobs.test)).toEqual(expect.arrayContaining(["npm ci", "npm test"]));
  });

  it("pages builds and deploys site/ from main", () => {
    const pages = workflow("pages.yml");
    expect(pages.on.push.branches).toEqual(["main"]);
    expect(runs(pages.jobs.build)).toContain("npm run build");
    expect(pages.jobs.build.steps.find((step: { uses?: string }) => step.uses?.startsWith("actions/upload-pages-artifact")).with.path).toBe("site");
    expect(runs(pages.jobs.deploy)).toContain("actions/deploy-pages@v4");
  });

  it("release publishes on a version tag, after the tests", () => {
    const release = workflow("release.yml");
    expect(release.on.push.tags).toEqual(["v*"]);
    const steps = runs(release.jobs.publish);
    expect(steps.indexOf("npm test")).toBeLessThan(steps.indexOf("npm publish --provenance --access public"));
  });
});
