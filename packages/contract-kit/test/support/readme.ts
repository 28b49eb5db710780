// A README's code blocks, run as a partner runs them: against the package's own `serve`, with
// the credentials it prints handed over in the environment variables the README names, and
// nothing else. A block passes when it ends on its own (a server it starts must be closed) and
// exits 0; a request to any host but 127.0.0.1 fails it.
import { spawn, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";

export interface ReadmeBlock {
  /** A file name for it, from the README and its line. */
  file: string;
  /** README.md:30 */
  label: string;
  source: string;
}

/** Every ```ts block of a README; a block without an import continues the one before it. */
export function readmeBlocks(readme: string, name = path.basename(readme), exclude?: RegExp): ReadmeBlock[] {
  const text = readFileSync(readme, "utf8");
  const blocks: ReadmeBlock[] = [];
  let previous: ReadmeBlock | undefined;
  for (const match of text.matchAll(/^```(?:ts|typescript)\n([\s\S]*?)^```$/gm)) {
    const line = text.slice(0, match.index).split("\n").length;
    // A block another test runs (the MSW blocks need msw installed: test/package/msw-consumer.test.ts).
    if (exclude?.test(match[1]!)) continue;
    const source = `// ${name} line ${line}\n${match[1]}`;
    if (previous && !/^import /m.test(match[1]!)) {
      previous.source += source;
      continue;
    }
    previous = { file: `${name.replace(/[/.]/g, "-")}-${line}`, label: `${name}:${line}`, source };
    blocks.push(previous);
  }
  return blocks;
}

/** Preloaded into each block's process: only 127.0.0.1 may be called. */
const GUARD = `const realFetch = globalThis.fetch;
globalThis.fetch = (input, init) => {
  const { hostname, origin } = new URL(input instanceof Request ? input.url : String(input));
  if (hostname !== "127.0.0.1") throw new Error("the README block called " + origin + ": set the base URL variable the README names");
  return realFetch(input, init);
};
`;

export interface ServeOptions {
  /** The package's bin, installed in a consumer project. */
  bin: string;
  cwd: string;
  /** The environment to run on (a PATH that finds the Node to use). */
  env: NodeJS.ProcessEnv;
  /** From each key `serve --json` prints to the variable the README reads. */
  variables: Record<string, string>;
}

/**
 * Starts `serve --json`, runs `fn` with the variables its credentials fill in, and stops it
 * (it must exit 0 on SIGTERM).
 */
export async function withServe<T>(options: ServeOptions, fn: (env: NodeJS.ProcessEnv, info: Record<string, string>) => Promise<T> | T): Promise<T> {
  const server = spawn(options.bin, ["serve", "--json"], { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise<number | null>((resolve) => server.once("exit", resolve));
  try {
    const line = await Promise.race([
      createInterface({ input: server.stdout! })[Symbol.asyncIterator]().next().then(({ value }) => value as string),
      exited.then((code) => {
        throw new Error(`serve exited (${code}) before printing its JSON`);
      }),
    ]);
    const info = JSON.parse(line) as Record<string, string>;
    const env = { ...options.env };
    for (const [key, variable] of Object.entries(options.variables)) {
      if (typeof info[key] !== "string") throw new Error(`serve --json printed no ${key}`);
      env[variable] = info[key];
    }
    return await fn(env, info);
  } finally {
    server.kill("SIGTERM");
    const code = await exited;
    if (code !== 0) throw new Error(`serve exited ${code} on SIGTERM`);
  }
}

/** Runs one compiled block with `node`, the guard preloaded; its exit code and output. */
export function runBlock(node: string, compiled: string, cwd: string, env: NodeJS.ProcessEnv): { status: number | null; output: string } {
  const guard = path.join(cwd, "readme-guard.mjs");
  writeFileSync(guard, GUARD);
  const result = spawnSync(node, ["--import", `./${path.basename(guard)}`, compiled], { cwd, env, encoding: "utf8", timeout: 30_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}${result.error ? `\n${result.error.message}` : ""}` };
}
