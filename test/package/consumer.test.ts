// The packed package, installed into a fresh project the way a partner would install it:
// its exports resolve, a consumer typechecks (an unassignable role is a type error) and runs.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/tools.mjs";

const project = mkdtempSync(path.join(os.tmpdir(), "parchment-consumer-"));
afterAll(() => rmSync(project, { recursive: true, force: true }));

const run = (command: string, args: string[], cwd = project) =>
  execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, npm_config_update_notifier: "false" } });

describe("the packed package in a consumer project", () => {
  it("installs, typechecks and runs", () => {
    run("npm", ["pack", "--silent", "--pack-destination", project], repoRoot);
    const tarball = readdirSync(project).find((name) => name.endsWith(".tgz"));
    expect(tarball).toBeDefined();
    writeFileSync(
      path.join(project, "package.json"),
      JSON.stringify({ name: "consumer", private: true, type: "module", dependencies: { "parchment-contract": `file:./${tarball}` } }),
    );
    writeFileSync(
      path.join(project, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, outDir: "out", lib: ["ES2023", "DOM"], types: [], skipLibCheck: false, resolveJsonModule: true },
        files: ["main.ts"],
      }),
    );
    copyFileSync(path.join(repoRoot, "test/package/consumer/main.ts"), path.join(project, "main.ts"));
    run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--ignore-scripts"]);

    // Only openapi-fetch (and its helper types) come along at runtime.
    const installed = readdirSync(path.join(project, "node_modules")).filter((name) => !name.startsWith("."));
    expect(installed.sort()).toEqual(["openapi-fetch", "openapi-typescript-helpers", "parchment-contract"]);

    run(path.join(repoRoot, "node_modules/.bin/tsc"), ["-p", "tsconfig.json"]);
    expect(run("node", ["out/main.js"])).toContain("consumer ok: 2 users");
    expect(run("node_modules/.bin/parchment-contract", ["--help"])).toContain("parchment-contract verify --base-url URL");
  }, 180_000);

  it("fails to typecheck when the @ts-expect-error is removed (the role check is real)", () => {
    const source = run("cat", ["main.ts"]).replace("// @ts-expect-error owner is not an assignable role\n", "");
    writeFileSync(path.join(project, "main.ts"), source);
    let output = "";
    try {
      run(path.join(repoRoot, "node_modules/.bin/tsc"), ["-p", "tsconfig.json", "--noEmit"]);
    } catch (error) {
      output = String((error as { stdout?: string }).stdout);
    }
    expect(output).toMatch(/Type '"owner"' is not assignable to type/);
  }, 60_000);
});
