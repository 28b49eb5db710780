// Starts Prism (@stoplight/prism-cli) from node_modules/.bin on a free port: an
// implementation of openapi.yaml that nobody here wrote. Started directly, not through npx,
// so that killing the process stops the server.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { repoRoot } from "contract-pipeline/tools";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Prism {
  baseUrl: string;
  output: () => string;
  close(): Promise<void>;
}

/** `mode` is "mock", or "proxy" followed by the upstream URL; extra flags after. */
export async function startPrism(args: string[]): Promise<Prism> {
  const port = await freePort();
  const child = spawn(path.join(repoRoot, "node_modules/.bin/prism"), [...args.slice(0, 1), path.join(repoRoot, "openapi.yaml"), ...args.slice(1), "-p", String(port), "-h", "127.0.0.1"], {
    cwd: repoRoot,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Prism did not start within 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Prism is listening")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Prism exited with ${code}:\n${output}`));
    });
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    output: () => output,
    close: async () => {
      child.kill("SIGTERM");
      await exited;
    },
  };
}
