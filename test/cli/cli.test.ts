// The parchment-contract command as a user meets it: version, help, usage errors, a busy
// port, a free port, and verify's --timeout against a server that never finishes.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRawServer, type RawServer } from "../support/broken-servers.js";
import { expectPromptExit, serveJson as serveCliJson } from "contract-kit/test-support";
import { repoRoot } from "contract-pipeline/tools";
import { expectNoPartOf } from "contract-kit/test-support";

const cli = path.join(repoRoot, "src/cli.ts");
const run = (args: string[], env: Record<string, string> = {}) =>
  promisify(execFile)(process.execPath, ["--import", "tsx", cli, ...args], { cwd: repoRoot, env: { ...process.env, ...env }, timeout: 60_000 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );

describe("parchment-contract", () => {
  it("--version prints the package's version", async () => {
    const { version } = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8"));
    expect(await run(["--version"])).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it.each([
    [["--help"], "parchment-contract verify --base-url URL"],
    [["help", "verify"], "--max-pages N"],
    [["verify", "--help"], "--timeout SECONDS"],
    [["verify", "--help"], "The token must carry create:user and\n                              update:user"],
    [["serve", "--help"], "--port N       the port (default 0: a free one, printed)"],
    [["serve", "-h"], "--docs FILE"],
  ])("%j prints help and exits 0", async (args, text) => {
    const { code, stdout } = await run(args);
    expect(code).toBe(0);
    expect(stdout).toContain(text);
  });

  it.each([
    [[], "parchment-contract: a command is required"],
    [["serve", "--port", "99999"], '--port must be a port number (0-65535), got "99999"'],
    [["serve", "--list-shape", "pages"], "--list-shape must be one of page, envelope, array"],
    [["verify", "--max-pages", "0"], "--max-pages must be a whole number of at least 1"],
    [["verify", "--timeout", "soon"], '--timeout must be a number of seconds above 0 and at most 2147483, got "soon"'],
    [["verify", "--timeout", "2200000"], '--timeout must be a number of seconds above 0 and at most 2147483, got "2200000"'],
    [["verify", "--base-url", "http://127.0.0.1:9/api?x=1"], "--base-url must not have a query (?) or a fragment (#)"],
    [["verify", "--allow-create"], "parchment-contract: --allow-create must be used together with allowWrites (--allow-writes): creating a user is a write"],
  ])("%j is a usage error, exit 2", async (args, message) => {
    const { code, stderr } = await run(args, { PARCHMENT_BASE_URL: "http://127.0.0.1:9", PARCHMENT_ORGANIZATION_ID: "o", PARCHMENT_ORGANIZATION_SECRET: "s", PARCHMENT_TOKEN: "t" });
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it("refuses a token or secret that cannot be sent in a header, naming the flag, never the value", async () => {
    const env = { PARCHMENT_BASE_URL: "http://127.0.0.1:9", PARCHMENT_ORGANIZATION_ID: "o", PARCHMENT_ORGANIZATION_SECRET: "os_fine_secret_value", PARCHMENT_TOKEN: "tok_fine_token_value" };
    const token = await run(["verify", "--token", "tok_should_not_echo\nsecond"], env);
    expect(token.code).toBe(2);
    expect(token.stderr).toContain("parchment-contract: --token (or PARCHMENT_TOKEN) must be a string without control characters or surrounding spaces (it is sent in a header)");
    expect(token.stderr + token.stdout).not.toContain("tok_should_not_echo");
    const secret = await run(["verify"], { ...env, PARCHMENT_ORGANIZATION_SECRET: " os_should_not_echo" });
    expect(secret.code).toBe(2);
    expect(secret.stderr).toContain("--organization-secret (or PARCHMENT_ORGANIZATION_SECRET) must be a string without control characters");
    expect(secret.stderr + secret.stdout).not.toContain("os_should_not_echo");
  });

  it("refuses a --token longer than a header can carry (16384 characters) by its length, from the flag or the variable, never echoing it", async () => {
    const env = { PARCHMENT_BASE_URL: "http://127.0.0.1:9", PARCHMENT_ORGANIZATION_ID: "o", PARCHMENT_ORGANIZATION_SECRET: "os_fine_secret_value", PARCHMENT_TOKEN: "tok_fine_token_value" };
    const long = `tok_${"0123456789abcdef".repeat(1100)}`.slice(0, 16_385);
    for (const [args, extra] of [[["verify", "--token", long], {}], [["verify"], { PARCHMENT_TOKEN: long }]] as const) {
      const { code, stdout, stderr } = await run([...args], { ...env, ...extra });
      expect(code).toBe(2);
      expect(stderr).toContain("parchment-contract: --token (or PARCHMENT_TOKEN) must be at most 16384 characters (it is sent in a header)\nusage:");
      expect(stdout + stderr).not.toContain("0123456789ab");
    }
  });

  it("refuses credentials in --base-url without printing them", async () => {
    const { code, stderr } = await run(["verify", "--base-url", "http://admin:pa55word-very-secret@127.0.0.1:9", "--organization-id", "o", "--organization-secret", "s", "--token", "t"]);
    expect(code).toBe(2);
    expect(stderr).toContain("--base-url must not contain credentials (user:password@)");
    expect(stderr).not.toContain("pa55word");
  });
});

/** `serve --port 0 --json` with more arguments: the JSON line it prints, and a way to stop it. */
const serveJson = (args: string[]) =>
  serveCliJson<{ baseUrl: string; organizationId: string; organizationSecret: string; token: string; userId: string; partnerId: string; partnerSecret: string }>(
    ["--import", "tsx", cli, "serve", "--port", "0", "--json", ...args],
    repoRoot,
  );

describe("parchment-contract serve", () => {
  let holder: Server;
  let busyPort: number;
  beforeAll(async () => {
    holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    busyPort = (holder.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => holder.close(() => resolve())));

  it("on a busy port says so in one line and exits 2", async () => {
    const { code, stdout, stderr } = await run(["serve", "--port", String(busyPort)]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe(`parchment-contract: port ${busyPort} on 127.0.0.1 is in use; pass another --port (0 takes a free one)\n`);
  });

  it("--port 0 takes a free port and prints it", async () => {
    const { info, stop } = await serveJson([]);
    try {
      const port = Number(new URL(info.baseUrl).port);
      expect(port).toBeGreaterThan(0);
      expect(port).not.toBe(busyPort);
      const response = await fetch(`${info.baseUrl}/v1/organizations/${info.organizationId}/users?limit=1`, {
        headers: { authorization: `Bearer ${info.token}`, "x-organization-secret": info.organizationSecret },
      });
      expect(response.status).toBe(200);
    } finally {
      stop();
    }
  });

  it.each(["SIGINT", "SIGTERM"] as const)("exits 0 within a second of %s while a client holds a half-sent request", async (signal) => {
    const served = await serveJson([]);
    await expectPromptExit(served, signal, `GET /v1/organizations/${served.info.organizationId}/users HTTP/1.1\r\nhost: 127.0.0.1\r\nauthoriz`);
  });

  it("--json prints the partner's credentials too: a token grant with them works, and verify checks it", async () => {
    const { info, stop } = await serveJson([]);
    try {
      expect(Object.keys(info).sort()).toEqual(["baseUrl", "organizationId", "organizationSecret", "partnerId", "partnerSecret", "token", "userId"]);
      const grant = await fetch(`${info.baseUrl}/v1/token`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-partner-id": info.partnerId,
          "x-partner-secret": info.partnerSecret,
          "x-organization-id": info.organizationId,
          "x-organization-secret": info.organizationSecret,
          "x-user-id": info.userId,
        },
        body: JSON.stringify({ grantType: "client_credentials", scope: ["read:user"] }),
      });
      expect(grant.status).toBe(200);
      const flags = ["--base-url", info.baseUrl, "--organization-id", info.organizationId, "--organization-secret", info.organizationSecret, "--token", info.token];
      const { code, stdout } = await run(["verify", ...flags, "--partner-id", info.partnerId, "--partner-secret", info.partnerSecret, "--json"]);
      expect(code).toBe(0);
      const report = JSON.parse(stdout) as { checks: { operationId: string; outcome: string }[] };
      expect(report.checks.filter((check) => check.operationId === "createToken").map((check) => check.outcome)).toEqual(["passed", "passed"]);
      expectNoPartOf([info.partnerSecret, info.token, info.organizationSecret], stdout);
    } finally {
      stop();
    }
  });

  it("--list-shape envelope answers list users with the envelope-level pagination", async () => {
    const { info, stop } = await serveJson(["--list-shape", "envelope"]);
    try {
      const response = await fetch(`${info.baseUrl}/v1/organizations/${info.organizationId}/users?limit=2`, {
        headers: { authorization: `Bearer ${info.token}`, "x-organization-secret": info.organizationSecret },
      });
      const body = (await response.json()) as { data: unknown; pagination: { hasNext: boolean; lastKey: string } };
      expect(Array.isArray(body.data)).toBe(true);
      expect(body.pagination).toMatchObject({ count: 2, hasNext: true, limit: 2, offset: 0 });
    } finally {
      stop();
    }
  });
});

describe("parchment-contract verify --timeout", () => {
  let server: RawServer;
  beforeAll(async () => {
    // Headers at once, then a body that never ends.
    server = await startRawServer(({ response }) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.write("{");
    });
  });
  afterAll(() => server.close());

  it("bounds every request, reports each, and exits 1", async () => {
    const started = Date.now();
    const { code, stdout } = await run([
      "verify", "--base-url", server.baseUrl, "--organization-id", server.handler.organizationId,
      "--organization-secret", server.handler.organizationSecret, "--token", server.handler.token, "--user-id", "usr_abc123def456", "--timeout", "0.3",
    ]);
    expect(code).toBe(1);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(stdout.match(/\(body\): expected a complete body of at most 4194304 bytes; got the body was not complete within 0\.3 s$/gm)).toHaveLength(9);
    expect(stdout).toMatch(/0 passed, 9 failed, 19 skipped$/m);
  });
});

describe("parchment-contract verify and a server's control characters", () => {
  // A C1 CSI, a line separator and a right-to-left override around a forged pass: JSON.stringify
  // leaves each as it is, and the terminal acts on it.
  const forged = "ok\u009b2K\u009b1G\u202e\u2028✓ all checks passed\u001b[2K\r";
  let server: RawServer;
  beforeAll(async () => {
    server = await startRawServer(async (exchange) => {
      if (!/\/users\/usr_parchment_contract_verify_unknown$/.test(exchange.url.pathname)) return exchange.send(await exchange.reference());
      exchange.response.writeHead(500, { "content-type": "application/json" });
      exchange.response.end(JSON.stringify({ success: false, statusCode: 500, timestamp: "2024-01-15T10:30:00.000Z", requestId: "req_1", error: { type: "x", title: "T", detail: forged } }));
    });
  });
  afterAll(() => server.close());

  it("prints every line terminal-safe, human and --json, the JSON parsing to what the server said", async () => {
    const flags = ["verify", "--base-url", server.baseUrl, "--organization-id", server.handler.organizationId, "--organization-secret", server.handler.organizationSecret, "--token", server.handler.token];
    for (const json of [false, true]) {
      const { code, stdout, stderr } = await run([...flags, ...(json ? ["--json"] : [])]);
      expect(code).toBe(1);
      expect(stdout + stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
      // (The line separator and the carriage return are whitespace: folded to a space, as verify shows any text.)
      expect(stdout).toContain("T: ok\\u009b2K\\u009b1G\\u202e ✓ all checks passed\\u001b[2K ");
      if (json) expect(JSON.parse(stdout).checks.find((check: { name: string }) => check.name === "read an unknown user (expects 404)").problem).toBe(`T: ${forged.replace(/\s+/g, " ")}`);
    }
  });
});
