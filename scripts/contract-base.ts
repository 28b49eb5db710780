// The contract as it was at a git ref: which contracts (the registry's, or one given by its
// spec), which ref (the newest <tagPrefix>* tag, else HEAD), and the spec and package.json read
// from it. Shared by scripts/check-breaking.ts and scripts/changelog.ts.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { CONTRACT_USAGE, parseScriptArgs, selectContracts, UsageError, type Contract } from "./contracts.js";

export { UsageError };

/** One contract to compare: its spec and package.json (absolute) and its release tags. */
export interface Target {
  spec: string;
  packageFile: string;
  tagPrefix: string;
  /** The registry's entry; undefined for a contract given by --spec. */
  contract?: Contract;
}

export const TARGET_USAGE = `${CONTRACT_USAGE} | [--spec <openapi.yaml of a contract outside the registry> [--package <package.json; default: beside the spec, else the nearest above>] [--tag-prefix v]]`;

type Extra = Parameters<typeof parseScriptArgs>[1];

/**
 * The options both scripts take, and the contracts they work on. By default every contract of
 * the registry, read in the git repository the command runs in (a contract whose spec is not
 * in that checkout is skipped, and listed in `skipped`); `--contract NAME` picks some. A
 * contract outside the registry is given by `--spec` (with `--package`, `--tag-prefix`), as
 * in another repository or a test's. Errors name the option that was wrong.
 */
export function gateOptions(argv: string[], extra: Extra = {}) {
  const { values } = parseScriptArgs(argv, {
    base: { type: "string" },
    spec: { type: "string" },
    package: { type: "string" },
    // The contract's release tags: v1.2.3 for the root package, avara-v1.2.3 for avara/.
    "tag-prefix": { type: "string" },
    ...extra,
  });
  const options = values as Record<string, any> & { base?: string; spec?: string; package?: string; "tag-prefix"?: string; contract?: string[]; help: boolean };
  const targets: Target[] = [];
  const skipped: string[] = [];
  if (options.help) return { options, targets, skipped };
  if (options.base !== undefined && (options.base === "" || options.base.startsWith("-"))) throw new UsageError(`--base ${JSON.stringify(options.base)}: not a git ref`);
  const adHoc = options.spec !== undefined || options.package !== undefined || options["tag-prefix"] !== undefined;
  if (adHoc) {
    if (options.contract?.length) throw new UsageError("--contract names a contract of the registry; --spec, --package and --tag-prefix give one outside it: not both");
    const given = options.spec ?? "openapi.yaml";
    const spec = path.resolve(given);
    if (!existsSync(spec)) throw new UsageError(`--spec ${given}: no such file`);
    const packageFile = options.package === undefined ? nearestPackage(spec) : path.resolve(options.package);
    if (!packageFile || !existsSync(packageFile)) throw new UsageError(`--package ${options.package ?? `(none at or above ${path.dirname(given)})`}: no such file`);
    targets.push({ spec, packageFile, tagPrefix: options["tag-prefix"] ?? "v" });
    return { options, targets, skipped };
  }
  const named = Boolean(options.contract?.length);
  const contracts = selectContracts(options.contract);
  const root = git(process.cwd(), ["rev-parse", "--show-toplevel"], { allowFailure: true })?.trim();
  if (!root) throw new UsageError(`${path.resolve(contracts[0]!.spec)} is not inside a git repository; the base is read from git`);
  for (const contract of contracts) {
    const spec = path.join(root, contract.spec);
    if (!existsSync(spec)) {
      if (named) throw new UsageError(`--contract ${contract.name}: no ${contract.spec} in ${root}`);
      skipped.push(`${contract.name} (no ${contract.spec} here)`);
      continue;
    }
    const own = path.join(root, contract.packageFile);
    const packageFile = existsSync(own) ? own : nearestPackage(spec);
    if (!packageFile) throw new UsageError(`--contract ${contract.name}: no package.json at or above ${contract.spec}`);
    targets.push({ spec, packageFile, tagPrefix: contract.tagPrefix, contract });
  }
  return { options, targets, skipped };
}

