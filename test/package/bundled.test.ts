// The client as a consumer ships it: bundled and minified (which renames classes), then run
// as its own Node process. Error names must survive, and a finished script must exit
// without waiting for its requests' timeouts.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { afterAll, expect, it } from "vitest";
import { repoRoot } from "contract-pipeline/tools";

const dir = mkdtempSync(path.join(os.tmpdir(), "parchment-bundled-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("keeps error names under minification and lets the process exit when its calls are done", async () => {
  const outfile = path.join(dir, "consumer.mjs");
  await build({
    entryPoints: [path.join(repoRoot, "test/package/bundled/entry.ts")],
    bundle: true, minify: true, format: "esm", platform: "node", outfile, logLevel: "silent",
  });
  // The script's only timeout is 10 minutes away; 60 s is far longer than the calls take.
  const child = spawnSync(process.execPath, [outfile], { encoding: "utf8", timeout: 60_000 });
  expect(child.signal, "the process did not exit by itself").toBeNull();
  expect(child.stderr).toBe("");
  expect(JSON.parse(child.stdout)).toEqual({ user: "usr_1", name: "ParchmentNotFoundError", isApiError: true });
}, 90_000);
