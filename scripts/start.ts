// `npm start -- [--contract NAME]... [--port N] [--no-build]`: every contract's reference server
// with its docs page, the way a partner first meets them. For each contract of the registry
// (every one by default) it renders the docs page (the registry's docsOut), builds dist/ (unless
// --no-build) and starts the contract's own `dist/cli.js serve --docs <page>`: the first
// contract on PORT (default 4010), each next one on the next port (0: a free port for each).
// Each server prints its own credentials and export lines; then one line per contract says
// where its API and its docs are. SIGINT and SIGTERM go to every server; the script exits when
// they have all exited, with the first failing exit code (0 when they stopped cleanly). A
// server that exits on its own stops the others.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { constants } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { buildDocs } from "./build-docs.js";
import { buildContract } from "./build.js";
import { abs, CONTRACT_USAGE, isMain, main, parseScriptArgs, repoRoot, selectContracts, UsageError, type Contract } from "./contracts.js";

const USAGE = `usage: npm start -- ${CONTRACT_USAGE} [--port N] [--no-build]
  --port N      the first contract's port (default PORT, else 4010); each next contract takes the next port; 0: free ports
  --no-build    serve the dist/ already built (npm run build:lib) instead of building it again; the docs are rendered either way`;

export const DEFAULT_PORT = 4010;

/** The port of each of `count` contracts: `first`, then the ports after it; a free port (0) for each when `first` is 0. */
export function contractPorts(text: string | undefined, count: number): number[] {
  const first = text === undefined || text === "" ? DEFAULT_PORT : /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(first >= 0 && first + (first === 0 ? 0 : count - 1) <= 65535)) {
    throw new UsageError(`--port (or PORT) must be a port number from 0 to ${65536 - count} for ${count} contract(s), got ${JSON.stringify(text)}`);
  }
  return Array.from({ length: count }, (_, index) => (first === 0 ? 0 : first + index));
}

/** A contract's server as started: where it listens, and its exit code once it has exited. */
export interface StartedServer {
  contract: Contract;
  child: ChildProcess;
  baseUrl: string;
  exited: Promise<number>;
}

const exitCode = (code: number | null, signal: NodeJS.Signals | null) => code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0);
const relative = (file: string) => path.relative(repoRoot, file);

/**
 * Starts `<dir>/dist/cli.js serve --port P --docs <page>` and resolves once it says where it
 * listens; every line it prints is passed on as it comes.
 */
export async function startServer(contract: Contract, port: number): Promise<StartedServer> {
  const cli = abs(path.posix.join(contract.dir, "dist/cli.js"));
  if (!existsSync(cli)) throw new Error(`no ${relative(cli)}: run npm run build:lib (or npm start without --no-build)`);
  // A process group of its own: Ctrl+C reaches this script only, which passes it on once. In the
  // terminal's group each server got the signal twice (the terminal's and the forwarded one), and
  // the second, landing while the server's process was already tearing down, killed it (exit 130).
  const child = spawn(process.execPath, [cli, "serve", "--port", String(port), "--docs", abs(contract.docsOut)], { cwd: abs(contract.dir), stdio: ["ignore", "pipe", "inherit"], detached: true });
  // Not left running if this script ends some other way (an uncaught error, process.exit).
  const orphaned = () => child.exitCode === null && child.signalCode === null && child.kill("SIGTERM");
  process.once("exit", orphaned);
  void child.once("exit", () => process.off("exit", orphaned));
  const exited = new Promise<number>((resolve) => child.once("exit", (code, signal) => resolve(exitCode(code, signal))));
  const baseUrl = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on("line", (line) => {
      console.log(line);
      const listening = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
      if (listening) resolve(listening[1]!);
    });
    void exited.then((code) => reject(Object.assign(new Error(`${contract.name}'s server exited (${code}) before it listened`), { exitCode: code })));
  });
  return { contract, child, baseUrl, exited };
}

/** Renders each contract's docs page and, unless told not to, builds its dist/. */
export async function prepare(contracts: readonly Contract[], { build }: { build: boolean }): Promise<void> {
  for (const contract of contracts) {
    console.log(`${contract.name}: docs page ${relative(buildDocs(undefined, { contract }))}`);
    if (build) console.log(`${contract.name}: built ${relative(await buildContract(abs(contract.dir)))}/`);
  }
}

/**
 * Starts each contract's server on its port, one after the other, and keeps them until a signal
 * or until one exits; resolves with the exit code.
 */
export async function serveAll(contracts: readonly Contract[], ports: readonly number[]): Promise<number> {
  const started: StartedServer[] = [];
  let stopping = false;
  const stopAll = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    for (const server of started) server.child.kill(signal);
  };
  // Kept until the process ends: a second Ctrl+C while the servers close is the same request.
  process.on("SIGINT", () => stopAll("SIGINT"));
  process.on("SIGTERM", () => stopAll("SIGTERM"));

  let failed: number | undefined;
  for (const [index, contract] of contracts.entries()) {
    if (stopping) break;
    console.log(`\n--- ${contract.name} ---`);
    try {
      const server = await startServer(contract, ports[index]!);
      started.push(server);
      // One server gone on its own takes the others with it.
      void server.exited.then(() => stopAll("SIGTERM"));
    } catch (error) {
      console.error(`start: ${(error as Error).message}`);
      failed = (error as { exitCode?: number }).exitCode ?? 1;
      stopAll("SIGTERM");
    }
  }
  if (!stopping) {
    console.log(`\nnpm start: ${started.length} reference server(s), each with its docs page (Ctrl+C stops them all)`);
    const width = Math.max(...started.map((server) => server.contract.name.length));
    for (const server of started) console.log(`  ${server.contract.name.padEnd(width)}  API ${server.baseUrl}  docs ${server.baseUrl}/docs`);
  }
  const codes = await Promise.all(started.map((server) => server.exited));
  return failed ?? codes.find((code) => code !== 0) ?? 0;
}

if (isMain(import.meta.url)) {
  await main("start", USAGE, async () => {
    const { values } = parseScriptArgs(process.argv.slice(2), { port: { type: "string" }, "no-build": { type: "boolean", default: false } });
    if (values.help) return void console.log(USAGE);
    const contracts = selectContracts(values.contract);
    const ports = contractPorts(values.port ?? process.env.PORT, contracts.length);
    await prepare(contracts, { build: !values["no-build"] });
    return serveAll(contracts, ports);
  });
}
