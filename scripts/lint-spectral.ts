// `npm run lint:spectral -- [--contract NAME]...`: Spectral's lint of each contract's spec (every
// contract of scripts/contracts.ts by default) with the contract's own ruleset; fails on any warning.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { abs, CONTRACT_USAGE, isMain, main, parseScriptArgs, repoRoot, selectContracts, type Contract } from "./contracts.js";
import type { LintResult } from "./lint-redocly.js";
import { toolEnv } from "./tools.js";

const USAGE = `usage: npm run lint:spectral -- ${CONTRACT_USAGE}`;

/** Spectral's lint of a contract's spec with the contract's own ruleset; any warning fails it. */
export function spectralLint(contract: Contract): LintResult {
  const spectral = path.join(repoRoot, "node_modules", ".bin", "spectral");
  const result = spawnSync(spectral, ["lint", abs(contract.spec), "--ruleset", abs(contract.spectralConfig), "--fail-severity=warn"], { cwd: repoRoot, encoding: "utf8", env: toolEnv });
  if (result.error) throw result.error;
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

if (isMain(import.meta.url)) {
  await main("lint:spectral", USAGE, () => {
    const { values } = parseScriptArgs(process.argv.slice(2), {});
    if (values.help) return void console.log(USAGE);
    let code = 0;
    for (const contract of selectContracts(values.contract)) {
      const result = spectralLint(contract);
      process.stdout.write(result.stdout);
      process.stderr.write(result.stderr);
      code = Math.max(code, result.status);
    }
    return code;
  });
}
