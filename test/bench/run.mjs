// Benchmarks, reported as ratios measured in one run (these machines are noisy, so no
// absolute timings are asserted anywhere):
//   1. per-call cost of client.users.get against bare openapi-fetch and against fetch + json(),
//      all on the same injected fetch, each sample in a process of its own (per-call.mjs);
//      median of the ratios within rounds;
//   2. gzip size of a minified consumer bundle against one of bare openapi-fetch.
// Usage: npm run bench   (builds dist/ first)
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { gzipSync } from "node:zlib";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { redactorCost } from "./redact.mjs";
import { stainlessComparison } from "./stainless.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const shuffled = (values) => values.map((value) => [Math.random(), value]).sort(([a], [b]) => a - b).map(([, value]) => value);
const VARIANTS = ["client", "clientWithProvider", "openapiFetch", "primitivesFloor", "rawFetch"];
const PRIMITIVES = ["primitiveSignals", "primitiveRequestCopy", "primitiveBufferedResponse"];
// References only: the guards against bare openapi-fetch are withdrawn (it has no deadlines,
// retries or redaction); the guards are against a Stainless-generated SDK (stainless.mjs).

/** Nanoseconds per call of one variant, measured in a fresh process. */
function sample(variant) {
  const output = execFileSync(process.execPath, ["--expose-gc", path.join(root, "test/bench/per-call.mjs"), variant], { encoding: "utf8" });
  return Number(output.trim());
}

// A round takes one sample of every variant, in a fresh random order, one after another; the
// ratios are taken within a round (so a slow spell of the machine mostly hits both sides of a
// ratio) and the report gives their median over the rounds.
function overhead() {
  const perRound = [];
  for (let round = 0; round < ROUNDS; round++) {
    const ns = {};
    for (const variant of shuffled(VARIANTS)) ns[variant] = sample(variant);
    perRound.push(ns);
  }
  const ratios = perRound.map((ns) => ns.client / ns.openapiFetch);
  const primitives = Object.fromEntries(PRIMITIVES.map((name) => [name, sample(name) / 1000]));
  return {
    primitives,
    vsOpenapiFetch: median(ratios),
    vsRawFetch: median(perRound.map((ns) => ns.client / ns.rawFetch)),
    providerVsOpenapiFetch: median(perRound.map((ns) => ns.clientWithProvider / ns.openapiFetch)),
    floorVsOpenapiFetch: median(perRound.map((ns) => ns.primitivesFloor / ns.openapiFetch)),
    clientUs: median(perRound.map((ns) => ns.client)) / 1000,
    openapiFetchUs: median(perRound.map((ns) => ns.openapiFetch)) / 1000,
    rawFetchUs: median(perRound.map((ns) => ns.rawFetch)) / 1000,
    spread: [Math.min(...ratios), Math.max(...ratios)],
  };
}

async function minified(contents, external = []) {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: "js" },
    bundle: true, minify: true, format: "esm", platform: "neutral", write: false, logLevel: "silent",
    mainFields: ["module", "main"], external: [...external, "node:*"], // dist's banner imports node:module
  });
  return result.outputFiles[0].text;
}
const gzipBytes = (text) => gzipSync(text, { level: 9 }).length;

const BARE = `import createClient from "openapi-fetch"; globalThis.out = [createClient];`;
const CLIENT = `import { createParchmentClient, createTokenProvider, ParchmentApiError } from "./dist/index.js"; globalThis.out = [createParchmentClient, createTokenProvider, ParchmentApiError];`;
const CLIENT_ONLY = `import { createParchmentClient, ParchmentApiError } from "./dist/index.js"; globalThis.out = [createParchmentClient, ParchmentApiError];`;

async function size() {
  const bare = await minified(BARE);
  const bareBytes = gzipBytes(bare);
  const clientBytes = gzipBytes(await minified(CLIENT));
  const clientOnlyBytes = gzipBytes(await minified(CLIENT_ONLY));
  // A floor for the size target: the client's code without openapi-fetch, reduced to its string
  // literals (messages, header names, paths, the sandbox URL) and the property names it reads or
  // sets (option names, error fields), appended to bare openapi-fetch. No logic at all, so any
  // implementation of the same options, errors and messages adds at least this much. An estimate:
  // the names are picked out of minified code by pattern.
  const ours = await minified(CLIENT, ["openapi-fetch"]);
  const strings = ours.match(/"[^"]*"|`[^`]*`|'[^']*'/g) ?? [];
  const names = ours.match(/(?<=[.{,])[A-Za-z_$][\w$]{2,}(?=[:(=),}])/g) ?? [];
  const floorBytes = gzipBytes(bare + strings.join("") + names.join(" ")) - bareBytes;
  return { bareBytes, clientBytes, extraBytes: clientBytes - bareBytes, clientOnlyExtra: clientOnlyBytes - bareBytes, floorBytes };
}

const o = overhead();
const s = await size();
const stainless = await stainlessComparison({ rounds: ROUNDS });
const lines = [
  `| measure | result | guard |`,
  `|---|---|---|`,
  ...stainless.lines,
  `| client.users.get / bare openapi-fetch GET, per call | ${o.vsOpenapiFetch.toFixed(3)}x | (reference) |`,
  `| same, token from createTokenProvider (cached) | ${o.providerVsOpenapiFetch.toFixed(3)}x | (reference) |`,
  `| floor: openapi-fetch + a deadline signal, a request copy and the body read, per call | ${o.floorVsOpenapiFetch.toFixed(3)}x | (reference) |`,
  `| client.users.get / fetch + json(), per call | ${o.vsRawFetch.toFixed(3)}x | (reference) |`,
  `| minified consumer bundle, gzip: client + token provider | ${s.clientBytes} B vs ${s.bareBytes} B bare openapi-fetch (+${(s.extraBytes / 1024).toFixed(2)} kB) | (reference) |`,
  `| same, client without the token provider | +${(s.clientOnlyExtra / 1024).toFixed(2)} kB | (reference) |`,
  `| floor: its strings and property names alone, no logic | +${(s.floorBytes / 1024).toFixed(2)} kB | (reference) |`,
  "",
  `median per call: client ${o.clientUs.toFixed(1)} µs, openapi-fetch ${o.openapiFetchUs.toFixed(1)} µs, fetch + json() ${o.rawFetchUs.toFixed(1)} µs`,
  `primitives per attempt: AbortSignal.timeout + any ${o.primitives.primitiveSignals.toFixed(2)} µs, a Request copy ${o.primitives.primitiveRequestCopy.toFixed(2)} µs, reading the body and a buffered Response ${o.primitives.primitiveBufferedResponse.toFixed(2)} µs`,
  `per-round ratios to openapi-fetch ranged ${o.spread[0].toFixed(3)}x to ${o.spread[1].toFixed(3)}x (${ROUNDS} rounds, each variant timed over ${process.env.BENCH_CALLS ?? 20_000} calls in a process of its own, Node ${process.version})`,
];
lines.push(stainless.note, await redactorCost());
console.log(lines.join("\n"));
const failed = stainless.failed;
if (process.argv.includes("--check") && failed) process.exit(1);
