// Benchmarks of the opt-in response validation and the hooks (issue 19), as ratios within
// rounds like test/bench/run.mjs: per call, "report" and hooks against "off"; in bytes, the
// minified consumer bundle (esbuild, splitting on, as any app bundler splits a dynamic import)
// with validation off against the same without this feature, and the validators' lazy chunk.
// Usage: npm run bench (builds dist/ first; this file runs after run.mjs).
import { execFileSync } from "node:child_process";
import { splitBundle } from "./stainless.mjs";
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

// Measured as the Stainless guard measures it (stainless.mjs): what loads with the client is the
// entry and every chunk it imports statically; the validators' chunk is loaded on the first checked call.
const CLIENT = `import { createParchmentClient, createTokenProvider, ParchmentApiError } from "./dist/index.js"; globalThis.out = [createParchmentClient, createTokenProvider, ParchmentApiError];`;
const { eagerBytes: entry, lazyBytes: validators } = await splitBundle(CLIENT);
const total = entry + validators;

// What the feature costs the client with validation and hooks off: the same consumer bundled
// from the sources as they are, and with Parchment's observation() (the option checks and the
// lazy loader, src/observation.ts) replaced by one that watches nothing. The difference is
// what a client that leaves them off ships of them.
const SOURCE_CLIENT = CLIENT.replace("./dist/index.js", "./src/index.ts");
const without = {
  name: "without-observation",
  setup(plugin) {
    plugin.onLoad({ filter: /[/\\]src[/\\]observation\.ts$/ }, (args) =>
      args.path.startsWith(path.join(root, "src")) ? { contents: "export const observation = () => ({});", loader: "ts" } : undefined,
    );
  },
};
const fromSource = await splitBundle(SOURCE_CLIENT, { loader: "ts" });
const withoutFeature = await splitBundle(SOURCE_CLIENT, { loader: "ts", plugins: [without] });
const featureOff = fromSource.eagerBytes - withoutFeature.eagerBytes;

console.log([
  "| measure | result |",
  "|---|---|",
  `| client.users.get, validateResponses "report" / "off", per call | ${ratio("report").toFixed(3)}x (${us("report").toFixed(1)} µs vs ${us("off").toFixed(1)} µs) |`,
  `| same, onRequest + onResponse hooks / none, per call | ${ratio("hooks").toFixed(3)}x (${us("hooks").toFixed(1)} µs) |`,
  `| minified consumer bundle (client + token provider), gzip: what loads with validation off (entry and its static chunks) | ${entry} B (${total} B with the lazy chunk) |`,
  `| the validators' lazy chunk, gzip, loaded on the first checked call | ${validators} B |`,
  `| what validation and hooks add to that entry while off (from the sources: with them / with observation() watching nothing) | ${featureOff} B (${fromSource.eagerBytes} B / ${withoutFeature.eagerBytes} B) |`,
  "",
  `per-round ratios of "report": ${Math.min(...rounds.map((ns) => ns.report / ns.off)).toFixed(3)}x to ${Math.max(...rounds.map((ns) => ns.report / ns.off)).toFixed(3)}x (${ROUNDS} rounds, Node ${process.version})`,
].join("\n"));
