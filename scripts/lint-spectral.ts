// `npm run lint:spectral -- [--contract NAME]...`: Spectral's lint of each contract's spec (every
// contract of scripts/contracts.ts by default) with the contract's own ruleset; fails on any warning.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { abs, CONTRACT_USAGE, isMain, main, parseScriptArgs, repoRoot, selectContracts } from "./contracts.js";
import { toolEnv } from "./tools.js";

const USAGE = `usage: npm run lint:spectral -- ${CONTRACT_USAGE}`;

if (isMain(import.meta.url)) {
  await main("lint:spectral", USAGE, () => {
    const { values } = parseScriptArgs(process.argv.slice(2), {});
    if (values.help) return void console.log(USAGE);
    const spectral = path.join(repoRoot, "node_modules", ".bin", "spectral");
    let code = 0;
    for (const contract of selectContracts(values.contract)) {
      const result = spawnSync(spectral, ["lint", contract.spec, "--ruleset", contract.spectralConfig, "--fail-severity=warn"], { cwd: repoRoot, stdio: "inherit", env: toolEnv });
      if (result.error) throw result.error;
      code = Math.max(code, result.status ?? 1);
    }
    return code;
  });
}
