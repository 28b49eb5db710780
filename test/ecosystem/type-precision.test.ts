// No field of any schema generates to `unknown` or `any` in generated/openapi.ts: a consumer
// can use every field without a cast. The walker is shown to catch the regression it guards
// against (a DateAsRead whose branches carry only `format`).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { repoRoot, runTool } from "contract-pipeline/tools";
import { impreciseFields } from "./imprecise-types.js";

const scratch = mkdtempSync(path.join(os.tmpdir(), "parchment-precision-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("type precision of generated/openapi.ts", () => {
  it("no field of any schema is unknown or any", () => {
    expect(impreciseFields(path.join(repoRoot, "generated/openapi.ts"), ["components", "schemas"])).toEqual([]);
  }, 60_000);

  it("no operation's parameters, request body or JSON response is unknown or any either", () => {
    const found = impreciseFields(path.join(repoRoot, "generated/openapi.ts"), ["operations"]);
    // Response headers are `[name: string]: unknown` by openapi-typescript's design (any
    // header may come); they are not fields of a schema.
    expect(found.filter((field) => !/\.headers\[string\]$/.test(field.path))).toEqual([]);
  }, 60_000);

  it("would catch a date of birth typed unknown (DateAsRead with format-only branches)", () => {
    const spec = parse(readFileSync(path.join(repoRoot, "openapi.yaml"), "utf8"));
    spec.components.schemas.DateAsRead = { type: "string", maxLength: 32, anyOf: [{ format: "date" }, { format: "date-time" }] };
    const yamlFile = path.join(scratch, "regressed.yaml");
    const typesFile = path.join(scratch, "regressed.ts");
    writeFileSync(yamlFile, stringify(spec));
    runTool("openapi-typescript", [yamlFile, "-o", typesFile, "--enum-values", "--default-non-nullable=false"]);
    const found = impreciseFields(typesFile, ["components", "schemas"]).map((field) => field.path);
    expect(found).toContain("DateAsRead");
    expect(found).toContain("User.details.date_of_birth");
    expect(found).toContain("ProviderDetails.date_of_birth");
  }, 60_000);

  it("reports any, through arrays, unions and index signatures", () => {
    const file = path.join(scratch, "control.ts");
    writeFileSync(
      file,
      [
        "export interface components { schemas: {",
        "  Fine: { a: string; b: number[]; c: { d: 'x' | null } };",
        "  Loose: { list: { deep: any }[]; either: string | { inner: unknown }; bag: { [key: string]: unknown } };",
        "} }",
      ].join("\n"),
    );
    expect(impreciseFields(file, ["components", "schemas"])).toEqual([
      { path: "Loose.list[].deep", type: "any" },
      { path: "Loose.either.inner", type: "unknown" },
      { path: "Loose.bag[string]", type: "unknown" },
    ]);
  }, 60_000);
});
