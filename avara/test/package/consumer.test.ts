// The packed avara package alone, installed into a fresh project the way a clinic's developer
// would install it: nothing of parchment-contract comes along, its exports and declarations
// resolve inside the tarball, a consumer typechecks (an owner level is a type error) and runs
// against the package's reference server, and the bin answers.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "contract-pipeline/tools";
import { readmeBlocks, runBlock, withServe } from "contract-kit/test-support";

const folder = path.join(repoRoot, "avara");
const project = mkdtempSync(path.join(os.tmpdir(), "avara-consumer-"));
afterAll(() => rmSync(project, { recursive: true, force: true }));

const run = (command: string, args: string[], cwd = project) =>
  execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, npm_config_update_notifier: "false" } });
const tsc = path.join(repoRoot, "node_modules/.bin/tsc");

describe("the packed avara package in a consumer project", () => {
  it("installs alone, typechecks and runs against its reference server", () => {
    // dist/ as `npm test` built it before vitest: prepack would rebuild it under the other test files' feet.
    run("npm", ["pack", "--silent", "--ignore-scripts", "--pack-destination", project], folder);
    const tarball = readdirSync(project).find((name) => name.endsWith(".tgz"));
    expect(tarball).toMatch(/^avara-autoscribe-contract-\d+\.\d+\.\d+\.tgz$/);
    writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module", dependencies: { "avara-autoscribe-contract": `file:./${tarball}` } }));
    writeFileSync(
      path.join(project, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, outDir: "out", lib: ["ES2023", "DOM"], types: [], skipLibCheck: false, resolveJsonModule: true },
        files: ["main.ts"],
      }),
    );
    copyFileSync(path.join(folder, "test/package/consumer/main.ts"), path.join(project, "main.ts"));
    run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--ignore-scripts"]);

    // openapi-fetch alone comes along; nothing of parchment-contract, hono or ajv.
    const installed = readdirSync(path.join(project, "node_modules")).filter((name) => !name.startsWith("."));
    expect(installed.sort()).toEqual(["avara-autoscribe-contract", "openapi-fetch", "openapi-typescript-helpers"]);
    const packed = path.join(project, "node_modules/avara-autoscribe-contract");
    // One file per entry and its declarations, code shared between entries in chunks/: no repository layout.
    expect(readdirSync(path.join(packed, "dist")).sort()).toEqual(["chunks", "cli.js", "index.d.ts", "index.js", "msw.d.ts", "msw.js", "testing.d.ts", "testing.js", "types.d.ts", "types.js"]);
    for (const file of readdirSync(path.join(packed, "dist"), { recursive: true, encoding: "utf8" }).filter((name) => /\.(js|d\.ts)$/.test(name))) {
      // The module's own import and export statements (bundled code holds "from" in its strings too).
      const specifiers = [...readFileSync(path.join(packed, "dist", file), "utf8").matchAll(/^(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']/gm)].map((match) => match[1]);
      // msw, the optional peer, only from the msw entry.
      const allowed = /^msw\.(js|d\.ts)$/.test(file) ? /^(openapi-fetch$|msw$|node:|\.\.?\/)/ : /^(openapi-fetch$|node:|\.\.?\/)/;
      expect(specifiers.filter((specifier) => !allowed.test(specifier!)), file).toEqual([]);
    }

    run(tsc, ["-p", "tsconfig.json"]);
    expect(run("node", ["out/main.js"])).toContain("consumer ok: Sarah is now a Nuclear Medicine Physician");
    expect(run("node_modules/.bin/avara-autoscribe-contract", ["--help"])).toContain("avara-autoscribe-contract verify --base-url URL --api-key K --user-id U");
  }, 180_000);

  it("typechecks the README's TypeScript blocks against the package and runs each as written, against serve", async () => {
    // The MSW blocks need msw installed: test/package/msw-consumer.test.ts runs them.
    const blocks = readmeBlocks(path.join(folder, "README.md"), "README.md", /from "msw\//);
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    for (const block of blocks) writeFileSync(path.join(project, `${block.file}.ts`), block.source);
    writeFileSync(
      path.join(project, "tsconfig.readme.json"),
      JSON.stringify({
        compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, outDir: "out-readme", types: ["node"], typeRoots: [path.join(repoRoot, "node_modules/@types")] },
        files: blocks.map((block) => `${block.file}.ts`),
      }),
    );
    run(tsc, ["-p", "tsconfig.readme.json"]);
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("AVARA_")));
    const variables = { baseUrl: "AVARA_BASE_URL", apiKey: "AVARA_API_KEY", userId: "AVARA_USER_ID" };
    for (const block of blocks) {
      const result = await withServe({ bin: path.join(project, "node_modules/.bin/avara-autoscribe-contract"), cwd: project, env, variables }, (blockEnv) =>
        runBlock(process.execPath, `out-readme/${block.file}.js`, project, blockEnv),
      );
      expect(result.output, block.label).not.toMatch(/the README block called|not updated/);
      expect(result.status, `${block.label}\n${result.output}`).toBe(0);
    }
  }, 120_000);

  it("fails to typecheck when the @ts-expect-error is removed (the level check is real)", () => {
    const source = readFileSync(path.join(project, "main.ts"), "utf8").replace("// @ts-expect-error owner cannot be assigned through the API\n", "");
    writeFileSync(path.join(project, "main.ts"), source);
    let output = "";
    try {
      run(tsc, ["-p", "tsconfig.json", "--noEmit"]);
    } catch (error) {
      output = String((error as { stdout?: string }).stdout);
    }
    expect(output).toMatch(/Type '"owner"' is not assignable to type '"admin" \| "member"/);
  }, 60_000);
});
