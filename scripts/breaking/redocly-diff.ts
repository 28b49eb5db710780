// ---------------------------------------------------------------- redocly diff
//
// `redocly diff` compares the two dereferenced copies. The gate spawns the command, once per
// comparison. A process that compares many pairs (the breaking-rule tests, ~60 comparisons)
// can call `useRedoclyInProcess()` to run the same diff in-process instead, loading Redocly
// once: @redocly/cli has no public API, but its entry point imports the diff command's handler
// and the config loader from named chunks, found here by reading that entry point. The handler
// is the one `redocly diff` runs, given the config the CLI loads from the same file, so the
// report is the CLI's (test/breaking/components.test.ts compares the two). When the installed
// CLI's layout is not the one expected (another version), the command is spawned after all.
// (For a single comparison in-process is slower: under tsx's loader every one of Redocly's
// modules goes through the loader's hooks.)
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { repoRoot, runTool, toolEnv } from "../tools.js";
import { HTTP_METHODS, operationName } from "./load.js";
import { lookupSegments, pointerSegments, sourcePointer, toPointer } from "./pointer.js";
import type { Change, Json, PreparedSpec } from "./types.js";

/** Every diff rule at its recommended (major) impact; the project's redocly.yaml holds lint rules only. */
const DIFF_CONFIG = "extends:\n  - diff-recommended\n";

type HandleDiff = (options: { argv: Record<string, unknown>; config: unknown; collectSpecData: () => void }) => Promise<void>;
type LoadConfig = (options: { configPath: string }) => Promise<unknown>;
interface InProcess {
  handleDiff: HandleDiff;
  loadConfig: LoadConfig;
}

let inProcessWanted = false;
let inProcess: Promise<InProcess | undefined> | undefined;

/** From now on this process runs redocly diff in-process (`false`: spawns the command again). */
export function useRedoclyInProcess(on = true): void {
  inProcessWanted = on;
}

