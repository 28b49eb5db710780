import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatReport } from "contract-kit/verify";
import { verify } from "../../src/verify/verify.js";
import { drifts, startServer, type RunningServer } from "../support/broken-servers.js";
import { repoRoot } from "contract-pipeline/tools";

const options = (server: RunningServer) => ({
  baseUrl: server.baseUrl,
  organizationId: server.handler.organizationId,
  organizationSecret: server.handler.organizationSecret,
  token: server.handler.token,
});

describe("verify against the reference server", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  it("passes every check, writes included, and leaves the user as it was", async () => {
    const before = server.handler.readUser(server.handler.userId);
    const report = await verify({ ...options(server), allowWrites: true, userId: server.handler.userId });
    expect(formatReport(report)).toMatch(/15 passed, 0 failed, 1 skipped$/);
    expect(report.ok).toBe(true);
    expect(server.handler.readUser(server.handler.userId)).toEqual(before);
  });

  it("skips writes without allowWrites", async () => {
    const report = await verify(options(server));
    expect(report.ok).toBe(true);
    expect(report.checks.filter((check) => check.outcome === "skipped").map((check) => check.note)).toEqual(Array(6).fill("writes need --allow-writes"));
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
    expect(stdout).toMatch(/10 passed, 0 failed, 6 skipped/);
    expect(stdout).not.toContain(good.handler.token);
    expect(stdout).not.toContain(good.handler.organizationSecret);
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
