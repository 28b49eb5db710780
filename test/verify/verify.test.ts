import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatReport } from "contract-kit/verify";
import { verify } from "../../src/verify/verify.js";
import { drifts, startServer, type RunningServer } from "../support/broken-servers.js";
import { repoRoot } from "contract-pipeline/tools";
import { expectNoPartOf } from "contract-kit/test-support";

const options = (server: RunningServer) => ({
  baseUrl: server.baseUrl,
  organizationId: server.handler.organizationId,
  organizationSecret: server.handler.organizationSecret,
  token: server.handler.token,
  partnerId: server.handler.partnerId,
  partnerSecret: server.handler.partnerSecret,
});

describe("verify against the reference server", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  it("passes every check, writes and the user lifecycle included, and leaves the user it read as it was", async () => {
    const before = server.handler.readUser(server.handler.userId);
    const report = await verify({ ...options(server), allowWrites: true, allowCreate: true, userId: server.handler.userId });
    expect(formatReport(report)).toMatch(/30 passed, 0 failed, 1 skipped$/);
    expect(report.ok).toBe(true);
    expect(server.handler.readUser(server.handler.userId)).toEqual(before);
  });

  it("skips writes and the user lifecycle without allowWrites", async () => {
    const report = await verify(options(server));
    expect(report.ok).toBe(true);
    expect(report.checks.filter((check) => check.outcome === "skipped").map((check) => check.note)).toEqual([
      ...Array(6).fill("writes need --allow-writes"),
      ...Array(10).fill("creating users needs --allow-create: a real organisation would keep the user"),
    ]);
  });

  it("checks POST /v1/token read-only: refused with a wrong partner secret, granted with the partner's credentials", async () => {
    const report = await verify(options(server));
    const tokenChecks = report.checks.filter((check) => check.operationId === "createToken");
    expect(tokenChecks.map(({ name, method, path, status, outcome }) => ({ name, method, path, status, outcome }))).toEqual([
      { name: "request a token with a wrong partner secret (expects 401)", method: "POST", path: "/v1/token", status: 401, outcome: "passed" },
      { name: "request a token with the partner credentials", method: "POST", path: "/v1/token", status: 200, outcome: "passed" },
    ]);
  });

  it("without the partner's credentials, still checks the refusal and skips the grant, saying why", async () => {
    const { partnerId: _id, partnerSecret: _secret, ...withoutPartner } = options(server);
    const report = await verify(withoutPartner);
    const tokenChecks = report.checks.filter((check) => check.operationId === "createToken");
    expect(tokenChecks.map((check) => [check.outcome, check.note])).toEqual([
      ["passed", undefined],
      ["skipped", "a token request needs the partner's credentials: --partner-id and --partner-secret"],
    ]);
  });
});

describe("verify against a server that echoes the token it granted where the spec wants a number", () => {
  let server: RunningServer;
  let granted = "";
  beforeAll(async () => {
    server = await startServer(async (request, handler) => {
      const response = await handler.fetch(request);
      if (!(request.method === "POST" && response.ok)) return response;
      const body = await response.json();
      granted = body.data.accessToken;
      body.data.expiresIn = granted;
      body.message = `issued ${granted}`;
      return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
    });
  });
  afterAll(() => server.close());

  it("fails the grant and never shows the token, whole or in part", async () => {
    const report = await verify(options(server));
    expect(report.ok).toBe(false);
    const text = `${formatReport(report)}\n${JSON.stringify(report)}`;
    expect(text).toMatch(/createToken 200 \$\.data\.expiresIn: expected must be integer/);
    expect(granted.length).toBeGreaterThan(20);
    expectNoPartOf([granted, server.handler.partnerSecret], text);
  });
});

