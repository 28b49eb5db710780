// Runs the command-line tools of the pipeline from node_modules/.bin with the environment
// they need: Redocly's telemetry and update notice off, so builds are quiet and offline.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { repoRoot } from "./contracts.js";

export { repoRoot };

export const toolEnv: NodeJS.ProcessEnv = {
  ...process.env,
  REDOCLY_TELEMETRY: "off",
  REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
  NO_UPDATE_NOTIFIER: "1",
};


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
