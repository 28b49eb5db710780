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

/**
 * The contract a script works on and its other arguments: `--contract DIR` (a folder holding
 * an openapi.yaml, relative to the working directory), else the repository root (Parchment).
 */
export function contractArgs(argv = process.argv.slice(2)) {
  const at = argv.indexOf("--contract");
  if (at < 0) return { contract: repoRoot, rest: argv };
  const value = argv[at + 1];
  if (!value || value.startsWith("--")) throw new Error("--contract needs a folder that holds an openapi.yaml");
  return { contract: path.resolve(value), rest: [...argv.slice(0, at), ...argv.slice(at + 2)] };
}

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
