// A vendor CLI's `serve --json` as its tests meet it, written once for every vendor: started on
// a free port, the JSON line it prints first read, stopped; and the check that it exits 0
// within a second of SIGINT or SIGTERM while a client holds a half-sent request.
import { spawn, type ChildProcess } from "node:child_process";
import { expect } from "vitest";
import { destroyAllRaw, rawSocket } from "./raw-socket.js";

export interface ServedCli<I> {
  /** The JSON line `serve --json` printed. */
  info: I;
  child: ChildProcess;
  /** Sends SIGTERM (again, harmlessly, once it has exited). */
  stop(): void;
}

/** Runs `node ...args` (a CLI's `serve --port 0 --json`, and more) in `cwd`: its first line, parsed, within 30 s. */
export async function serveJson<I extends { baseUrl: string }>(args: readonly string[], cwd: string): Promise<ServedCli<I>> {
  const child = spawn(process.execPath, args, { cwd, stdio: ["ignore", "pipe", "inherit"] });
  const stop = () => void child.kill("SIGTERM");
  try {
    const line = await new Promise<string>((resolve, reject) => {
      let out = "";
      const timer = setTimeout(() => reject(new Error("no line within 30 s")), 30_000);
      child.once("exit", (code) => reject(new Error(`serve exited (${code}) before printing a line`)));
      child.stdout!.on("data", (chunk: Buffer) => {
        out += chunk;
        if (out.includes("\n")) {
          clearTimeout(timer);
          resolve(out.split("\n")[0]!);
        }
      });
    });
    return { info: JSON.parse(line) as I, child, stop };
  } catch (error) {
    stop();
    throw error;
  }
}

/**
 * Holds `halfHead` (a request cut off inside its headers) open on the served CLI, sends it
 * `signal`, and expects it to exit 0, not killed by the signal, within a second, the held
 * connection closed. Node's server.close() alone waited for that request: 60 s for its headers.
 */
export async function expectPromptExit(served: ServedCli<{ baseUrl: string }>, signal: "SIGINT" | "SIGTERM", halfHead: string): Promise<void> {
  try {
    const half = await rawSocket(served.info.baseUrl);
    await half.write(halfHead);
    const exited = new Promise<string>((resolve) => served.child.once("exit", (code, killedBy) => resolve(`${code} ${killedBy}`)));
    const started = performance.now();
    served.child.kill(signal);
    expect(await exited).toBe("0 null");
    expect(performance.now() - started).toBeLessThan(1000);
    await half.closed;
  } finally {
    served.stop();
    destroyAllRaw();
  }
}
