// The redactor's cost (issue: a 3 MB accessToken cost 512 MB and 3.3 s): redacting a 1 MB text
// against 1,000 learned tokens, the memory a 16 kB secret costs, and a 3 MB one (kept to its
// first 16 kB). The redactor is internal, so it is bundled from source with esbuild here.
import { build } from "esbuild";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import v8 from "node:v8";
import vm from "node:vm";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * The memory in use after a full collection: heap and array buffers (typed arrays keep their
 * contents outside the heap). This process may run without --expose-gc: the flag is set, and
 * a new context has the gc it exposes. Array buffers are released after the collection that
 * finds them garbage, so it waits a moment and collects again.
 */
async function memoryUsed() {
  v8.setFlagsFromString("--expose-gc");
  const gc = vm.runInNewContext("gc");
  gc();
  await new Promise((resolve) => setTimeout(resolve, 20));
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

export async function redactorCost(entry = path.join(root, "packages/contract-kit/src/http/redact.ts")) {
  const bundled = await build({ entryPoints: [entry], bundle: true, format: "esm", platform: "node", write: false, logLevel: "silent" });
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
  // Each secret is made after the first measure, so that what the redactor keeps of it (all of
  // a 3 MB one, through a slice, say) counts, and the caller's copy does not.
  const perSecret = async (make, count) => {
    const before = await memoryUsed();
    const learner = createRedactor([]);
    for (let i = 0; i < count; i++) learner.add(make());
    const used = (await memoryUsed()) - before;
    learner.redact("keeps it alive");
    return used / count;
  };
  const kb = (bytes) => `${(bytes / 1024).toFixed(0)} kB`;
  const small = await perSecret(() => randomBytes(12_288).toString("base64"), 32);
  const large = await perSecret(() => randomBytes(2_359_296).toString("base64"), 8);
  return `redactor: 1 MB text against 1,000 learned tokens ${median(times).toFixed(1)} ms (median of 5; learning them ${addMs.toFixed(1)} ms); memory per 16 kB secret ${kb(small)} (mean of 32), per 3 MB one ${kb(large)} (mean of 8)`;
}
