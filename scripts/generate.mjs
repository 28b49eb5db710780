// Regenerates every file of generated/ from openapi.yaml, for the contract in the repository
// root (Parchment) or in the folder given as `--contract DIR` (avara/). The drift test calls
// generate(tmpDir, { contract }) and compares bytes with the committed generated/.
//
// openapi-typescript flags, chosen on purpose:
//   --enum-values               also emit runtime arrays of each enum (ASSIGNABLE_ROLES, ...),
//                               so enum values are read from the spec, never retyped
//   --default-non-nullable=false  a parameter or field with a `default` stays optional in the
//                               types: callers may leave out `limit`, the server fills it in
import path from "node:path";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { contractArgs, repoRoot, runTool } from "./tools.mjs";

export const GENERATED_FILES = ["openapi.json", "openapi.dereferenced.json", "openapi.ts", "servers.ts"];

// The client defaults to the sandbox server; its URL is read from the spec here rather than
// importing the whole bundled JSON into the client.
function serversModule(bundledFile) {
  const { servers } = JSON.parse(readFileSync(bundledFile, "utf8"));
  const entries = servers.map((server) => {
    if (!server["x-environment"]) throw new Error(`server ${server.url} has no x-environment in openapi.yaml`);
    return `  ${JSON.stringify(server["x-environment"])}: ${JSON.stringify(server.url)},`;
  });
  return [
    "// Generated from openapi.yaml by scripts/generate.mjs. Do not edit by hand.",
    "/** The servers of the spec, by their `x-environment`. */",
    "export const servers = {",
    ...entries,
    "} as const;",
    "",
  ].join("\n");
}

export function generate(outDir, { contract = repoRoot } = {}) {
  outDir ??= path.join(contract, "generated");
  mkdirSync(outDir, { recursive: true });
  const spec = path.join(contract, "openapi.yaml");
  runTool("redocly", ["bundle", spec, "-o", path.join(outDir, "openapi.json")]);
  writeFileSync(path.join(outDir, "servers.ts"), serversModule(path.join(outDir, "openapi.json")));
  runTool("redocly", ["bundle", spec, "--dereferenced", "-o", path.join(outDir, "openapi.dereferenced.json")]);
  runTool("openapi-typescript", [
    spec,
    "-o",
    path.join(outDir, "openapi.ts"),
    "--enum-values",
    "--default-non-nullable=false",
  ]);
  return GENERATED_FILES.map((name) => path.join(outDir, name));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { contract, rest } = contractArgs();
  for (const file of generate(rest[0], { contract })) console.log(`generated ${path.relative(process.cwd(), file)}`);
}
