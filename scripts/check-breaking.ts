// The breaking-change gate: `npm run check:breaking -- [--contract NAME]... [--base <ref>]`.
// For each contract (every one of scripts/contracts.ts by default), compares the spec in the
// working tree with the spec at the base (the newest <tagPrefix>* tag: v* for parchment,
// avara-v* for avara; else HEAD), prints one line per change and operation, and exits 1 on a
// breaking change unless its package.json and info.version both carry a breaking bump (a new
// major version; before 1.0.0 a new minor one). `--spec` (with `--package`, `--tag-prefix`)
// checks a contract outside the registry instead. Exit 2: bad options or no git.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { compareSpecs, formatChange, isBreakingBump } from "./breaking/index.js";
import { gateOptions, packageVersion, packageVersionAt, resolveBase, specAt, specVersion, TARGET_USAGE, type Target } from "./contract-base.js";
import { isMain, main } from "./contracts.js";

const USAGE = `usage: npm run check:breaking -- [--base <git ref>] ${TARGET_USAGE}`;

/** Runs the gate; returns the exit code and writes its report through `out`. */
export async function checkBreaking(argv: string[], out: (line: string) => void = (line) => console.log(line)): Promise<number> {
  const { options, targets, skipped } = gateOptions(argv);
  if (options.help) {
    out(USAGE);
    return 0;
  }
  let code = 0;
  for (const [index, target] of targets.entries()) {
    if (index > 0) out("");
    code = Math.max(code, await gate(target, options.base, out));
  }
  for (const note of skipped) out(`skipped ${note}`);
  return code;
}

async function gate(target: Target, asked: string | undefined, out: (line: string) => void): Promise<number> {
  const shown = (file: string) => path.relative(process.cwd(), file) || file;
  const base = resolveBase(target.spec, asked, target.tagPrefix);
  out(`base: ${base.ref} (${base.why}), commit ${base.commit.slice(0, 12)}`);
  const scratch = mkdtempSync(path.join(os.tmpdir(), "parchment-gate-"));
  try {
    const baseSpec = specAt(target.spec, base.commit, scratch);
    if (!baseSpec) {
      out(`${shown(target.spec)} did not exist at ${base.ref}: a new contract, nothing it can break.`);
      return 0;
    }
    const { changes, baseVersion } = await compareSpecs(baseSpec, target.spec);
    const breaking = changes.filter((change) => change.breaking);
    out(`${shown(target.spec)}: ${breaking.length} breaking, ${changes.length - breaking.length} compatible change(s) since ${base.ref}`);
    for (const change of changes) out(formatChange(change));
    if (process.env.GITHUB_ACTIONS === "true") {
      for (const change of breaking) out(`::error file=${shown(target.spec)},title=Breaking change in ${change.operation}::${formatChange(change)}`);
    }
    if (!breaking.length) return 0;

    const versions: [string, string | undefined, string | undefined][] = [
      ["package.json version", packageVersionAt(target.packageFile, base.commit), packageVersion(target.packageFile)],
      ["info.version", baseVersion, specVersion(target.spec)],
    ];
    const verdicts = versions.map(([what, before, now]) => {
      const bumped = before !== undefined && now !== undefined && isBreakingBump(before, now);
      return { bumped, text: `${what} ${before ?? "(none)"} -> ${now ?? "(none)"}` };
    });
    if (verdicts.every((verdict) => verdict.bumped)) {
      out(`breaking changes allowed: ${verdicts.map((verdict) => verdict.text).join(", ")} (a breaking release)`);
      return 0;
    }
    out(
      `FAILED: ${breaking.length} breaking change(s) need a new major version in both package.json and info.version ` +
        `(before 1.0.0, a new minor version): ${verdicts.map((verdict) => `${verdict.text}${verdict.bumped ? "" : " is not one"}`).join(", ")}.`,
    );
    return 1;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) await main("check:breaking", USAGE, () => checkBreaking(process.argv.slice(2)), 2);
