// The guard against the peer with the same guarantees: a Stainless-generated SDK (openai@5:
// aborting timeouts, retries, typed errors). Per call, client.users.get against
// models.retrieve on the same instant fake fetch (stainless-call.mjs, a process per sample,
// ratios within rounds, their median); bundle, our minified+gzip consumer of one resource
// against the SDK's. Guards: at most 1.0x per call, at most half the SDK's bundle.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const MAX_CALL_RATIO = 1.0;
export const MAX_BUNDLE_SHARE = 0.5;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const sample = (variant) => Number(execFileSync(process.execPath, ["--expose-gc", path.join(here, "stainless-call.mjs"), variant], { encoding: "utf8" }).trim());

// The SDK's client class builds every resource in its constructor, so a consumer of one
// resource bundles all of them: its smallest consumer of models.retrieve is the whole client.
const SDK = `import OpenAI from "openai"; globalThis.out = [OpenAI];`;
const OURS = `import { createParchmentClient, ParchmentApiError } from "./dist/index.js"; globalThis.out = [createParchmentClient, ParchmentApiError];`;

/** `minified(entry)` and `gzipBytes(text)` are run.mjs's, so both sides are measured the same way. */
export async function stainlessComparison({ rounds, minified, gzipBytes }) {
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
  const oursBytes = gzipBytes(await minified(OURS));
  const sdkBytes = gzipBytes(await minified(SDK));
  const callRatio = median(ratios);
  const bundleShare = oursBytes / sdkBytes;
  return {
    failed: callRatio > MAX_CALL_RATIO || bundleShare > MAX_BUNDLE_SHARE,
    lines: [
      `| client.users.get / openai@5 models.retrieve (Stainless), per call | ${callRatio.toFixed(3)}x | <= ${MAX_CALL_RATIO}x |`,
      `| minified consumer bundle, gzip: client (one resource, openapi-fetch included) / openai@5's client | ${oursBytes} B / ${sdkBytes} B = ${bundleShare.toFixed(3)} | <= ${MAX_BUNDLE_SHARE} |`,
    ],
    note: `against openai@5: median per call ours ${(median(ns.ours) / 1000).toFixed(1)} µs, Stainless ${(median(ns.stainless) / 1000).toFixed(1)} µs; per-round ratios ${Math.min(...ratios).toFixed(3)}x to ${Math.max(...ratios).toFixed(3)}x (${rounds} rounds)`,
  };
}