/** The package.json beside the spec, or else the nearest one above it (a contract in a folder of the package). */
function nearestPackage(spec: string): string | undefined {
  for (let dir = path.dirname(spec); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "package.json");
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function git(cwd: string, args: string[], { allowFailure = false } = {}): string | undefined {
  try {
    return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    if (allowFailure) return undefined;
    const failure = error as { stderr?: unknown; message: string };
    const detail = String(failure.stderr ?? failure.message).trim();
    throw new UsageError(`git ${args.join(" ")} failed: ${detail}`);
  }
}

/** The repository root of a file, and the file's path inside it (forward slashes). */
function locate(file: string) {
  const dir = path.dirname(file);
  const root = git(dir, ["rev-parse", "--show-toplevel"], { allowFailure: true })?.trim();
  if (!root) throw new UsageError(`${file} is not inside a git repository; the base is read from git`);
  return { root, inside: path.relative(root, file).split(path.sep).join("/") };
}

/**
 * The ref to compare with: the one asked for, else the newest `<prefix>*` tag (by version; v*
 * by default), else HEAD. Returns `{ ref, commit, why }`.
 */
export function resolveBase(specFile: string, asked: string | undefined, prefix = "v") {
  const { root } = locate(specFile);
  let ref = asked;
  let why = "asked for with --base";
  if (ref === undefined) {
    // A version follows the prefix: v* must not take avara-v1.0.0, nor avara-v* take v1.0.0.
    const tags = git(root, ["tag", "--list", `${prefix}[0-9]*`, "--sort=-v:refname"])!.split("\n").filter(Boolean);
    ref = tags[0] ?? "HEAD";
    why = tags[0] ? `the newest ${prefix}* tag` : `no ${prefix}* tag exists, so HEAD`;
  }
  const commit = git(root, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], { allowFailure: true })?.trim();
  if (!commit) throw new UsageError(`--base ${ref}: no such commit, tag or branch in ${root}${asked === undefined ? "" : " (fetch tags with fetch-depth: 0?)"}`);
  return { ref, commit, why };
}

/** A file's content at a commit, or undefined when it did not exist there. */
function showAt(root: string, commit: string, inside: string) {
  return git(root, ["show", `${commit}:${inside}`], { allowFailure: true });
}

/**
 * Writes the spec as it was at `commit` into `scratch` (with the files it refers to by
 * relative $ref, so a spec split over files compares too) and returns its path there, or
 * undefined when the spec did not exist at that commit.
 */
export function specAt(specFile: string, commit: string, scratch: string): string | undefined {
  const { root, inside } = locate(specFile);
  const pending = [inside];
  const written = new Set<string>();
  let first: string | undefined;
  while (pending.length) {
    const file = pending.shift()!;
    if (written.has(file)) continue;
    written.add(file);
    const text = showAt(root, commit, file);
    if (text === undefined) {
      if (file === inside) return undefined;
      throw new UsageError(`${inside} at ${commit.slice(0, 12)} refers to ${file}, which is not in that commit`);
    }
    const target = path.join(scratch, "base", ...file.split("/"));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
    first ??= target;
    for (const ref of externalRefs(parse(text))) {
      const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), ref));
      if (!resolved.startsWith("../")) pending.push(resolved);
    }
  }
  return first;
}

function externalRefs(node: any, found = new Set<string>()): Set<string> {
  if (node === null || typeof node !== "object") return found;
  if (typeof node.$ref === "string" && !node.$ref.startsWith("#") && !/^[a-z]+:/i.test(node.$ref)) found.add(node.$ref.split("#")[0]);
  for (const value of Object.values(node)) externalRefs(value, found);
  return found;
}

/** package.json's version at a commit (undefined if the file was not there). */
export function packageVersionAt(packageFile: string, commit: string): string | undefined {
  const { root, inside } = locate(packageFile);
  const text = showAt(root, commit, inside);
  return text === undefined ? undefined : JSON.parse(text).version;
}

export const packageVersion = (packageFile: string): string | undefined => JSON.parse(readFileSync(packageFile, "utf8")).version;
export const specVersion = (specFile: string): string | undefined => parse(readFileSync(specFile, "utf8"))?.info?.version;
