// Our Spectral rules and Redocly's example checks really fail on a spec that breaks them.
// (`npm run lint` proves the real spec is clean; this proves the rules can fail.)
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { repoRoot, runTool } from "contract-pipeline/tools";

const scratch = mkdtempSync(path.join(os.tmpdir(), "parchment-lint-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function brokenSpec(name: string, breakIt: (spec: any) => void): string {
  const spec = parse(readFileSync(path.join(repoRoot, "openapi.yaml"), "utf8"));
  breakIt(spec);
  const file = path.join(scratch, `${name}.yaml`);
  writeFileSync(file, stringify(spec));
  return file;
}

function lintFails(tool: "spectral" | "redocly", file: string): string {
  const args =
    tool === "spectral"
      ? ["lint", file, "--ruleset", path.join(repoRoot, ".spectral.yaml"), "--fail-severity=warn"]
      : ["lint", file, "--config", path.join(repoRoot, "redocly.yaml")];
  try {
    runTool(tool, args);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${tool} accepted ${path.basename(file)}`);
}

const userPath = "/v1/organizations/{organization_id}/users/{user_id}";

describe("lint rules of our own", () => {
  it("each custom Spectral rule reports its violation", () => {
    const file = brokenSpec("conventions", (spec) => {
      spec.paths[userPath].get.security = [{ bearerAuth: ["read:user"] }];
      spec.paths[userPath].put.responses["409"] = {
        description: "conflict",
        content: { "application/json": { schema: { type: "object", properties: { message: { type: "string", maxLength: 9 } } } } },
      };
      spec.components.schemas.UpdateUserRolesRequest.additionalProperties = true;
      delete spec.components.schemas.TokenRequest.additionalProperties;
      spec.components.schemas.SuccessEnvelope.required = ["success", "statusCode", "message", "timestamp"];
    });
    const output = lintFails("spectral", file);
    for (const rule of [
      "parchment-user-operations-require-organization-secret",
      "parchment-error-responses-use-problem-envelope",
      "parchment-responses-carry-request-id",
      "parchment-request-bodies-are-strict",
      "parchment-request-bodies-declare-additional-properties",
    ]) {
      expect(output).toContain(rule);
    }
  }, 120_000);

  it("the OWASP ruleset is active (a server without x-internal fails)", () => {
    const file = brokenSpec("owasp", (spec) => delete spec.servers[0]["x-internal"]);
    expect(lintFails("spectral", file)).toContain("owasp:api9:2023-inventory-access");
  }, 120_000);

  it("Redocly rejects an example that does not match its schema", () => {
    const file = brokenSpec("example", (spec) => {
      spec.paths[`${userPath}/roles`].put.requestBody.content["application/json"].examples.singleRole.value.access_roles = ["owner"];
    });
    expect(lintFails("redocly", file)).toContain("no-invalid-media-type-examples");
  }, 120_000);
});
