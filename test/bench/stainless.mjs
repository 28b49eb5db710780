// The guard against the peer with the same guarantees: a Stainless-generated SDK (openai@5:
// aborting timeouts, retries, typed errors). Per call, client.users.get against
// models.retrieve on the same instant fake fetch (stainless-call.mjs, a process per sample,
// ratios within rounds, their median); bundle, our minified+gzip consumer of one resource
// against the SDK's, split as an app bundler splits it (the eager part against the guard). Guards: at most 1.0x per call, at most half the SDK's bundle.
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { gzipSync } from "node:zlib";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
export const MAX_CALL_RATIO = 1.0;
export const MAX_BUNDLE_SHARE = 0.5;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const sample = (variant) => Number(execFileSync(process.execPath, ["--expose-gc", path.join(here, "stainless-call.mjs"), variant], { encoding: "utf8" }).trim());

// The SDK's client class builds every resource in its constructor, so a consumer of one
// resource bundles all of them: its smallest consumer of models.retrieve is the whole client.
const SDK = `import OpenAI from "openai"; globalThis.out = [OpenAI];`;
const OURS = `import { createParchmentClient, ParchmentApiError } from "./dist/index.js"; globalThis.out = [createParchmentClient, ParchmentApiError];`;

/**
 * The bundle an app ships, as an app bundler makes it: esbuild, minified, ESM, splitting on (a
 * dynamic import() becomes a chunk loaded when it runs). Returns the gzip bytes (level 9) of the
 * entry and of the lazily loaded chunks; both sides are measured this same way.
 */
export async function splitBundle(contents, { loader = "js", plugins = [] } = {}) {
  const result = await build({
    stdin: { contents, resolveDir: root, loader }, plugins, tsconfig: path.join(root, "tsconfig.json"), bundle: true, minify: true, format: "esm", platform: "neutral", splitting: true,
    outdir: "/bench-out", write: false, logLevel: "silent", mainFields: ["module", "main"], external: ["node:*"], entryNames: "entry", chunkNames: "[name]-[hash]",
    metafile: true,
  });
  const gzip = (file) => gzipSync(file.text, { level: 9 }).length;
  // What loads before the first call: the entry and the chunks it imports statically, transitively.
  const outputs = result.metafile.outputs;
  const eager = new Set();
  const visit = (name) => {
    if (eager.has(name)) return;
    eager.add(name);
    for (const imported of outputs[name].imports) if (imported.kind === "import-statement" && outputs[imported.path]) visit(imported.path);
  };
  visit(Object.keys(outputs).find((name) => path.basename(name) === "entry.js"));
  let eagerBytes = 0;
  let lazyBytes = 0;
  for (const file of result.outputFiles) {
    const name = Object.keys(outputs).find((key) => path.basename(key) === path.basename(file.path));
    if (eager.has(name)) eagerBytes += gzip(file);
    else lazyBytes += gzip(file);
  }
  return { eagerBytes, lazyBytes };
}

export async function stainlessComparison({ rounds }) {
  const ratios = [];
  const ns = { ours: [], stainless: [] };
  for (let round = 0; round < rounds; round++) {
    const order = Math.random() < 0.5 ? ["ours", "stainless"] : ["stainless", "ours"];
    const taken = {};
    for (const variant of order) taken[variant] = sample(variant);
    ratios.push(taken.ours / taken.stainless);
    ns.ours.push(taken.ours);
    ns.stainless.push(taken.stainless);
  }
  const ours = await splitBundle(OURS);
  const sdk = await splitBundle(SDK);
  const callRatio = median(ratios);
  // The guard counts what loads with the client (validation off); the lazy chunks are reported beside it.
  const bundleShare = ours.eagerBytes / sdk.eagerBytes;
  return {
    failed: callRatio > MAX_CALL_RATIO || bundleShare > MAX_BUNDLE_SHARE,
    lines: [
      `| client.users.get / openai@5 models.retrieve (Stainless), per call | ${callRatio.toFixed(3)}x | <= ${MAX_CALL_RATIO}x |`,
      `| minified consumer bundle (split), gzip, what loads with the client: ours (one resource, openapi-fetch included) / openai@5's client | ${ours.eagerBytes} B / ${sdk.eagerBytes} B = ${bundleShare.toFixed(3)} | <= ${MAX_BUNDLE_SHARE} |`,
      `| same, the lazily loaded chunks (ours: the response validators, loaded only with validateResponses on) | ours ${ours.lazyBytes} B, openai@5 ${sdk.lazyBytes} B | (reference) |`,
    ],
    note: `against openai@5: median per call ours ${(median(ns.ours) / 1000).toFixed(1)} µs, Stainless ${(median(ns.stainless) / 1000).toFixed(1)} µs; per-round ratios ${Math.min(...ratios).toFixed(3)}x to ${Math.max(...ratios).toFixed(3)}x (${rounds} rounds)`,
  };
}
