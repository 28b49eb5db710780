// Runs the command-line tools of the pipeline from node_modules/.bin with the environment
// they need: Redocly's telemetry and update notice off, so builds are quiet and offline.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const toolEnv = {
  ...process.env,
  REDOCLY_TELEMETRY: "off",
  REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
  NO_UPDATE_NOTIFIER: "1",
};

/** Runs a tool and returns its output; throws with the tool's output when it fails. */
export function runTool(tool, args, { cwd = repoRoot, quiet = true } = {}) {
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
