// Regenerates every file of a contract's generated/ from its openapi.yaml:
// `npm run generate -- [--contract NAME]... [--out DIR]` (every contract of scripts/contracts.ts
// by default; --out with one contract only). The drift check calls generate(tmpDir, { contract })
// and compares bytes with the committed generated/.
//
// openapi-typescript flags, chosen on purpose:
//   --enum-values               also emit runtime arrays of each enum (ASSIGNABLE_ROLES, ...),
//                               so enum values are read from the spec, never retyped
//   --default-non-nullable=false  a parameter or field with a `default` stays optional in the
//                               types: callers may leave out `limit`, the server fills it in
import path from "node:path";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { abs, CONTRACT_USAGE, isMain, main, parseScriptArgs, resolveContract, selectContracts, UsageError, type Contract } from "./contracts.js";
import { responseValidators } from "./response-validators.js";
import { runTool } from "./tools.js";

export const GENERATED_FILES = ["openapi.json", "openapi.dereferenced.json", "openapi.ts", "servers.ts", "operations.ts", "response-validators.js", "response-validators.d.ts", "response-violations.js", "response-violations.d.ts", "validator-runtime.js"];

const USAGE = `usage: npm run generate -- ${CONTRACT_USAGE} [--out <folder>, with one contract]`;

// The client defaults to the sandbox server; its URL is read from the spec here rather than
// importing the whole bundled JSON into the client.
function serversModule(bundledFile: string) {
  const { servers } = JSON.parse(readFileSync(bundledFile, "utf8")) as { servers: Record<string, string>[] };
  const entries = servers.map((server) => {
    if (!server["x-environment"]) throw new Error(`server ${server.url} has no x-environment in openapi.yaml`);
    return `  ${JSON.stringify(server["x-environment"])}: ${JSON.stringify(server.url)},`;
  });
  return [
    "// Generated from openapi.yaml by scripts/generate.ts. Do not edit by hand.",
    "/** The servers of the spec, by their `x-environment`. */",
    "export const servers = {",
    ...entries,
    "} as const;",
    "",
  ].join("\n");
}

export function generate(outDir?: string, { contract }: { contract?: string | Contract } = {}): string[] {
  const entry = resolveContract(contract);
  outDir ??= abs(entry.generatedDir);
  mkdirSync(outDir, { recursive: true });
  const spec = abs(entry.spec);
  runTool("redocly", ["bundle", spec, "-o", path.join(outDir, "openapi.json")]);
  writeFileSync(path.join(outDir, "servers.ts"), serversModule(path.join(outDir, "openapi.json")));
  const validators = responseValidators(JSON.parse(readFileSync(path.join(outDir, "openapi.json"), "utf8")));
  writeFileSync(path.join(outDir, "operations.ts"), validators.operations);
  writeFileSync(path.join(outDir, "response-validators.js"), validators.code);
  writeFileSync(path.join(outDir, "response-validators.d.ts"), validators.declarations);
  writeFileSync(path.join(outDir, "response-violations.js"), validators.listing);
  writeFileSync(path.join(outDir, "response-violations.d.ts"), validators.listingDeclarations);
  writeFileSync(path.join(outDir, "validator-runtime.js"), validators.runtime);
  runTool("redocly", ["bundle", spec, "--dereferenced", "-o", path.join(outDir, "openapi.dereferenced.json")]);
  runTool("openapi-typescript", [spec, "-o", path.join(outDir, "openapi.ts"), "--enum-values", "--default-non-nullable=false"]);
  return GENERATED_FILES.map((name) => path.join(outDir, name));
}

/** The one contract an --out option may go with. */
export function onlyContract(contracts: Contract[], option: string): Contract {
  if (contracts.length !== 1) throw new UsageError(`${option} needs one --contract (it would write every contract to the same place)`);
  return contracts[0]!;
}

if (isMain(import.meta.url)) {
  await main("generate", USAGE, () => {
    const { values } = parseScriptArgs(process.argv.slice(2), { out: { type: "string" } });
    if (values.help) return void console.log(USAGE);
    const contracts = selectContracts(values.contract);
    if (values.out !== undefined) onlyContract(contracts, "--out");
    for (const contract of contracts) {
      for (const file of generate(values.out && path.resolve(values.out), { contract })) console.log(`generated ${path.relative(process.cwd(), file)}`);
    }
  });
}
