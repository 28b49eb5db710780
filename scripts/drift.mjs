// Drift check (of the root contract, or of `--contract DIR`): regenerate generated/ into a temporary folder and compare bytes with what is
// committed. `npm run check:drift` exits 1 and names each stale file.
import { mkdtempSync, readFileSync, rmSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { generate, GENERATED_FILES } from "./generate.mjs";
import { contractArgs, repoRoot } from "./tools.mjs";

/** The names of files whose bytes differ between two folders (or that one of them lacks). */
export function findDrift(committedDir, freshDir, names = GENERATED_FILES) {
  return names.filter((name) => {
    const a = path.join(committedDir, name);
    const b = path.join(freshDir, name);
    if (!existsSync(a) || !existsSync(b)) return true;
    return !readFileSync(a).equals(readFileSync(b));
  });
}

export function checkDrift(committedDir, { contract = repoRoot } = {}) {
  committedDir ??= path.join(contract, "generated");
  const fresh = mkdtempSync(path.join(os.tmpdir(), "contract-drift-"));
  try {
    generate(fresh, { contract });
    return findDrift(committedDir, fresh);
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { contract } = contractArgs();
  const where = path.relative(process.cwd(), path.join(contract, "generated")) || "generated";
  const stale = checkDrift(undefined, { contract });
  if (stale.length > 0) {
    console.error(`${where}/ is stale: ${stale.join(", ")}. Run \`npm run generate\` and commit the result.`);
    process.exit(1);
  }
  console.log(`${where}/ matches its openapi.yaml`);
}
