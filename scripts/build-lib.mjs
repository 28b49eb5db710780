// Builds dist/: tsc for the client (ESM + .d.ts) and the declarations of everything, then
// esbuild bundles the testing entry and the CLI with their dependencies (hono, ajv), so that
// installing the package brings openapi-fetch alone.
import { chmodSync, existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { BUNDLE, buildSelfContained } from "./build-self-contained.mjs";
import { contractArgs, repoRoot, runTool } from "./tools.js";

// Another contract's package (--contract avara) is built self-contained instead.
const { contract } = contractArgs();
if (contract !== repoRoot) {
  console.log(`built ${path.relative(process.cwd(), await buildSelfContained(contract)) || "dist"}/`);
  process.exit(0);
}

const dist = path.join(repoRoot, "dist");
rmSync(dist, { recursive: true, force: true });
runTool("tsc", ["-p", path.join(repoRoot, "tsconfig.build.json")]);

await build({ ...BUNDLE, entryPoints: [path.join(repoRoot, "src/testing/index.ts")], outfile: path.join(dist, "testing.js") });
await build({ ...BUNDLE, entryPoints: [path.join(repoRoot, "src/cli.ts")], outfile: path.join(dist, "cli.js") });
chmodSync(path.join(dist, "cli.js"), 0o755);

// The bundles replace tsc's JavaScript for these folders; their .d.ts files stay.
for (const folder of ["src/testing", "src/verify", "src/contract"]) {
  const dir = path.join(dist, folder);
  for (const file of existsSync(dir) ? readdirSync(dir) : []) if (file.endsWith(".js")) rmSync(path.join(dir, file));
}
rmSync(path.join(dist, "src/cli.js"), { force: true });
rmSync(path.join(dist, "src/cli.d.ts"), { force: true });
rmSync(path.join(dist, "generated/openapi.json"), { force: true });
console.log("built dist/");
