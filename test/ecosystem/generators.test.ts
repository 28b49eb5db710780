// The spec through generators nobody here wrote, as another repo would use them:
// @hey-api/openapi-ts (TypeScript types and SDK) and orval (zod schemas). Each must generate
// without error, keep the spec's component names, type its output precisely (dates of birth
// as `string`, `success` as the literal `true`, no field `unknown` or `any`), and typecheck
// under `tsc --strict`.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import bundledSpec from "../../generated/openapi.json" with { type: "json" };
import { repoRoot } from "contract-pipeline/tools";
import { impreciseFields } from "./imprecise-types.js";

const run = promisify(execFile);
const bin = (tool: string) => path.join(repoRoot, "node_modules/.bin", tool);
const spec = path.join(repoRoot, "openapi.yaml");
const scratch = mkdtempSync(path.join(os.tmpdir(), "parchment-ecosystem-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const schemaNames = Object.keys(bundledSpec.components.schemas);
const env = { ...process.env, NO_UPDATE_NOTIFIER: "1" };
// The generated code is compiled as a consumer would: strict, DOM fetch types, its own imports.
const compilerOptions = {
  target: "ES2022",
  module: "NodeNext",
  moduleResolution: "NodeNext",
  lib: ["ES2023", "DOM", "DOM.Iterable"],
  types: [],
  strict: true,
  noEmit: true,
  skipLibCheck: true,
};

let heyTypes = "";
let orvalZod = "";
beforeAll(async () => {
  // Both generators read the spec as written (openapi.yaml), not our bundle; run side by side.
  await Promise.all([
    run(bin("openapi-ts"), ["-i", spec, "-o", path.join(scratch, "hey"), "--no-log-file", "--silent"], { cwd: scratch, env }),
    // orval picks zod 3 or zod 4 syntax from the zod it finds; the repository's pins zod 4.
    run(bin("orval"), ["--input", spec, "--output", path.join(scratch, "orval/zod.ts"), "--client", "zod"], { cwd: repoRoot, env }),
  ]);
  symlinkSync(path.join(repoRoot, "node_modules"), path.join(scratch, "node_modules"), "dir");
  heyTypes = readFileSync(path.join(scratch, "hey/types.gen.ts"), "utf8");
  orvalZod = readFileSync(path.join(scratch, "orval/zod.ts"), "utf8");
}, 120_000);

const exported = (source: string) => [...source.matchAll(/^export (?:type|const|interface) (\w+)/gm)].map((match) => match[1]!);

describe("@hey-api/openapi-ts 0.95", () => {
  it("keeps every component's name: nothing renamed to avoid a clash (no UpdateUserResponse2)", () => {
    const names = exported(heyTypes);
    for (const name of schemaNames) expect(names, name).toContain(name);
    expect(names.filter((name) => /\D\d+$/.test(name))).toEqual([]);
  });

  it("types no field of any component unknown or any", () => {
    const file = path.join(scratch, "hey-schemas.ts");
    writeFileSync(file, [`import type * as Hey from "./hey/types.gen.js";`, `export interface Schemas {`, ...schemaNames.map((name) => `  ${name}: Hey.${name};`), `}`].join("\n"));
    expect(impreciseFields(file, ["Schemas"], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext })).toEqual([]);
  }, 60_000);
});

describe("orval 7.13 (zod)", () => {
  it("writes a zod schema for each operation's body and responses, with no z.any() or z.unknown()", () => {
    const names = exported(orvalZod);
    for (const name of ["listUsersResponse", "getUserResponse", "updateUserBody", "updateUserResponse", "updateUserRolesBody", "updateUserRolesResponse", "createTokenBody", "createTokenResponse"]) {
      expect(names).toContain(name);
    }
    expect(orvalZod).not.toMatch(/zod\.(any|unknown)\(/);
    expect(orvalZod).toMatch(/"success": zod\.literal\(true\)/);
  });
});

describe("what a consumer compiles", () => {
  it("both outputs typecheck under tsc --strict, with dates of birth as string and success as true", async () => {
    writeFileSync(
      path.join(scratch, "consumer.ts"),
      `import type * as Hey from "./hey/types.gen.js";
import type { z } from "zod";
import type * as Orval from "./orval/zod.js";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): void {}

// @hey-api/openapi-ts
assertType<Equal<Hey.DateAsRead, string>>();
assertType<Equal<Hey.UserDetails["date_of_birth"], string | null>>();
assertType<Equal<Hey.ProviderDetails["date_of_birth"], string | undefined>>();
assertType<Equal<Hey.GetUserResponse["data"]["details"]["date_of_birth"], string | null>>();
assertType<Equal<Hey.SuccessEnvelope["success"], true>>();
assertType<Equal<Hey.UpdateUserResponse, Hey.UpdateUserEnvelope>>();
assertType<Equal<Hey.EnvelopePagination["hasNext"], boolean>>();
assertType<Equal<NonNullable<Hey.UserListEnvelope["pagination"]>, Hey.EnvelopePagination>>();
assertType<Equal<Hey.TokenGrant["scope"], Array<string>>>();

// orval (zod)
type User = z.infer<typeof Orval.getUserResponse>;
assertType<Equal<User["success"], true>>();
assertType<Equal<User["data"]["details"]["date_of_birth"], string | null>>();
assertType<Equal<NonNullable<User["data"]["provider_details"]>["date_of_birth"], string | undefined>>();
type List = z.infer<typeof Orval.listUsersResponse>;
assertType<Equal<NonNullable<List["pagination"]>["hasNext"], boolean>>();
assertType<Equal<z.infer<typeof Orval.createTokenResponse>["data"]["scope"], string[]>>();
`,
    );
    writeFileSync(path.join(scratch, "tsconfig.json"), JSON.stringify({ compilerOptions, include: ["hey/**/*.ts", "orval/**/*.ts", "consumer.ts"] }));
    const result = await run(bin("tsc"), ["-p", path.join(scratch, "tsconfig.json")], { cwd: scratch }).then(
      () => "",
      (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ""}${error.stderr ?? ""}`,
    );
    expect(result).toBe("");
  }, 120_000);
});