/** The diff handler and config loader of the installed @redocly/cli, or undefined (then the CLI is spawned). */
export function redoclyInProcess(): Promise<InProcess | undefined> {
  if (!inProcessWanted) return Promise.resolve(undefined);
  inProcess ??= (async () => {
    try {
      const lib = path.join(repoRoot, "node_modules", "@redocly", "cli", "lib");
      const index = readFileSync(path.join(lib, "index.js"), "utf8");
      const diffChunk = /\{handleDiff:\w+\}=await import\("\.\/(chunks\/[\w-]+\.js)"\)/.exec(index)?.[1];
      const loaderLocal = /=await ([\w$]+)\(\{configPath:\w+\.config,customExtends:/.exec(index)?.[1];
      if (!diffChunk || !loaderLocal) return undefined;
      let loader: { chunk: string; name: string } | undefined;
      for (const [, names = "", chunk = ""] of index.matchAll(/import\{([^}]*)\}from"\.\/(chunks\/[\w-]+\.js)"/g)) {
        for (const binding of names.split(",")) {
          const [exported = "", local = exported] = binding.trim().split(" as ");
          if (local === loaderLocal) loader = { chunk, name: exported };
        }
      }
      if (!loader) return undefined;
      const { handleDiff } = await import(pathToFileURL(path.join(lib, diffChunk)).href);
      const loadConfig = (await import(pathToFileURL(path.join(lib, loader.chunk)).href))[loader.name];
      if (typeof handleDiff !== "function" || typeof loadConfig !== "function") return undefined;
      return { handleDiff, loadConfig };
    } catch {
      return undefined;
    }
  })();
  return inProcess;
}

/** Runs `fn` with the process's own output (Redocly's progress lines) held back; returns what was held. */
async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const out = process.stdout.write;
  const err = process.stderr.write;
  const swallow = ((_chunk: unknown, encoding?: unknown, callback?: unknown) => {
    const done = typeof encoding === "function" ? encoding : callback;
    if (typeof done === "function") done();
    return true;
  }) as typeof process.stdout.write;
  process.stdout.write = swallow;
  process.stderr.write = swallow;
  try {
    return await fn();
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

/** Runs `redocly diff` on the two dereferenced bundles and returns its report (json format). */
export async function redoclyDiff(base: PreparedSpec, revision: PreparedSpec, scratch: string): Promise<{ changes?: Json[] } & Record<string, Json>> {
  const config = path.join(scratch, "redocly-diff.yaml");
  writeFileSync(config, DIFF_CONFIG);
  const report = path.join(scratch, "diff.json");
  const redocly = await redoclyInProcess();
  if (redocly) {
    // As the CLI runs it: the same environment, the same options (`--fail-on none`, json, -o).
    const saved = { telemetry: process.env.REDOCLY_TELEMETRY, notice: process.env.REDOCLY_SUPPRESS_UPDATE_NOTICE };
    process.env.REDOCLY_TELEMETRY = toolEnv.REDOCLY_TELEMETRY;
    process.env.REDOCLY_SUPPRESS_UPDATE_NOTICE = toolEnv.REDOCLY_SUPPRESS_UPDATE_NOTICE;
    try {
      await quietly(async () => {
        const loaded = await redocly.loadConfig({ configPath: config });
        await redocly.handleDiff({
          argv: { base: base.dereferencedFile, revision: revision.dereferencedFile, config, format: "json", "fail-on": "none", output: report },
          config: loaded,
          collectSpecData: () => {},
        });
      });
    } catch (error) {
      throw new Error(`redocly diff ${base.dereferencedFile} ${revision.dereferencedFile} failed: ${(error as Error).message}`);
    } finally {
      for (const [name, value] of [["REDOCLY_TELEMETRY", saved.telemetry], ["REDOCLY_SUPPRESS_UPDATE_NOTICE", saved.notice]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  } else {
    runTool("redocly", ["diff", base.dereferencedFile, revision.dereferencedFile, "--config", config, "--format", "json", "--fail-on", "none", "-o", report]);
  }
  return JSON.parse(readFileSync(report, "utf8"));
}

/** Where in an operation a change lies, in words: "request body", "response 200", "parameter limit". */
function placeOf(document: Json, segments: string[]): string {
  const [, , , part, key] = segments;
  if (part === "requestBody") return "request body";
  if (part === "responses") return key === undefined ? "responses" : `response ${key}`;
  if (part === "parameters" || segments[2] === "parameters") {
    const index = segments[2] === "parameters" ? 3 : 4;
    const parameter = lookupSegments(document, segments.slice(0, index + 1));
    return parameter?.name ? `parameter ${parameter.name} (${parameter.in})` : "parameters";
  }
  if (part === "security") return "security";
  return "";
}

const directionOf = (segments: string[]): Change["direction"] => {
  if (segments[2] === "parameters" || segments[3] === "parameters" || segments[3] === "requestBody") return "request";
  if (segments[3] === "responses") return "response";
  return "operation";
};

/**
 * The operations a change outside `paths` affects, in either version. Schemas, parameters
 * and responses in components are judged where the operations reach them (dereferenced), so
 * they name none here; the rest is not inlined by dereferencing:
 * - the top-level `security`: every operation without a `security` of its own;
 * - the top-level `servers`: every operation without `servers` of its own (or its path's);
 * - a security scheme: every operation whose requirements name it;
 * - anything else breaking (webhooks, the schema dialect): every operation. Other changes
 *   there (info, tags) concern no operation.
 */
function operationsAffectedGlobally(segments: string[], change: Json, base: PreparedSpec, revision: PreparedSpec): string[] {
  const names = new Set<string>();
  const each = (select: (operation: Json, item: Json, document: Json) => boolean) => {
    for (const document of [base.dereferenced, revision.dereferenced]) {
      for (const [template, item] of Object.entries<Json>(document.paths ?? {})) {
        for (const method of HTTP_METHODS) {
          const operation = item?.[method];
          if (operation && select(operation, item, document)) names.add(operationName(method, template));
        }
      }
    }
  };
  const [top, kind, name] = segments;
  if (top === "security") each((operation) => operation.security === undefined);
  else if (top === "servers") each((operation, item) => operation.servers === undefined && item.servers === undefined);
  else if (top === "components" && kind === "securitySchemes") {
    each((operation, _item, document) => (operation.security ?? document.security ?? []).some((requirement: Json) => requirement && (name as string) in requirement));
  } else if (top !== "components" && change.impact === "major") each(() => true);
  return [...names];
}

const globalPlace = ([top, kind, name]: string[]) => (top === "components" && kind === "securitySchemes" ? `security scheme ${name}` : (top ?? ""));

/**
 * One change per operation it affects:
 * `{ operation: "GET /path", breaking, direction, place, message, pointer, rule }`.
 */
export function changesFromRedocly(report: { changes?: Json[] }, base: PreparedSpec, revision: PreparedSpec): Change[] {
  const changes: Change[] = [];
  for (const change of report.changes ?? []) {
    const segments = pointerSegments(change.path);
    const global = segments[0] !== "paths";
    const operations = global ? operationsAffectedGlobally(segments, change, base, revision) : [];
    if (!global && segments.length >= 3 && HTTP_METHODS.includes(segments[2]!)) operations.push(operationName(segments[2]!, segments[1]!));
    else if (!global) {
      // A path item (or its shared parameters) changed: every operation under it, in either version.
      const methods = new Set<string>();
      for (const document of [base.dereferenced, revision.dereferenced]) {
        for (const method of HTTP_METHODS) if (document.paths?.[segments[1]!]?.[method]) methods.add(method);
      }
      for (const method of methods) operations.push(operationName(method, segments[1]!));
    }
    // A change no diff rule rates (a constraint relaxed, a description edited) still gets its line.
    const what = `${change.typeName.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase()}${change.property ? ` \`${change.property}\`` : ""} ${change.kind}`;
    const verdicts: Json[] = change.verdicts?.length ? change.verdicts : [{ ruleId: "", impact: change.impact, message: what, location: undefined }];
    for (const verdict of verdicts) {
      // The verdict's location is in whichever file still holds the thing (the base for a removal).
      const inBase = verdict.location?.file ? path.basename(verdict.location.file) === path.basename(base.dereferencedFile) : change.kind === "removed";
      const side = inBase ? base : revision;
      const exact = verdict.location?.pointer ?? (inBase ? change.base?.pointer : change.revision?.pointer);
      const where = exact ? pointerSegments(exact) : segments;
      const documentForPlace = change.kind === "removed" ? base.dereferenced : revision.dereferenced;
      for (const operation of operations) {
        changes.push({
          operation,
          breaking: verdict.impact === "major",
          impact: verdict.impact,
          direction: global ? "operation" : directionOf(segments),
          place: global ? globalPlace(segments) : placeOf(documentForPlace, segments),
          message: verdict.message,
          pointer: sourcePointer(side.source, where),
          side: inBase ? "base" : "revision",
          rule: verdict.ruleId || `redocly:${change.typeName}-${change.kind}`,
          at: toPointer(where),
        });
      }
    }
  }
  return changes;
}