describe.each(Object.entries(drifts))("verify against a server with %s", (_name, { drift, expect: violation }) => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(drift);
  });
  afterAll(() => server.close());

  it("fails and names the violation", async () => {
    const report = await verify({ ...options(server), allowWrites: true });
    expect(report.ok).toBe(false);
    expect(formatReport(report)).toMatch(violation);
  });
});

describe("the verify command", () => {
  const cli = path.join(repoRoot, "src/cli.ts");
  const run = (args: string[], env: Record<string, string> = {}) =>
    promisify(execFile)(process.execPath, ["--import", "tsx", cli, ...args], { cwd: repoRoot, env: { ...process.env, ...env } }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout + error.stderr }),
    );

  let good: RunningServer;
  let bad: RunningServer;
  beforeAll(async () => {
    good = await startServer();
    bad = await startServer(drifts["wrong enum value"]!.drift);
  });
  afterAll(async () => {
    await good.close();
    await bad.close();
  });

  const flags = (server: RunningServer) => [
    "--base-url", server.baseUrl,
    "--organization-id", server.handler.organizationId,
    "--organization-secret", server.handler.organizationSecret,
    "--token", server.handler.token,
  ];

  it("exits 0 when every check passes and never prints the credentials", async () => {
    const { code, stdout } = await run(["verify", ...flags(good)]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/14 passed, 0 failed, 17 skipped/);
    expect(stdout).not.toContain(good.handler.token);
    expect(stdout).not.toContain(good.handler.organizationSecret);
  });

  it("--allow-writes --allow-create creates a user, leaves it disabled and says so; exit 0", async () => {
    const { code, stdout } = await run(["verify", ...flags(good), "--allow-writes", "--allow-create"]);
    expect(code).toBe(0);
    const left = /^✓ disable the user, to leave it unable to sign in: .*\(left (usr_[a-z0-9]{12}) \(verify\+[a-z0-9]{12}@example\.invalid\) disabled: Parchment has no delete/m.exec(stdout);
    expect(left, stdout).not.toBeNull();
    expect(good.handler.isEnabled(left![1]!)).toBe(false);
    expect(stdout).toMatch(/ 0 failed, /);
  });

  it("exits 1 on a violation; --json gives the same checks as data", async () => {
    const { code, stdout } = await run(["verify", ...flags(bad), "--json"]);
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.ok).toBe(false);
    expect(report.checks.find((check: { outcome: string }) => check.outcome === "failed").violations[0]).toMatchObject({
      path: "$.data.access_roles[0]",
      actual: '"superuser"',
    });
  });

  it("reads its options from PARCHMENT_* variables", async () => {
    const env = {
      PARCHMENT_BASE_URL: good.baseUrl,
      PARCHMENT_ORGANIZATION_ID: good.handler.organizationId,
      PARCHMENT_ORGANIZATION_SECRET: good.handler.organizationSecret,
      PARCHMENT_TOKEN: good.handler.token,
    };
    expect((await run(["verify"], env)).code).toBe(0);
  });

  it("names every missing option at once, in usage order, without echoing any value", async () => {
    const { code, stdout } = await run(["verify", "--token", "tok_should_not_echo"], { PARCHMENT_BASE_URL: "", PARCHMENT_ORGANIZATION_ID: "", PARCHMENT_ORGANIZATION_SECRET: "" });
    expect(code).toBe(2);
    expect(stdout).toContain(
      "missing --base-url (or PARCHMENT_BASE_URL), --organization-id (or PARCHMENT_ORGANIZATION_ID), --organization-secret (or PARCHMENT_ORGANIZATION_SECRET): each is required",
    );
    expect(stdout).not.toContain("tok_should_not_echo");
  });

  it.each(["ftp://parchment.test", "not a url"])("refuses --base-url %j as a usage error", async (baseUrl) => {
    const { code, stdout } = await run(["verify", ...flags(good).slice(2), "--base-url", baseUrl]);
    expect(code).toBe(2);
    expect(stdout).toContain("--base-url must be an absolute http(s) URL");
  });
});
