// `npm run check:package -- [--contract NAME]...`: publint, then @arethetypeswrong/cli on the
// packed package of each contract (every contract of scripts/contracts.ts by default).
// attw's table prints a 💀 row for every resolution its esm-only profile ignores (node10,
// CommonJS require), which reads as a failure though it is not one: these packages are ESM only,
// on purpose. So attw reports as JSON here and this script prints what was checked; when attw
// fails, its full table is printed instead.
import { spawnSync, type StdioOptions } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { abs, CONTRACT_USAGE, isMain, main, parseScriptArgs, repoRoot, selectContracts, type Contract } from "./contracts.js";

const USAGE = `usage: npm run check:package -- ${CONTRACT_USAGE}`;
const bin = (tool: string) => path.join(repoRoot, "node_modules", ".bin", tool);
// The resolutions the esm-only profile checks; node10 and node16-cjs are the ones it ignores.
const CHECKED = ["node16-esm", "bundler"];

/** Checks one contract's package; returns the exit code. */
export function checkPackage(contract: Contract): number {
  const packageDir = abs(contract.dir);
  const run = (tool: string, args: string[], stdio: StdioOptions) => {
    const result = spawnSync(bin(tool), args, { cwd: packageDir, encoding: "utf8", stdio });
    if (result.error) throw result.error;
    return result;
  };
  // The spec files the package exports are data, not modules: attw has nothing to check there.
  const exported = Object.keys(JSON.parse(readFileSync(abs(contract.packageFile), "utf8")).exports as Record<string, unknown>);
  const specEntrypoints = exported.filter((key) => /\.(ya?ml|json)$/.test(key) && key !== "./package.json");
  const ATTW = ["--pack", ".", "--profile", "esm-only", "--exclude-entrypoints", ...specEntrypoints];

  if (run("publint", ["--strict"], "inherit").status !== 0) return 1;
  const attw = run("attw", [...ATTW, "--format", "json"], ["ignore", "pipe", "inherit"]);
  if (attw.status !== 0) {
    run("attw", ATTW, "inherit");
    return 1;
  }
  const { analysis } = JSON.parse(attw.stdout) as { analysis: { entrypoints: Record<string, { subpath: string; resolutions: Record<string, { resolution?: unknown } | undefined> }> } };
  const entrypoints = Object.values(analysis.entrypoints);
  const unresolved = entrypoints.flatMap((entry) => CHECKED.filter((kind) => !entry.resolutions[kind]?.resolution).map((kind) => `${entry.subpath} (${kind})`));
  if (unresolved.length > 0) {
    console.error(`attw (${contract.name}): no resolution for ${unresolved.join(", ")}`);
    return 1;
  }
  const version = JSON.parse(readFileSync(path.join(repoRoot, "node_modules/@arethetypeswrong/cli/package.json"), "utf8")).version;
  console.log(
    `attw ${version} (${contract.name}): ${entrypoints.map((entry) => `"${entry.subpath}"`).join(", ")} resolve, typed, ` +
      "for Node 16+ ESM and bundlers (CommonJS require and node10 are not checked: the package is ESM only)",
  );
  return 0;
}

if (isMain(import.meta.url)) {
  await main("check:package", USAGE, () => {
    const { values } = parseScriptArgs(process.argv.slice(2), {});
    if (values.help) return void console.log(USAGE);
    let code = 0;
    for (const contract of selectContracts(values.contract)) code = Math.max(code, checkPackage(contract));
    return code;
  });
}
