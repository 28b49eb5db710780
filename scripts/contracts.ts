// The registry of the contracts in this repository: every script reads it, takes a contract by
// name (`--contract avara`, repeatable) and, given none, works on every contract here. Paths are
// relative to the repository root (`dir` "." is the root itself).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, type ParseArgsConfig } from "node:util";

/** This repository's root (the folder above scripts/). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export interface Contract {
  /** The name scripts take with --contract. */
  name: string;
  /** The contract's folder (its package), repository-relative; "." for the root. */
  dir: string;
  /** The hand-written spec. */
  spec: string;
  /** The package.json that carries the contract's version. */
  packageFile: string;
  /** Release tags: `<tagPrefix><version>`. */
  tagPrefix: string;
  /** Where generate writes (bundled, dereferenced JSON, types, servers). */
  generatedDir: string;
  /** Where build-docs writes the page. */
  docsOut: string;
  /** Redocly's configuration: lint rules and the docs page's theme. */
  redoclyConfig: string;
  /** Spectral's ruleset. */
  spectralConfig: string;
  changelog: string;
  decisions: string;
}

/**
 * A contract's entry: its name, its folder (repository-relative) and what follows from the
 * folder by convention (openapi.yaml, package.json, generated/, redocly.yaml, .spectral.yaml,
 * CHANGELOG.md, docs/decisions.md). Exported for a contract that is not (yet) in CONTRACTS,
 * such as the throwaway one of test/pipeline/third-contract.test.ts.
 */
export const defineContract = (name: string, dir: string, tagPrefix: string, docsOut: string): Contract => {
  const at = (file: string) => path.posix.join(dir, file);
  return {
    name,
    dir,
    spec: at("openapi.yaml"),
    packageFile: at("package.json"),
    tagPrefix,
    generatedDir: at("generated"),
    docsOut,
    redoclyConfig: at("redocly.yaml"),
    spectralConfig: at(".spectral.yaml"),
    changelog: at("CHANGELOG.md"),
    decisions: at("docs/decisions.md"),
  };
};

export const CONTRACTS: readonly Contract[] = [
  defineContract("parchment", ".", "v", "site/index.html"),
  defineContract("avara", "avara", "avara-v", "site/avara/index.html"),
];

export type ContractName = "parchment" | "avara";

/** A registry path made absolute: against this repository, or another root (a checkout of it). */
export const abs = (file: string, root = repoRoot) => path.join(root, file);

export class UsageError extends Error {}

/** The contract of that name; an unknown name is a usage error listing the known ones. */
export function contractNamed(name: string): Contract {
  const found = CONTRACTS.find((entry) => entry.name === name);
  if (!found) throw new UsageError(`--contract ${JSON.stringify(name)}: no such contract (known: ${CONTRACTS.map((entry) => entry.name).join(", ")})`);
  return found;
}

/** A contract given as a name or as the registry entry; the root's (parchment) by default. */
export const resolveContract = (given: string | Contract = "parchment"): Contract => (typeof given === "string" ? contractNamed(given) : given);

/** The contracts the --contract options name, or every contract when there are none. */
export function selectContracts(names: readonly string[] | undefined): Contract[] {
  if (!names || names.length === 0) return [...CONTRACTS];
  return [...new Set(names)].map(contractNamed);
}

/** The --contract option, spelled the same in every script. */
export const CONTRACT_OPTION = { contract: { type: "string", multiple: true } } as const;
export const CONTRACT_USAGE = `[--contract ${CONTRACTS.map((entry) => entry.name).join("|")}]... (default: every contract)`;

/** Parses a script's options (strict: an unknown option is a usage error) with --contract and --help. */
export function parseScriptArgs<O extends NonNullable<ParseArgsConfig["options"]>>(argv: string[], options: O, allowPositionals = false) {
  return parseArgs({ args: argv, options: { ...CONTRACT_OPTION, help: { type: "boolean", default: false }, ...options }, strict: true, allowPositionals });
}

/**
 * Runs a script's main: a usage error (a bad option, an unknown contract) prints the message and
 * the usage and exits 2; any other error prints its message and exits 1 (2 when `failure` says so).
 */
export async function main(script: string, usage: string, run: () => number | void | Promise<number | void>, failure = 1) {
  try {
    const code = await run();
    if (typeof code === "number") process.exitCode = code;
  } catch (error) {
    const err = error as Error & { code?: string };
    const usageError = err instanceof UsageError || (typeof err?.code === "string" && err.code.startsWith("ERR_PARSE_ARGS"));
    console.error(`${script}: ${err?.message ?? String(error)}${usageError ? `\n${usage}` : ""}`);
    process.exitCode = usageError ? 2 : failure;
  }
}

/** Whether this module is the script node was asked to run. */
export const isMain = (url: string) => {
  const entry = process.argv[1];
  return entry !== undefined && url === `file://${path.resolve(entry)}`;
};
