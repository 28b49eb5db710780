// ---------------------------------------------------------------- together
//
// The rules of the breaking-change gate (scripts/check-breaking.ts) and of the changelog draft
// (scripts/changelog.ts): `redocly diff` does the comparing on copies in which every operation
// has its own copy of every schema it reaches (load.ts), and our rules (rules.ts) add what it lacks.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { prepareSpec } from "./load.js";
import { pointerSegments } from "./pointer.js";
import { changesFromRedocly, redoclyDiff } from "./redocly-diff.js";
import { dependentRequiredChanges, everyReach } from "./rules.js";
import type { Change, PreparedSpec } from "./types.js";

/**
 * Compares two specs (file paths, or specs from prepareSpec named "base" and "revision");
 * returns every change, breaking first, each naming one operation.
 */
export async function compareSpecs(baseSpec: string | PreparedSpec, revisionSpec: string | PreparedSpec): Promise<{ baseVersion?: string; revisionVersion?: string; changes: Change[] }> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), "parchment-breaking-"));
  try {
    // Distinct names, so that a verdict's location says which side it is in.
    const base = typeof baseSpec === "string" ? prepareSpec(baseSpec, scratch, "base") : baseSpec;
    const revision = typeof revisionSpec === "string" ? prepareSpec(revisionSpec, scratch, "revision") : revisionSpec;
    if (path.basename(base.dereferencedFile) === path.basename(revision.dereferencedFile)) throw new Error("compareSpecs: prepare the two specs under different names");
    const report = await redoclyDiff(base, revision, scratch);
    const ours = dependentRequiredChanges(base, revision);
    // dependentRequired is judged by our rule alone: redocly rates a new entry a patch.
    const theirs = changesFromRedocly(report, base, revision).filter((change) => !atDependentRequired(change.at));
    const all = [...theirs, ...ours];
    all.push(...everyReach(all, base, revision));
    return {
      baseVersion: base.source.info?.version,
      revisionVersion: revision.source.info?.version,
      changes: sortChanges(dedupe(all)),
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Whether an operation-rooted pointer lies at a dependentRequired keyword (not a property so named). */
function atDependentRequired(pointer: string) {
  const segments = pointerSegments(pointer);
  return segments.some((segment, index) => segment === "dependentRequired" && segments[index - 1] !== "properties" && index >= segments.length - 2);
}

function dedupe(changes: Change[]) {
  const seen = new Set<string>();
  return changes.filter((change) => {
    // A component reached twice by one operation (two fields of the same response) is one
    // change there: one line, whatever context each copy's message names. Unrated changes
    // at one spot stay apart by what changed.
    const what = change.rule.startsWith("redocly:") ? change.message : change.rule;
    const key = `${change.operation}\u0000${change.breaking}\u0000${change.place}\u0000${change.pointer}\u0000${what}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const pathOf = (operation: string) => operation.slice(operation.indexOf(" ") + 1);
export function sortChanges(changes: Change[]): Change[] {
  return [...changes].sort(
    (a, b) => Number(b.breaking) - Number(a.breaking) || pathOf(a.operation).localeCompare(pathOf(b.operation)) || a.operation.localeCompare(b.operation) || a.pointer.localeCompare(b.pointer) || a.message.localeCompare(b.message),
  );
}

/** One line: `METHOD /path`, what changed, the JSON pointer. */
export function formatChange(change: Change): string {
  const where = change.place ? `${change.place}: ` : "";
  return `${change.breaking ? "BREAKING  " : "compatible"} ${change.operation}  ${where}${change.message}  ${change.pointer}`;
}
