// Each README's first screen as a partner follows it: a fresh project as `npm init -y` makes it
// (CommonJS), the "Try it in five minutes" sample saved under the name the README gives and run
// with the command it gives (tsx), against the package's own `serve` with the `export` lines it
// prints. A `.ts` file of a CommonJS project refused the sample's top-level await (tsx: "Top-level
// await is currently not supported with the cjs output format"). The package is this
// repository's built folder (dist/, as the full check builds it), linked into the project.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { withServe } from "contract-kit/test-support";
import { repoRoot } from "contract-pipeline/tools";
import { README_VARIABLES } from "../support/readme-variables.js";

const scratch = mkdtempSync(path.join(os.tmpdir(), "first-screen-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const README_CASES: { name: string; dir: string; variables: Record<string, string>; prints: RegExp }[] = [
  {
    name: "parchment-contract",
    dir: ".",
    variables: README_VARIABLES,
    prints: /^usr_\w+ .+$/m,
  },
  { name: "avara-autoscribe-contract", dir: "avara", variables: { baseUrl: "AVARA_BASE_URL", apiKey: "AVARA_API_KEY", userId: "AVARA_USER_ID" }, prints: /^\S+ true$/m },
];

/** The first ```ts block after "## Try it in five minutes", and the text between the heading and it. */
function trySample(readme: string) {
  const from = readme.indexOf("## Try it in five minutes");
  const match = /^```ts\n([\s\S]*?)^```$/m.exec(readme.slice(from));
  if (from < 0 || !match) throw new Error("no Try it in five minutes sample");
  return { prose: readme.slice(from, from + match.index), source: match[1]! };
}

for (const { name, dir, variables, prints } of README_CASES) {
  describe(`${dir === "." ? "README.md" : `${dir}/README.md`}: the first screen, followed literally`, () => {
    it(`the sample saved as try.mts runs with npx tsx in a CommonJS project, against ${name} serve`, async () => {
      const { prose, source } = trySample(readFileSync(path.join(repoRoot, dir, "README.md"), "utf8"));
      expect(prose).toContain("`try.mts`");
      expect(prose).toContain("`npx tsx try.mts`");
      const project = path.join(scratch, name);
      mkdirSync(path.join(project, "node_modules"), { recursive: true });
      writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "your-app", version: "1.0.0", type: "commonjs" }));
      symlinkSync(path.join(repoRoot, dir), path.join(project, "node_modules", name), "dir");
      writeFileSync(path.join(project, "try.mts"), source);
      const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(PARCHMENT|AVARA)_/.test(key)));
      const result: SpawnSyncReturns<string> = await withServe({ bin: path.join(repoRoot, dir, "dist/cli.js"), cwd: project, env: clean, variables }, (env) =>
        spawnSync(path.join(repoRoot, "node_modules/.bin/tsx"), ["try.mts"], { cwd: project, env, encoding: "utf8", timeout: 60_000 }),
      );
      expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
      expect(result.stderr).toBe("");
      expect(result.stdout).toMatch(prints);
    }, 90_000);
  });
}
