// The avara-autoscribe-contract command as built (dist/cli.js), as a user meets it: version,
// help, usage errors (every missing option named at once), a busy port, serve --json, serve
// stopped by a signal while a request is half-sent, and verify against what serve started, the
// API key never printed.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { createServer, type Server } from "node:net";
import path from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "contract-pipeline/tools";
import { destroyAllRaw, expectNoPartOf, expectPromptExit, rawSocket, serveJson } from "contract-kit/test-support";

const folder = path.join(repoRoot, "avara");
const cli = path.join(folder, "dist/cli.js");
const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("AVARA_")));
const run = (args: string[], env: Record<string, string> = {}) =>
  promisify(execFile)(process.execPath, [cli, ...args], { cwd: folder, env: { ...clean, ...env }, timeout: 60_000 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );

describe("avara-autoscribe-contract", () => {
  it("--version prints the package's version", async () => {
    const { version } = JSON.parse(readFileSync(path.join(folder, "package.json"), "utf8"));
    expect(await run(["--version"])).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it.each([
    [["--help"], "avara-autoscribe-contract verify --base-url URL --api-key K --user-id U"],
    [["help", "verify"], "--allow-writes"],
    [["verify", "--help"], "(AVARA_API_KEY)"],
    [["serve", "-h"], "--json         print {baseUrl, apiKey, userId} as one JSON line"],
    [["serve", "--help"], "--docs FILE    also serve FILE (the rendered docs) at /docs"],
  ])("%j prints help and exits 0", async (args, text) => {
    const { code, stdout } = await run(args);
    expect(code).toBe(0);
    expect(stdout).toContain(text);
  });

  it.each([
    [[], "avara-autoscribe-contract: a command is required"],
    [["list"], 'avara-autoscribe-contract: unknown command: "list"'],
    [["verify"], "missing --base-url (or AVARA_BASE_URL), --api-key (or AVARA_API_KEY), --user-id (or AVARA_USER_ID): each is required"],
    [["verify", "--api-key", "k"], "missing --base-url (or AVARA_BASE_URL), --user-id (or AVARA_USER_ID): each is required"],
    [["serve", "--port", "http"], '--port must be a port number (0-65535), got "http"'],
    [["serve", "--list-shape", "page"], "Unknown option '--list-shape'"],
    [["serve", "--docs", "no-such-page.html"], "avara-autoscribe-contract: --docs: cannot read no-such-page.html (run npm run docs first)"],
    [["verify", "--base-url", "http://127.0.0.1:9/?x=1", "--api-key", "k", "--user-id", "u"], "--base-url must not have a query (?) or a fragment (#)"],
    [["verify", "--base-url", "http://127.0.0.1:9", "--api-key", "k", "--user-id", "u", "--timeout", "0"], "--timeout must be a number of seconds above 0"],
  ])("%j is a usage error, exit 2", async (args, message) => {
    const { code, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it("refuses credentials in --base-url without printing them", async () => {
    const { code, stderr } = await run(["verify", "--base-url", "http://u:sk_live_pa55word_secret@127.0.0.1:9", "--api-key", "k", "--user-id", "u"]);
    expect(code).toBe(2);
    expect(stderr).toContain("--base-url must not contain credentials (user:password@): pass the key as --api-key");
    expect(stderr).not.toContain("pa55word");
  });

  it("refuses an API key that cannot be sent in a header, naming the flag, never the key", async () => {
    const { code, stdout, stderr } = await run(["verify", "--base-url", "http://127.0.0.1:9", "--api-key", " sk_live_should_not_echo", "--user-id", "u"]);
    expect(code).toBe(2);
    expect(stderr).toContain("avara-autoscribe-contract: --api-key (or AVARA_API_KEY) must be a string without control characters or surrounding spaces (it is sent in a header)");
    expect(stdout + stderr).not.toContain("should_not_echo");
  });

  it("refuses an --api-key longer than a header can carry (16384 characters) by its length, never echoing it", async () => {
    const { code, stdout, stderr } = await run(["verify", "--base-url", "http://127.0.0.1:9", "--api-key", `sk_live_${"0123456789abcdef".repeat(1100)}`.slice(0, 16_385), "--user-id", "u"]);
    expect(code).toBe(2);
    expect(stderr).toContain("avara-autoscribe-contract: --api-key (or AVARA_API_KEY) must be at most 16384 characters (it is sent in a header)\nusage:");
    expect(stdout + stderr).not.toContain("0123456789ab");
  });

  it("a busy port is one line, exit 2", async () => {
    const holder: Server = createServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    try {
      const port = (holder.address() as { port: number }).port;
      const { code, stderr } = await run(["serve", "--port", String(port)]);
      expect(code).toBe(2);
      expect(stderr).toBe(`avara-autoscribe-contract: port ${port} on 127.0.0.1 is in use; pass another --port (0 takes a free one)\n`);
    } finally {
      holder.close();
    }
  });
});

describe("serve, then verify what it serves", () => {
  let child: ChildProcess;
  let info: { baseUrl: string; apiKey: string; userId: string };
  beforeAll(async () => {
    child = spawn(process.execPath, [cli, "serve", "--port", "0", "--json"], { cwd: folder, stdio: ["ignore", "pipe", "inherit"] });
    const [line] = await createInterface({ input: child.stdout! })[Symbol.asyncIterator]().next().then(({ value }) => [value as string]);
    info = JSON.parse(line!);
  });
  afterAll(() => {
    child.kill("SIGTERM");
  });

  it("prints one JSON line with baseUrl, apiKey and userId", () => {
    expect(Object.keys(info).sort()).toEqual(["apiKey", "baseUrl", "userId"]);
    expect(info.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(info.userId).toBe("usr_1234567890abcdef1234567890abcdef");
  });

  it("verify --allow-writes --json passes, exit 0, the key not printed", async () => {
    const { code, stdout } = await run(["verify", "--base-url", info.baseUrl, "--api-key", info.apiKey, "--user-id", info.userId, "--allow-writes", "--json"]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.ok).toBe(true);
    expect(report.checks).toHaveLength(6);
    expectNoPartOf(info.apiKey, stdout);
  });

  it("verify with the options from the environment and a wrong key fails, exit 1, naming the 401", async () => {
    const wrong = `${info.apiKey}x`;
    const { code, stdout } = await run(["verify"], { AVARA_BASE_URL: info.baseUrl, AVARA_API_KEY: wrong, AVARA_USER_ID: info.userId });
    expect(code).toBe(1);
    expect(stdout).toContain(`avara-autoscribe-contract verify ${info.baseUrl}`);
    expect(stdout).toContain("✗ read the user: getUser GET /v1/autoScribe/users/{userId} → 401");
    expect(stdout).toContain("    getUser 401 (status): expected 200; got 401");
    expect(stdout).toContain("hint: a 401 means the API key was refused");
    expectNoPartOf(wrong, stdout);
    expectNoPartOf(info.apiKey, stdout);
  });

  it("stops on SIGTERM", async () => {
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});

describe("serve and a signal", () => {
  it.each(["SIGINT", "SIGTERM"] as const)("exits 0 within a second of %s while a client holds a half-sent request", async (signal) => {
    const served = await serveJson<{ baseUrl: string; userId: string }>([cli, "serve", "--port", "0", "--json"], folder);
    await expectPromptExit(served, signal, `GET /v1/autoScribe/users/${served.info.userId} HTTP/1.1\r\nhost: 127.0.0.1\r\nauthoriz`);
  });
});

describe("serve --docs", () => {
  it("serves the page at /docs, / redirecting there, and says where; the API still wants the key", async () => {
    const page = path.join(os.tmpdir(), `avara-docs-${process.pid}.html`);
    writeFileSync(page, "<title>Avara AutoScribe users API</title>");
    const served = spawn(process.execPath, [cli, "serve", "--port", "0", "--docs", page], { cwd: folder, stdio: ["ignore", "pipe", "inherit"] });
    const exited = new Promise<number | null>((resolve) => served.once("exit", resolve));
    try {
      const lines = createInterface({ input: served.stdout! })[Symbol.asyncIterator]();
      const first = (await lines.next()).value as string;
      const baseUrl = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(first)![1]!;
      expect((await lines.next()).value).toBe(`  docs:       ${baseUrl}/docs`);
      const docs = await fetch(`${baseUrl}/docs`);
      expect([docs.status, await docs.text()]).toEqual([200, "<title>Avara AutoScribe users API</title>"]);
      expect((await fetch(`${baseUrl}/`, { redirect: "manual" })).headers.get("location")).toBe("/docs");
      expect((await fetch(`${baseUrl}/v1/autoScribe/users/usr_1234567890abcdef1234567890abcdef`)).status).toBe(401);
    } finally {
      served.kill("SIGTERM");
      rmSync(page, { force: true });
    }
    expect(await exited).toBe(0);
  });

  it("a second signal while it closes still exits 0 (Ctrl+C reaches npm start and, forwarded, each server)", async () => {
    const served = spawn(process.execPath, [cli, "serve", "--port", "0", "--json"], { cwd: folder, stdio: ["ignore", "pipe", "inherit"] });
    const exited = new Promise<string>((resolve) => served.once("exit", (code, signal) => resolve(`${code} ${signal}`)));
    try {
      const line = (await createInterface({ input: served.stdout! })[Symbol.asyncIterator]().next()).value as string;
      // A half-sent request keeps close() busy for its grace (250 ms): the second signal lands in it.
      const half = await rawSocket(JSON.parse(line).baseUrl);
      await half.write("GET /v1/autoScribe/users/x HTTP/1.1\r\nhost: 127.0.0.1\r\nauthoriz");
      served.kill("SIGINT");
      await new Promise((resolve) => setTimeout(resolve, 100));
      served.kill("SIGINT");
      expect(await exited).toBe("0 null");
    } finally {
      served.kill("SIGKILL");
      destroyAllRaw();
    }
  });
});
