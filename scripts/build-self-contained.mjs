// Builds the dist/ of a contract package other than the root's (avara/): self-contained, so
// that installing it brings openapi-fetch alone and nothing of another package. esbuild bundles
// each entry together with the repository's shared modules (../src: the transport, redaction,
// the verify machinery) and, for the testing entry and the CLI, hono and ajv; tsc emits the
// declarations under dist/types/, laid out as the repository is (dist/types/avara/src/...,
// dist/types/src/...), so that their relative imports resolve inside the tarball.
import { chmodSync, rmSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { runTool } from "./tools.js";

export const SELF_CONTAINED_ENTRIES = {
  "index.js": "src/index.ts",
  "types.js": "generated/openapi.ts",
  "testing.js": "src/testing/index.ts",
  "cli.js": "src/cli.ts",
};

/** esbuild's options for every bundle of this repository: Node ESM, openapi-fetch left to npm. */
export const BUNDLE = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: ["openapi-fetch"],
  // Bundled CommonJS (ajv) calls require(); give it one.
  banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
  logLevel: "warning",
};

export async function buildSelfContained(contract) {
  const dist = path.join(contract, "dist");
  rmSync(dist, { recursive: true, force: true });
  runTool("tsc", ["-p", path.join(contract, "tsconfig.build.json")]);
  for (const [out, entry] of Object.entries(SELF_CONTAINED_ENTRIES)) {
    await build({ ...BUNDLE, entryPoints: [path.join(contract, entry)], outfile: path.join(dist, out) });
  }
  chmodSync(path.join(dist, "cli.js"), 0o755);
  return dist;
}
