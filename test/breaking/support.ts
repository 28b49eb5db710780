// Spec variants for the breaking-change tests: the contract at 0.1.0 (fixtures/contract.yaml,
// frozen so that these tests do not move when openapi.yaml does), or an edit of it, as the
// base, an edit of it as the revision, compared by the gate's own compareSpecs.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { compareSpecs, prepareSpec, readYamlOrJson, useRedoclyInProcess, type Change, type PreparedSpec } from "contract-pipeline/breaking/index";
import { repoRoot } from "contract-pipeline/tools";

export type Spec = Record<string, any>;
export type Edit = (spec: Spec) => void;

export const USERS = "/v1/organizations/{organization_id}/users";
export const USER = "/v1/organizations/{organization_id}/users/{user_id}";
export const ROLES = "/v1/organizations/{organization_id}/users/{user_id}/roles";
export const TOKEN = "/v1/token";
export const FIXTURE = path.join(repoRoot, "test", "breaking", "fixtures", "contract.yaml");

// Many comparisons in one process: redocly diff runs in it (loaded once) rather than as a
// command per comparison; components.test.ts checks that its report is the command's.
useRedoclyInProcess();

/** A comparer for one test file: a scratch folder (removed afterwards) and the fixture as base. */
export function variants() {
  const scratch = mkdtempSync(path.join(os.tmpdir(), "parchment-breaking-test-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const original = readYamlOrJson(FIXTURE) as Spec;
  let count = 0;
  let plainBase: PreparedSpec | undefined;

  const prepare = (edit: Edit | undefined, name: "base" | "revision"): PreparedSpec => {
    const dir = path.join(scratch, String(++count));
    mkdirSync(dir);
    const spec = structuredClone(original);
    edit?.(spec);
    const file = path.join(dir, `${name}-spec.json`);
    writeFileSync(file, JSON.stringify(spec));
    return prepareSpec(file, dir, name);
  };

  /** The changes from the base (the real spec, or it with `baseEdit`) to the spec with `edit`. */
  async function compare(edit: Edit, baseEdit?: Edit): Promise<Change[]> {
    const base = baseEdit ? prepare(baseEdit, "base") : (plainBase ??= prepare(undefined, "base"));
    return (await compareSpecs(base, prepare(edit, "revision"))).changes;
  }
  return { compare, original };
}

export const breakingOf = (changes: Change[]) => changes.filter((change) => change.breaking);
/** The operations named by the breaking changes, sorted. */
export const breakingOperations = (changes: Change[]) => [...new Set(breakingOf(changes).map((change) => change.operation))].sort();
