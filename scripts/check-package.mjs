// `npm run check:package`: publint, then @arethetypeswrong/cli on the packed package.
// attw's table prints a 💀 row for every resolution its esm-only profile ignores (node10,
// CommonJS require), which reads as a failure though it is not one: this package is ESM only,
// on purpose. So attw reports as JSON here and this script prints what was checked; when attw
// fails, its full table is printed instead.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "./tools.mjs";

// `--contract DIR` checks the package in DIR (avara/), the root's by default.
const contractAt = process.argv.indexOf("--contract");
const packageDir = contractAt > 0 ? path.resolve(process.cwd(), process.argv[contractAt + 1]) : repoRoot;
const bin = (tool) => path.join(repoRoot, "node_modules", ".bin", tool);
// The spec files the package exports are data, not modules: attw has nothing to check there.
const specEntrypoints = Object.keys(JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8")).exports).filter((key) => /\.(ya?ml|json)$/.test(key) && key !== "./package.json");
const ATTW = ["--pack", ".", "--profile", "esm-only", "--exclude-entrypoints", ...specEntrypoints];
// The resolutions the esm-only profile checks; node10 and node16-cjs are the ones it ignores.
const CHECKED = ["node16-esm", "bundler"];

const run = (tool, args, stdio) => {
  const result = spawnSync(bin(tool), args, { cwd: packageDir, encoding: "utf8", stdio });
  if (result.error) throw result.error;
  return result;
};

if (run("publint", ["--strict"], "inherit").status !== 0) process.exit(1);

const attw = run("attw", [...ATTW, "--format", "json"], ["ignore", "pipe", "inherit"]);
if (attw.status !== 0) {
  run("attw", ATTW, "inherit");
  process.exit(1);
}
const { analysis } = JSON.parse(attw.stdout);
const entrypoints = Object.values(analysis.entrypoints);
const unresolved = entrypoints.flatMap((entry) => CHECKED.filter((kind) => !entry.resolutions[kind]?.resolution).map((kind) => `${entry.subpath} (${kind})`));
if (unresolved.length > 0) {
  console.error(`attw: no resolution for ${unresolved.join(", ")}`);
  process.exit(1);
}
console.log(
  `attw ${JSON.parse(readFileSync(path.join(repoRoot, "node_modules/@arethetypeswrong/cli/package.json"), "utf8")).version}: ${entrypoints.map((entry) => `"${entry.subpath}"`).join(", ")} resolve, typed, ` +
    "for Node 16+ ESM and bundlers (CommonJS require and node10 are not checked: the package is ESM only)",
);
