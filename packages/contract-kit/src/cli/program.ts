// What every command-line tool of this repository shares (parchment-contract, and
// avara-autoscribe-contract in avara/): option parsing that names the mistake and shows the
// usage (exit 2), one-line failures (exit 2), --help/--version, a port option, the errors of
// a port that cannot be listened on, and a serve loop that stops on SIGINT/SIGTERM. The
// readers of verify's flags are in flags.ts, its command in verify-command.ts.
import { readFileSync } from "node:fs";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { escapeControls } from "../verify/report.js";

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

/** `--docs FILE`: the page's HTML, or a one-line CommandError when it cannot be read; undefined without the option. */
export function docsOption(file: string | undefined): string | undefined {
  if (file === undefined) return undefined;
  try {
    return readFileSync(file, "utf8");
  } catch {
    throw new CommandError(`--docs: cannot read ${file} (run npm run docs first)`);
  }
}

/** --port: 0 to 65535 (0, the default, takes a free port). */
export function portOption(text: string | undefined, usage: string): number {
  const port = text === undefined ? 0 : /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) throw new UsageError(`--port must be a port number (0-65535), got ${JSON.stringify(text)}`, usage);
  return port;
}

/**
 * Starts a server, turning a busy or forbidden port into a one-line CommandError. SIGINT and
 * SIGTERM are watched from before it starts: a signal that came between the server's first
 * line and serveUntilStopped killed the process with the signal rather than exiting 0.
 */
export async function listenOn<T>(port: number, start: () => Promise<T>): Promise<T> {
  stopped ??= untilStopped();
  try {
    return await start();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === "EADDRINUSE") throw new CommandError(`port ${port} on 127.0.0.1 is in use; pass another --port (0 takes a free one)`);
    if (code === "EACCES") throw new CommandError(`not allowed to listen on port ${port}; pass another --port (0 takes a free one)`);
    throw error;
  }
}

/**
 * Resolves on SIGINT or SIGTERM. The listeners stay: a second signal while the server closes
 * (Ctrl+C reaches both `npm start` and the servers it forwards the signal to) is the same
 * request to stop, not one to kill the process with the signal's exit code.
 */
export const untilStopped = () =>
  new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });

/** The signal watch listenOn started, if it did. */
let stopped: Promise<void> | undefined;

/**
 * Keeps a started server up until SIGINT or SIGTERM, then closes it (within a second, open
 * connections included: the servers' close() ends them): serve's exit code, 0.
 */
export async function serveUntilStopped(server: { close(): Promise<void> }): Promise<number> {
  await (stopped ?? untilStopped());
  stopped = undefined;
  await server.close();
  return 0;
}

/** A subcommand: its usage (for --help) and what it does, resolving with the exit code. */
export interface Command {
  usage: string;
  run(args: string[]): Promise<number>;
}

export interface Program {
  /** The command's name, which starts every error line. */
  name: string;
  usage: string;
  /** package.json, for --version. */
  packageJson: URL;
  commands: Record<string, Command>;
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
    // A message can quote what was given (an unknown option, a --timeout): its control
    // characters are shown escaped, never acted on by the terminal.
    if (error instanceof UsageError) {
      console.error(`${program.name}: ${escapeControls(error.message)}\n${error.usage ?? program.usage}`);
      return 2;
    }
    if (error instanceof CommandError) {
      console.error(`${program.name}: ${escapeControls(error.message)}`);
      return 2;
    }
    throw error;
  }
}
