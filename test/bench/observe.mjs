// Benchmarks of the opt-in response validation and the hooks (issue 19), as ratios within
// rounds like test/bench/run.mjs: per call, "report" and hooks against "off"; in bytes, the
// minified consumer bundle (esbuild, splitting on, as any app bundler splits a dynamic import)
// with validation off against the same without this feature, and the validators' lazy chunk.
// Usage: npm run bench (builds dist/ first; this file runs after run.mjs).
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { gzipSync } from "node:zlib";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const VARIANTS = ["off", "report", "hooks"];
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const shuffled = (values) => values.map((value) => [Math.random(), value]).sort(([a], [b]) => a - b).map(([, value]) => value);
const sample = (variant) => Number(execFileSync(process.execPath, ["--expose-gc", path.join(root, "test/bench/observe-per-call.mjs"), variant], { encoding: "utf8" }).trim());

const rounds = [];
for (let round = 0; round < ROUNDS; round++) {
  const ns = {};
  for (const variant of shuffled(VARIANTS)) ns[variant] = sample(variant);
  rounds.push(ns);
}
const ratio = (variant) => median(rounds.map((ns) => ns[variant] / ns.off));
const us = (variant) => median(rounds.map((ns) => ns[variant])) / 1000;

/** gzip bytes of each output file of a split, minified bundle of `contents`, entry first. */
async function split(contents) {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: "js" }, bundle: true, minify: true, format: "esm", platform: "neutral", splitting: true,
    outdir: "/bench-out", write: false, logLevel: "silent", mainFields: ["module", "main"], entryNames: "entry", chunkNames: "[name]-[hash]",
  });
  return result.outputFiles.map((file) => ({ name: path.basename(file.path), bytes: gzipSync(file.text, { level: 9 }).length }));
}
const CLIENT = `import { createParchmentClient, createTokenProvider, ParchmentApiError } from "./dist/index.js"; globalThis.out = [createParchmentClient, createTokenProvider, ParchmentApiError];`;
const files = await split(CLIENT);
const entry = files.find((file) => file.name === "entry.js").bytes;
const validators = files.filter((file) => file.name.startsWith("response-validators")).reduce((sum, file) => sum + file.bytes, 0);
const total = files.reduce((sum, file) => sum + file.bytes, 0);

console.log([
  "| measure | result |",
  "|---|---|",
  `| client.users.get, validateResponses "report" / "off", per call | ${ratio("report").toFixed(3)}x (${us("report").toFixed(1)} µs vs ${us("off").toFixed(1)} µs) |`,
  `| same, onRequest + onResponse hooks / none, per call | ${ratio("hooks").toFixed(3)}x (${us("hooks").toFixed(1)} µs) |`,
  `| minified consumer bundle (client + token provider), gzip: what loads with validation off | ${entry} B (${files.length} files, ${total} B in all) |`,
  `| the validators' lazy chunk, gzip, loaded on the first checked call | ${validators} B |`,
  "",
  `per-round ratios of "report": ${Math.min(...rounds.map((ns) => ns.report / ns.off)).toFixed(3)}x to ${Math.max(...rounds.map((ns) => ns.report / ns.off)).toFixed(3)}x (${ROUNDS} rounds, Node ${process.version})`,
].join("\n"));
