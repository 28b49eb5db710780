// The breaking-change gate: `npm run check:breaking -- [--base <ref>] [--spec openapi.yaml]
// [--package package.json]`. Compares the spec in the working tree with the spec at the
// base (the newest v* tag, else HEAD), prints one line per change and operation, and exits
// 1 on a breaking change unless package.json and info.version both carry a breaking bump
// (a new major version; before 1.0.0 a new minor one). Exit 2: bad options or no git.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { compareSpecs, formatChange, isBreakingBump } from "./breaking.mjs";
import { contractOptions, packageVersion, packageVersionAt, resolveBase, specAt, specVersion, UsageError } from "./contract-base.mjs";

const USAGE = "usage: npm run check:breaking -- [--base <git ref>] [--spec openapi.yaml] [--package <package.json; default: beside the spec, else the nearest above>] [--tag-prefix v (avara-v for avara/)]";

/** Runs the gate; returns the exit code and writes its report through `out`. */
export function checkBreaking(argv, out = (line) => console.log(line)) {
  const options = contractOptions(argv);
  if (options.help) {
    out(USAGE);
    return 0;
  }
  const shown = (file) => path.relative(process.cwd(), file) || file;
  const base = resolveBase(options.spec, options.base, options["tag-prefix"]);
  out(`base: ${base.ref} (${base.why}), commit ${base.commit.slice(0, 12)}`);
  const scratch = mkdtempSync(path.join(os.tmpdir(), "parchment-gate-"));
  try {
    const baseSpec = specAt(options.spec, base.commit, scratch);
    if (!baseSpec) {
      out(`${shown(options.spec)} did not exist at ${base.ref}: a new contract, nothing it can break.`);
      return 0;
    }
    const { changes, baseVersion } = compareSpecs(baseSpec, options.spec);
    const breaking = changes.filter((change) => change.breaking);
    out(`${shown(options.spec)}: ${breaking.length} breaking, ${changes.length - breaking.length} compatible change(s) since ${base.ref}`);
    for (const change of changes) out(formatChange(change));
    if (process.env.GITHUB_ACTIONS === "true") {
      for (const change of breaking) out(`::error file=${shown(options.spec)},title=Breaking change in ${change.operation}::${formatChange(change)}`);
    }
    if (!breaking.length) return 0;

    const versions = [
      ["package.json version", packageVersionAt(options.packageFile, base.commit), packageVersion(options.packageFile)],
      ["info.version", baseVersion, specVersion(options.spec)],
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

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    process.exitCode = checkBreaking(process.argv.slice(2));
  } catch (error) {
    const usage = error instanceof UsageError || error?.code?.startsWith?.("ERR_PARSE_ARGS");
    console.error(`check:breaking: ${error.message}${usage ? `\n${USAGE}` : ""}`);
    process.exitCode = 2;
  }
}
