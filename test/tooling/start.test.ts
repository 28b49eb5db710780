// `npm start` as a partner meets it: every contract's reference server with its docs page, on
// ports of its own, each server's credentials printed; SIGTERM stops them all and it exits 0; a
// server that cannot start takes the others down and the exit code says so. Run on the dist/
// the full check has built (--no-build: rebuilding it here would empty dist/ under the tests
// that run it beside this one); the docs pages are rendered as npm start renders them.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { CONTRACTS } from "contract-pipeline/contracts";
import { contractPorts } from "contract-pipeline/start";
import { repoRoot } from "contract-pipeline/tools";

const titleOf = (spec: string) => (parse(readFileSync(path.join(repoRoot, spec), "utf8")) as { info: { title: string } }).info.title;

/** Runs scripts/start.ts with `args` (`detached`: in a process group of its own, as a terminal runs it); `ready` once it has printed `servers` lines of where each is (or exited). */
function start(args: string[], { servers = CONTRACTS.length, detached = false } = {}) {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, "scripts/start.ts"), ...args], { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"], detached });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => void (stdout += chunk));
  child.stderr.on("data", (chunk: Buffer) => void (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start printed no summary within 90 s:\n${stdout}\n${stderr}`)), 90_000);
    child.stdout.on("data", () => {
      if (new RegExp(`reference server\\(s\\)[\\s\\S]*\\n(?:.*docs http\\S+\\n){${servers}}`).test(stdout)) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
  return { child, exited, ready, output: () => ({ stdout, stderr }) };
}

/** The value of `export NAME='value'` in the output. */
const exported = (stdout: string, name: string) => new RegExp(`export ${name}='([^']*)'`).exec(stdout)?.[1];

const hold = (port = 0) =>
  new Promise<Server>((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
const release = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

describe("npm start", () => {
  it("is scripts/start.ts in package.json", () => {
    expect(JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")).scripts.start).toBe("tsx scripts/start.ts");
  });

  it("gives the first contract PORT (default 4010) and each next one the next port; 0 a free port for each", () => {
    expect(contractPorts(undefined, 2)).toEqual([4010, 4011]);
    expect(contractPorts("5000", 3)).toEqual([5000, 5001, 5002]);
    expect(contractPorts("0", 2)).toEqual([0, 0]);
    expect(() => contractPorts("65535", 2)).toThrow("--port (or PORT) must be a port number from 0 to 65534 for 2 contract(s), got \"65535\"");
    expect(() => contractPorts("http", 1)).toThrow(/got "http"/);
  });

  it("serves every contract with its docs page and credentials; SIGTERM stops them all, exit 0", async () => {
    const run = start(["--port", "0", "--no-build"]);
    try {
      await run.ready;
      const { stdout } = run.output();
      const servers = new Map([...stdout.matchAll(/^ {2}(\S+) +API (http:\/\/127\.0\.0\.1:\d+) +docs (\S+)$/gm)].map((match) => [match[1]!, { baseUrl: match[2]!, docs: match[3]! }]));
      expect([...servers.keys()]).toEqual(CONTRACTS.map((contract) => contract.name));
      expect(new Set([...servers.values()].map((server) => server.baseUrl)).size).toBe(CONTRACTS.length);

      for (const contract of CONTRACTS) {
        const { baseUrl, docs } = servers.get(contract.name)!;
        expect(docs).toBe(`${baseUrl}/docs`);
        const page = await fetch(docs);
        expect(page.status).toBe(200);
        const html = await page.text();
        expect(/<title>([^<]*)<\/title>/.exec(html)?.[1], contract.name).toBe(titleOf(contract.spec));
        const root = await fetch(`${baseUrl}/`, { redirect: "manual" });
        expect(root.headers.get("location")).toBe("/docs");
      }

      // Parchment: a token from POST /v1/token with the partner's credentials serve printed.
      const parchment = servers.get("parchment")!;
      expect(exported(stdout, "PARCHMENT_BASE_URL")).toBe(parchment.baseUrl);
      const grant = await fetch(`${parchment.baseUrl}/v1/token`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-partner-id": exported(stdout, "PARCHMENT_PARTNER_ID")!,
          "x-partner-secret": exported(stdout, "PARCHMENT_PARTNER_SECRET")!,
          "x-organization-id": exported(stdout, "PARCHMENT_ORGANIZATION_ID")!,
          "x-organization-secret": exported(stdout, "PARCHMENT_ORGANIZATION_SECRET")!,
          "x-user-id": exported(stdout, "PARCHMENT_USER_ID")!,
        },
        body: JSON.stringify({ grantType: "client_credentials", scope: ["read:user"] }),
      });
      expect(grant.status).toBe(200);
      expect(((await grant.json()) as { data: { accessToken: string } }).data.accessToken).toMatch(/\S{20,}/);

      // Avara has no token grant: its credential is the API key serve printed, and it reads the user.
      const avara = servers.get("avara")!;
      expect(exported(stdout, "AVARA_BASE_URL")).toBe(avara.baseUrl);
      const user = await fetch(`${avara.baseUrl}/v1/autoScribe/users/${exported(stdout, "AVARA_USER_ID")}`, { headers: { authorization: `Bearer ${exported(stdout, "AVARA_API_KEY")}` } });
      expect(user.status).toBe(200);
      expect(((await user.json()) as { userId: string }).userId).toBe(exported(stdout, "AVARA_USER_ID"));

      const started = performance.now();
      run.child.kill("SIGTERM");
      expect(await run.exited).toEqual({ code: 0, signal: null });
      expect(performance.now() - started).toBeLessThan(5000);
      for (const { baseUrl } of servers.values()) await expect(fetch(`${baseUrl}/docs`)).rejects.toThrow();
    } finally {
      run.child.kill("SIGKILL");
    }
  }, 120_000);

  it("Ctrl+C (SIGINT to the terminal's process group, which the servers are not in: npm start passes it on once) exits 0", async () => {
    const run = start(["--contract", "avara", "--port", "0", "--no-build"], { servers: 1, detached: true });
    try {
      await run.ready;
      const baseUrl = /^ {2}avara +API (\S+)/m.exec(run.output().stdout)?.[1];
      expect((await fetch(`${baseUrl}/docs`)).status).toBe(200);
      process.kill(-run.child.pid!, "SIGINT");
      expect(await run.exited).toEqual({ code: 0, signal: null });
      expect(run.output().stderr).toBe("");
    } finally {
      run.child.kill("SIGKILL");
    }
  }, 120_000);

  it("when the next contract's port is taken: says so, stops the server it started, exit 2", async () => {
    // Two ports in a row: the first free, the second held.
    let held: Server | undefined;
    let first = 0;
    for (let attempt = 0; attempt < 20 && !held; attempt++) {
      const candidate = await hold();
      const port = (candidate.address() as { port: number }).port;
      const before = await hold(port - 1).catch(() => undefined);
      if (before) {
        await release(before);
        held = candidate;
        first = port - 1;
      } else {
        await release(candidate);
      }
    }
    if (!held) throw new Error("found no free port below a free port in 20 tries");
    const run = start(["--contract", "parchment", "--contract", "avara", "--port", String(first), "--no-build"]);
    try {
      expect(await run.exited).toEqual({ code: 2, signal: null });
      const { stdout, stderr } = run.output();
      expect(stdout).toContain(`Parchment reference server listening on http://127.0.0.1:${first}`);
      expect(stderr).toContain(`avara-autoscribe-contract: port ${first + 1} on 127.0.0.1 is in use`);
      expect(stderr).toContain("start: avara's server exited (2) before it listened");
      expect(stdout).not.toContain("reference server(s)");
      await expect(fetch(`http://127.0.0.1:${first}/docs`)).rejects.toThrow();
    } finally {
      run.child.kill("SIGKILL");
      await release(held);
    }
  }, 120_000);
});
