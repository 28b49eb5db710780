// Runs the command-line tools of the pipeline from node_modules/.bin with the environment
// they need: Redocly's telemetry and update notice off, so builds are quiet and offline.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { contractNamed, repoRoot } from "./contracts.js";

export { repoRoot };

export const toolEnv: NodeJS.ProcessEnv = {
  ...process.env,
  REDOCLY_TELEMETRY: "off",
  REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
  NO_UPDATE_NOTIFIER: "1",
};

/**
 * For scripts/build-lib.mjs (which reads it as before): the folder of the contract named by
 * `--contract NAME` (the registry's, scripts/contracts.ts), else the repository root, and the
 * other arguments.
 */
export function contractArgs(argv = process.argv.slice(2)): { contract: string; rest: string[] } {
  const at = argv.indexOf("--contract");
  if (at < 0) return { contract: repoRoot, rest: argv };
  const value = argv[at + 1];
  if (!value || value.startsWith("--")) throw new Error("--contract needs a contract's name");
  return { contract: path.join(repoRoot, contractNamed(value).dir), rest: [...argv.slice(0, at), ...argv.slice(at + 2)] };
}

/** Runs a tool and returns its output; throws with the tool's output when it fails. */
export function runTool(tool: string, args: string[], { cwd = repoRoot, quiet = true }: { cwd?: string; quiet?: boolean } = {}): string {
  const bin = path.join(repoRoot, "node_modules", ".bin", tool);
  const result = spawnSync(bin, args, { cwd, env: toolEnv, encoding: "utf8" });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
  if (result.error) throw new Error(`${tool} could not start: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(`${tool} ${args.join(" ")} failed (exit ${result.status}):\n${output}`);
  }
  if (!quiet) process.stdout.write(result.stdout ?? "");
  return output;
}

/**
 * How to run one of these TypeScript scripts as a command from any folder (a test's throw-away
 * repository has no node_modules): node with tsx's loader, given by its absolute URL.
 */
export function scriptCommand(script: string, args: string[] = []): [string, string[]] {
  const loader = pathToFileURL(path.join(repoRoot, "node_modules", "tsx", "dist", "loader.mjs")).href;
  return [process.execPath, ["--import", loader, path.join(repoRoot, "scripts", script), ...args]];
}
