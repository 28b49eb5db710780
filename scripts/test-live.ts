// `npm run test:live -- [--contract NAME]...`: runs each contract's `verify` command (its built
// dist/cli.js) against a real host when its environment names one and the credentials
// (parchment: PARCHMENT_BASE_URL, PARCHMENT_ORGANIZATION_ID, PARCHMENT_ORGANIZATION_SECRET,
// PARCHMENT_TOKEN; avara: AVARA_BASE_URL, AVARA_API_KEY, AVARA_USER_ID); otherwise says why it is skipped and
// exits 0. Writes only with <PREFIX>_ALLOW_WRITES=true.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { abs, CONTRACT_USAGE, isMain, main, parseScriptArgs, selectContracts } from "./contracts.js";

const USAGE = `usage: npm run test:live -- ${CONTRACT_USAGE}`;

/** What each contract's verify needs from the environment (the rest it reads itself). */
const NEEDED: Record<string, { prefix: string; variables: string[] }> = {
  parchment: { prefix: "PARCHMENT", variables: ["PARCHMENT_BASE_URL", "PARCHMENT_ORGANIZATION_ID", "PARCHMENT_ORGANIZATION_SECRET", "PARCHMENT_TOKEN"] },
  avara: { prefix: "AVARA", variables: ["AVARA_BASE_URL", "AVARA_API_KEY", "AVARA_USER_ID"] },
};

if (isMain(import.meta.url)) {
  await main("test:live", USAGE, () => {
    const { values } = parseScriptArgs(process.argv.slice(2), {});
    if (values.help) return void console.log(USAGE);
    let code = 0;
    for (const contract of selectContracts(values.contract)) {
      const needed = NEEDED[contract.name];
      if (!needed) throw new Error(`test:live: no environment known for the contract ${contract.name}; add it to scripts/test-live.ts`);
      const missing = needed.variables.filter((name) => !process.env[name]);
      if (missing.length > 0) {
        console.log(`test:live (${contract.name}) skipped: set ${missing.join(", ")} to verify a live host.`);
        continue;
      }
      const args = [path.join(abs(contract.dir), "dist/cli.js"), "verify"];
      if (process.env[`${needed.prefix}_ALLOW_WRITES`] === "true") args.push("--allow-writes");
      const result = spawnSync(process.execPath, args, { stdio: "inherit", env: process.env });
      code = Math.max(code, result.status ?? 1);
    }
    return code;
  });
}
