// `npm test` says only what a newcomer needs: each notice the tools used to print is acted on
// or left out at its source, and these checks fail if one comes back (see docs/decisions.md,
// "A quiet npm test").
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { withoutNode20Notice } from "contract-pipeline/lint-redocly";
import { repoRoot, scriptCommand } from "contract-pipeline/tools";

const dir = mkdtempSync(path.join(os.tmpdir(), "parchment-quiet-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const lint = (...args: string[]) => spawnSync(...scriptCommand("lint-redocly.ts", args), { cwd: repoRoot, encoding: "utf8" });

describe("npm run lint:redocly", () => {
  it("lints openapi.yaml without Redocly's Node 20 box", () => {
    const result = lint();
    expect(result.status).toBe(0);
    expect(`${result.stdout}${result.stderr}`).toContain("Your API description is valid");
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/╔|Node\.js 20 support is ending/);
  });

  it("still prints the problems and fails on a broken spec", () => {
    const broken = path.join(dir, "broken.yaml");
    writeFileSync(broken, "openapi: 3.1.0\ninfo:\n  version: 1.0.0\npaths: {}\n");
    const result = lint(broken);
    expect(result.status).toBe(1);
    expect(`${result.stdout}${result.stderr}`).toMatch(/title/);
  });

  it("leaves out the box alone", () => {
    const box = ["", "    ╔══════╗", "    ║  Deprecation warning: Node.js 20 support is ending  ║", "    ╚══════╝", "", ""].join("\n");
    expect(withoutNode20Notice(`${box}validating openapi.yaml...\n`)).toBe("validating openapi.yaml...\n");
    const other = "    ╔══════╗\n    ║  something else  ║\n    ╚══════╝\nvalidating\n";
    expect(withoutNode20Notice(other)).toBe(other);
  });
});

describe("npm install", () => {
  const npmVersion = execFileSync("npm", ["--version"], { encoding: "utf8" }).trim();
  const [major, minor] = npmVersion.split(".").map(Number) as [number, number];
  // allowScripts (and its warning) arrived in npm 11.16; older npm runs every install script silently.
  it.skipIf(major < 11 || (major === 11 && minor < 16))(`leaves no install script unreviewed (allowScripts, npm ${npmVersion})`, () => {
    const pending = JSON.parse(execFileSync("npm", ["install-scripts", "ls", "--json"], { cwd: repoRoot, encoding: "utf8" }));
    expect(pending.allowScripts).toEqual([]);
  });
});
