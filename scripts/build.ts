// Builds a contract package's dist/, the same way for every contract: esbuild bundles each
// entry (the client, the types' enum arrays, the testing entry, the CLI) with the shared core
// (contract-kit) and, where used, hono and ajv, leaving openapi-fetch to npm; rollup-plugin-dts
// bundles the declarations the same way. So a package installs openapi-fetch alone, and its
// published types show no repository layout (dist/index.d.ts, never dist/types/avara/src/...).
// Shared code between entries lands in dist/chunks/, so `instanceof` holds across entries.
import { chmodSync, existsSync, rmSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import { build } from "esbuild";
import { rollup } from "rollup";
import { dts } from "rollup-plugin-dts";
import { abs, CONTRACT_USAGE, isMain, main, parseScriptArgs, selectContracts } from "./contracts.js";

/** Each entry of a contract package: the file in dist/ and its source in the contract's folder. */
export const ENTRIES = {
  index: "src/index.ts",
  types: "generated/openapi.ts",
  testing: "src/testing/index.ts",
  cli: "src/cli.ts",
} as const;

/**
 * Entries that must also run in a browser (the msw entry goes into a page with MSW's service
 * worker): bundled on their own, platform-neutral, without the require() shim the Node entries
 * carry, so that any bundler takes them. They share no chunk with the Node entries.
 */
export const NEUTRAL_ENTRIES = { msw: "src/msw.ts" } as const;

/** The entries with declarations (the CLI is a command, not an import). */
const TYPED: (keyof typeof ENTRIES)[] = ["index", "types", "testing"];

/** Left to npm: the package's one dependency, and msw, the optional peer only the msw entry imports. */
const EXTERNAL = ["openapi-fetch", "msw"];

export async function buildContract(folder: string): Promise<string> {
  const dist = path.join(folder, "dist");
  rmSync(dist, { recursive: true, force: true });
  // The msw entry is a contract's choice (docs/architecture.md): built where its source is.
  const neutral = Object.fromEntries(Object.entries(NEUTRAL_ENTRIES).filter(([, source]) => existsSync(path.join(folder, source))).map(([name, source]) => [name, path.join(folder, source)]));
  await build({
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, source]) => [name, path.join(folder, source)])),
    outdir: dist,
    chunkNames: "chunks/[name]-[hash]",
    splitting: true,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    external: EXTERNAL,
    logLevel: "warning",
  });
  if (Object.keys(neutral).length > 0) await build({
    entryPoints: neutral,
    outdir: dist,
    bundle: true,
    platform: "neutral",
    mainFields: ["module", "main"],
    format: "esm",
    target: "es2022",
    external: EXTERNAL,
    logLevel: "warning",
  });
  chmodSync(path.join(dist, "cli.js"), 0o755);

  const bundle = await rollup({
    input: { ...Object.fromEntries(TYPED.map((name) => [name, path.join(folder, ENTRIES[name])])), ...neutral },
    external: (id) => EXTERNAL.includes(id) || id.startsWith("node:") || builtinModules.includes(id),
    plugins: [dts({ respectExternal: true, tsconfig: path.join(folder, "tsconfig.json"), compilerOptions: { noEmit: false, declaration: true, emitDeclarationOnly: true } })],
    onwarn(warning, warn) {
      if (warning.code !== "CIRCULAR_DEPENDENCY") warn(warning);
    },
  });
  await bundle.write({ dir: dist, format: "es", entryFileNames: "[name].d.ts", chunkFileNames: "chunks/[name]-[hash].d.ts" });
  await bundle.close();
  return dist;
}

const USAGE = `usage: tsx scripts/build.ts ${CONTRACT_USAGE}`;

if (isMain(import.meta.url)) {
  await main("build", USAGE, async () => {
    const { values } = parseScriptArgs(process.argv.slice(2), {});
    if (values.help) return void console.log(USAGE);
    for (const contract of selectContracts(values.contract)) {
      console.log(`built ${path.relative(process.cwd(), await buildContract(abs(contract.dir))) || "dist"}/`);
    }
  });
}
