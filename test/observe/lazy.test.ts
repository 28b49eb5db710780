// A client that watches nothing ships nothing of what watches: bundled from the sources as an
// app bundler splits it (esbuild, splitting on, as test/bench/observe.mjs measures it), the code
// that loads with each client holds none of the hooks' runner, the drift check, the operation-id
// table or the validators; the lazily loaded chunks hold them all.
import path from "node:path";
import { build, type Metafile } from "esbuild";
import { describe, expect, it } from "vitest";
import { repoRoot } from "contract-pipeline/tools";

/** The code that loads with `entry` (the entry and the chunks it imports statically) and the rest. */
async function split(contents: string): Promise<{ eager: string; lazy: string }> {
  const result = await build({
    stdin: { contents, resolveDir: repoRoot, loader: "ts" }, tsconfig: path.join(repoRoot, "tsconfig.json"), bundle: true, format: "esm", platform: "neutral",
    splitting: true, outdir: "/lazy-test", write: false, logLevel: "silent", mainFields: ["module", "main"], external: ["node:*"], entryNames: "entry", metafile: true,
  });
  const outputs: Metafile["outputs"] = result.metafile.outputs;
  const eager = new Set<string>();
  const visit = (name: string) => {
    if (eager.has(name)) return;
    eager.add(name);
    for (const imported of outputs[name]!.imports) if (imported.kind === "import-statement" && outputs[imported.path]) visit(imported.path);
  };
  visit(Object.keys(outputs).find((name) => path.basename(name) === "entry.js")!);
  const text = (wanted: boolean) => result.outputFiles.filter((file) => eager.has(Object.keys(outputs).find((name) => path.basename(name) === path.basename(file.path))!) === wanted).map((file) => file.text).join("\n");
  return { eager: text(true), lazy: text(false) };
}

// Present only in what watches: the hooks' runner, the drift check, the operation-id table, ajv's standalone code.
const WATCHING = ["function createObserver", "function createDriftCheck", "does not match the contract", "instancePath"];

describe.each([
  ["parchment", `import { createParchmentClient, createTokenProvider } from "./src/index.ts"; globalThis.out = [createParchmentClient, createTokenProvider];`, '"getUser"'],
  ["avara", `import { createAvaraClient } from "./avara/src/index.ts"; globalThis.out = [createAvaraClient];`, '"getUser"'],
])("%s's client entry", (_name, consumer, operationId) => {
  it("loads none of what watches the calls; the lazy chunks hold all of it", async () => {
    const { eager, lazy } = await split(consumer);
    for (const marker of [...WATCHING, operationId]) {
      expect(eager, marker).not.toContain(marker);
      expect(lazy, marker).toContain(marker);
    }
    // The option checks stay with the client: a bad option is refused when it is made.
    expect(eager).toContain('"off", "report" or "throw"');
    // The validators are plain ES modules (ajv's CommonJS runtime bundled in at generate time):
    // no CommonJS interop helpers, which a bundler puts in a chunk the entry imports too.
    expect(eager).not.toMatch(/__commonJS|__toESM/);
  }, 30_000);
});
