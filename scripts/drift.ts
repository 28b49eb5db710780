// Drift check: `npm run check:drift -- [--contract NAME]...` regenerates each contract's
// generated/ (every contract of scripts/contracts.ts by default) into a temporary folder and
// compares bytes with what is committed; exits 1 and names each stale file.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { abs, CONTRACT_USAGE, isMain, main, parseScriptArgs, resolveContract, selectContracts, type Contract } from "./contracts.js";
import { generate, GENERATED_FILES } from "./generate.js";

const USAGE = `usage: npm run check:drift -- ${CONTRACT_USAGE}`;

/** The names of files whose bytes differ between two folders (or that one of them lacks). */
export function findDrift(committedDir: string, freshDir: string, names: string[] = GENERATED_FILES): string[] {
  return names.filter((name) => {
    const a = path.join(committedDir, name);
    const b = path.join(freshDir, name);
    if (!existsSync(a) || !existsSync(b)) return true;
    return !readFileSync(a).equals(readFileSync(b));
  });
}

export function checkDrift(committedDir?: string, { contract }: { contract?: string | Contract } = {}): string[] {
  const entry = resolveContract(contract);
  committedDir ??= abs(entry.generatedDir);
  const fresh = mkdtempSync(path.join(os.tmpdir(), "contract-drift-"));
  try {
    generate(fresh, { contract: entry });
    return findDrift(committedDir, fresh);
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  await main("check:drift", USAGE, () => {
    const { values } = parseScriptArgs(process.argv.slice(2), {});
    if (values.help) return void console.log(USAGE);
    let code = 0;
    for (const contract of selectContracts(values.contract)) {
      const where = path.relative(process.cwd(), abs(contract.generatedDir)) || "generated";
      const stale = checkDrift(undefined, { contract });
      if (stale.length > 0) {
        console.error(`${where}/ is stale: ${stale.join(", ")}. Run \`npm run generate -- --contract ${contract.name}\` and commit the result.`);
        code = 1;
      } else console.log(`${where}/ matches its openapi.yaml`);
    }
    return code;
  });
}
