// The redactor's cost (issue: a 3 MB accessToken cost 512 MB and 3.3 s): redacting a 1 MB text
// against 1,000 learned tokens, the heap one 16 kB secret costs, and a 3 MB one (kept to its
// first 16 kB). The redactor is internal, so it is bundled from source with esbuild here.
import { build } from "esbuild";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function redactorCost() {
  const bundled = await build({ entryPoints: [path.join(root, "packages/contract-kit/src/http/redact.ts")], bundle: true, format: "esm", platform: "node", write: false, logLevel: "silent" });
  const { createRedactor } = await import(`data:text/javascript;base64,${Buffer.from(bundled.outputFiles[0].text).toString("base64")}`);
  const redactor = createRedactor([]);
  const tokens = Array.from({ length: 1000 }, () => `tok_${randomBytes(24).toString("base64url")}`);
  let started = performance.now();
  for (const token of tokens) redactor.add(token);
  const addMs = performance.now() - started;
  const text = `${randomBytes(750_000).toString("base64").slice(0, 1_000_000 - 40)} ${tokens[500]}`;
  const times = [];
  for (let i = 0; i < 5; i++) {
    started = performance.now();
    redactor.redact(text);
    times.push(performance.now() - started);
  }
  const heapOf = (secret) => {
    globalThis.gc?.();
    const before = process.memoryUsage().heapUsed;
    const one = createRedactor([secret]);
    globalThis.gc?.();
    const used = process.memoryUsage().heapUsed - before;
    one.redact("keep it alive");
    return used;
  };
  const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);
  return `redactor: 1 MB text against 1,000 learned tokens ${median(times).toFixed(1)} ms (median of 5; learning them ${addMs.toFixed(1)} ms); heap for one 16 kB secret ${mb(heapOf(randomBytes(12_288).toString("base64")))} MB, for a 3 MB one ${mb(heapOf(randomBytes(2_359_296).toString("base64")))} MB`;
}
