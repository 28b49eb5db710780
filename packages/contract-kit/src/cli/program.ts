// What every command-line tool of this repository shares (parchment-contract, and
// avara-autoscribe-contract in avara/): option parsing that names the mistake and shows the
// usage (exit 2), one-line failures (exit 2), --help/--version, a port option, the errors of
// a port that cannot be listened on, and a serve loop that stops on SIGINT/SIGTERM.
import { readFileSync } from "node:fs";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { MAX_TIMER_MS } from "../http/options.js";

/** A mistake in how the command was called: printed with the usage, exit 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage?: string,
  ) {
    super(message);
  }
}

/** A failure to report in one line (no usage, no stack), exit 2. */
export class CommandError extends Error {}

export function parse<T extends ParseArgsConfig["options"]>(args: string[], options: T, usage: string) {
  try {
    return parseArgs({ args, options: { ...options, help: { type: "boolean", short: "h" } }, strict: true }).values as Record<string, string | boolean | undefined>;
  } catch (error) {
    throw new UsageError((error as Error).message, usage);
  }
}

export function help(usage: string): number {
  console.log(usage);
  return 0;
}

/** --port: 0 to 65535 (0, the default, takes a free port). */
export function portOption(text: string | undefined, usage: string): number {
  const port = text === undefined ? 0 : /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) throw new UsageError(`--port must be a port number (0-65535), got ${JSON.stringify(text)}`, usage);
  return port;
}

/** Starts a server, turning a busy or forbidden port into a one-line CommandError. */
export async function listenOn<T>(port: number, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === "EADDRINUSE") throw new CommandError(`port ${port} on 127.0.0.1 is in use; pass another --port (0 takes a free one)`);
    if (code === "EACCES") throw new CommandError(`not allowed to listen on port ${port}; pass another --port (0 takes a free one)`);
    throw error;
  }
}

/** Resolves on SIGINT or SIGTERM. */
export const untilStopped = () =>
  new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });

export interface Program {
  /** The command's name, which starts every error line. */
  name: string;
  usage: string;
  /** package.json, for --version. */
  packageJson: URL;
  commands: Record<string, { usage: string; run(args: string[]): Promise<number> }>;
}

/** Runs one command line; resolves with the exit code. */
export async function runProgram(program: Program, argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command !== undefined && Object.hasOwn(program.commands, command)) return await program.commands[command]!.run(rest);
    if (command === "--version" || command === "-v") {
      console.log(JSON.parse(readFileSync(program.packageJson, "utf8")).version);
      return 0;
    }
    if (command === "--help" || command === "-h" || command === "help") {
      const named = rest[0] !== undefined && Object.hasOwn(program.commands, rest[0]) ? program.commands[rest[0]] : undefined;
      return help(named?.usage ?? program.usage);
    }
    if (command === undefined) throw new UsageError("a command is required");
    throw new UsageError(`unknown command: ${JSON.stringify(command)}`);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${program.name}: ${error.message}\n${error.usage ?? program.usage}`);
      return 2;
    }
    if (error instanceof CommandError) {
      console.error(`${program.name}: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

/**
 * The value of each option, from its flag or else its environment variable (an empty one is
 * absent); throws one UsageError naming every missing required option, in usage order.
 */
export function optionsFrom(
  values: Record<string, string | boolean | undefined>,
  required: ReadonlyArray<readonly [flag: string, variable: string]>,
  usage: string,
): (flag: string, variable?: string) => string | undefined {
  const option = (flag: string, variable?: string) => {
    const value = (values[flag] as string | undefined) ?? (variable ? process.env[variable] : undefined);
    return value === "" ? undefined : value;
  };
  const missing = required.filter(([flag, variable]) => !option(flag, variable)).map(([flag, variable]) => `--${flag} (or ${variable})`);
  if (missing.length > 0) throw new UsageError(`missing ${missing.join(", ")}: ${missing.length === 1 ? "it is" : "each is"} required`, usage);
  return option;
}

/** `--timeout SECONDS` as milliseconds, within what a timer can hold (about 24.8 days); undefined when absent. */
export function timeoutFlag(text: string | undefined, usage: string, redact: (text: string) => string): number | undefined {
  if (text === undefined) return undefined;
  const seconds = /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
  if (!(seconds > 0 && seconds * 1000 <= MAX_TIMER_MS)) {
    throw new UsageError(`--timeout must be a number of seconds above 0 and at most ${Math.floor(MAX_TIMER_MS / 1000)}, got ${JSON.stringify(redact(text))}`, usage);
  }
  return seconds * 1000;
}

/** `--base-url` checked: absolute http(s), no credentials (`where` says where they go instead), no query or fragment. */
export function baseUrlFlag(text: string, usage: string, where: string): string {
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (!url || !/^https?:$/.test(url.protocol)) throw new UsageError("--base-url must be an absolute http(s) URL", usage);
  if (url.username || url.password) throw new UsageError(`--base-url must not contain credentials (user:password@): ${where}`, usage);
  if (url.search || url.hash) throw new UsageError("--base-url must not have a query (?) or a fragment (#)", usage);
  return text;
}
