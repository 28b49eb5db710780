// What `parchment-contract verify` prints holds no part of a credential, human or --json,
// against a server that echoes them back everywhere (a CLI spawned per case: full check).
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { expectNoPartOf } from "contract-kit/test-support";
import { repoRoot } from "contract-pipeline/tools";
import type { VerifyReport } from "../../src/verify/verify.js";
import { startRawServer, type RawServer } from "../support/broken-servers.js";
import { ECHOED_ORGANIZATION_SECRET, ECHOED_TOKEN, echoCredentials } from "../support/echo-credentials.js";

const running: RawServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

describe("no part of a credential in what verify prints", () => {
  const token = ECHOED_TOKEN;
  const organizationSecret = ECHOED_ORGANIZATION_SECRET;
  const secrets = [token, organizationSecret];
  const cli = path.join(repoRoot, "src/cli.ts");
  const raw = async () => {
    const server = await startRawServer(echoCredentials);
    running.push(server);
    return server;
  };

  const run = (args: string[]) =>
    promisify(execFile)(process.execPath, ["--import", "tsx", cli, ...args], { cwd: repoRoot }).then(
      ({ stdout, stderr }) => ({ code: 0, out: stdout + stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, out: error.stdout + error.stderr }),
    );

  it("in what the CLI prints, human and --json", async () => {
    const server = await raw();
    const flags = ["verify", "--base-url", server.baseUrl, "--organization-id", server.handler.organizationId, "--organization-secret", organizationSecret, "--token", token, "--user-id", "usr_abc123def456", "--allow-writes", "--allow-create"];
    const human = await run(flags);
    expect(human.code).toBe(1);
    expect(human.out).toContain("✗ read a user");
    expectNoPartOf(secrets, human.out);
    const json = await run([...flags, "--json"]);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.out) as VerifyReport;
    expect(report.ok).toBe(false);
    expectNoPartOf(secrets, json.out);
    expectNoPartOf(secrets, JSON.stringify(report.checks.flatMap((check) => [check.problem, ...check.violations.map((violation) => violation.actual)])));
  });

});
