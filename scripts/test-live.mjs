// npm run test:live: runs `parchment-contract verify` against a real host (Parchment's
// sandbox, say) when PARCHMENT_BASE_URL and the credentials are set; otherwise says why it
// is skipped and exits 0. Writes only with PARCHMENT_ALLOW_WRITES=true.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { repoRoot } from "./tools.mjs";

const needed = ["PARCHMENT_BASE_URL", "PARCHMENT_ORGANIZATION_ID", "PARCHMENT_ORGANIZATION_SECRET", "PARCHMENT_TOKEN"];
const missing = needed.filter((name) => !process.env[name]);
if (missing.length > 0) {
  console.log(`test:live skipped: set ${missing.join(", ")} to verify a live host.`);
  process.exit(0);
}
const args = [path.join(repoRoot, "dist/cli.js"), "verify"];
if (process.env.PARCHMENT_ALLOW_WRITES === "true") args.push("--allow-writes");
const result = spawnSync(process.execPath, args, { stdio: "inherit", env: process.env });
process.exit(result.status ?? 1);
