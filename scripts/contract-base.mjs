// The contract as it was at a git ref: which ref (the newest v* tag, else HEAD), and the spec
// and package.json read from it. Shared by scripts/check-breaking.mjs and scripts/changelog.mjs.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { parse } from "yaml";

/** The options both scripts take; errors name the option that was wrong. */
export function contractOptions(argv, extra = {}) {
  const { values } = parseArgs({
    args: argv,
    options: {
      base: { type: "string" },
      spec: { type: "string", default: "openapi.yaml" },
      package: { type: "string" },
      // The contract's release tags: v1.2.3 for the root package, avara-v1.2.3 for avara/.
      "tag-prefix": { type: "string", default: "v" },
      help: { type: "boolean", default: false },
      ...extra,
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return { ...values, spec: path.resolve(values.spec), packageFile: "" };
  const spec = path.resolve(values.spec);
  if (!existsSync(spec)) throw new UsageError(`--spec ${values.spec}: no such file`);
  const packageFile = values.package === undefined ? nearestPackage(spec) : path.resolve(values.package);
  if (!packageFile || !existsSync(packageFile)) throw new UsageError(`--package ${values.package ?? `(none at or above ${path.dirname(values.spec)})`}: no such file`);
  if (values.base !== undefined && (values.base === "" || values.base.startsWith("-"))) throw new UsageError(`--base ${JSON.stringify(values.base)}: not a git ref`);
  return { ...values, spec, packageFile };
}

export class UsageError extends Error {}

/** The package.json beside the spec, or else the nearest one above it (a contract in a folder of the package). */
function nearestPackage(spec) {
  for (let dir = path.dirname(spec); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "package.json");
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function git(cwd, args, { allowFailure = false } = {}) {
  try {
    return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    if (allowFailure) return undefined;
    const detail = String(error.stderr ?? error.message).trim();
    throw new UsageError(`git ${args.join(" ")} failed: ${detail}`);
  }
}

/** The repository root of a file, and the file's path inside it (forward slashes). */
function locate(file) {
  const dir = path.dirname(file);
  const root = git(dir, ["rev-parse", "--show-toplevel"], { allowFailure: true })?.trim();
  if (!root) throw new UsageError(`${file} is not inside a git repository; the base is read from git`);
  return { root, inside: path.relative(root, file).split(path.sep).join("/") };
}

/**
 * The ref to compare with: the one asked for, else the newest `<prefix>*` tag (by version; v*
 * by default), else HEAD. Returns `{ ref, commit, why }`.
 */
export function resolveBase(specFile, asked, prefix = "v") {
  const { root } = locate(specFile);
  let ref = asked;
  let why = "asked for with --base";
  if (ref === undefined) {
    // A version follows the prefix: v* must not take avara-v1.0.0, nor avara-v* take v1.0.0.
    const tags = git(root, ["tag", "--list", `${prefix}[0-9]*`, "--sort=-v:refname"]).split("\n").filter(Boolean);
    ref = tags[0] ?? "HEAD";
    why = tags[0] ? `the newest ${prefix}* tag` : `no ${prefix}* tag exists, so HEAD`;
  }
  const commit = git(root, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], { allowFailure: true })?.trim();
  if (!commit) throw new UsageError(`--base ${ref}: no such commit, tag or branch in ${root}${asked === undefined ? "" : " (fetch tags with fetch-depth: 0?)"}`);
  return { ref, commit, why };
}

/** A file's content at a commit, or undefined when it did not exist there. */
function showAt(root, commit, inside) {
  return git(root, ["show", `${commit}:${inside}`], { allowFailure: true });
}

/**
 * Writes the spec as it was at `commit` into `scratch` (with the files it refers to by
 * relative $ref, so a spec split over files compares too) and returns its path there, or
 * undefined when the spec did not exist at that commit.
 */
export function specAt(specFile, commit, scratch) {
  const { root, inside } = locate(specFile);
  const pending = [inside];
  const written = new Set();
  let first;
  while (pending.length) {
    const file = pending.shift();
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

function externalRefs(node, found = new Set()) {
  if (node === null || typeof node !== "object") return found;
  if (typeof node.$ref === "string" && !node.$ref.startsWith("#") && !/^[a-z]+:/i.test(node.$ref)) found.add(node.$ref.split("#")[0]);
  for (const value of Object.values(node)) externalRefs(value, found);
  return found;
}

/** package.json's version at a commit (undefined if the file was not there). */
export function packageVersionAt(packageFile, commit) {
  const { root, inside } = locate(packageFile);
  const text = showAt(root, commit, inside);
  return text === undefined ? undefined : JSON.parse(text).version;
}

export const packageVersion = (packageFile) => JSON.parse(readFileSync(packageFile, "utf8")).version;
export const specVersion = (specFile) => parse(readFileSync(specFile, "utf8"))?.info?.version;
