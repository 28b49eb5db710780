// Drafts the next CHANGELOG.md entry from the same comparison as the gate:
// `npm run changelog -- [--contract NAME]... [--base <ref>] [--write]` (every contract of
// scripts/contracts.ts by default; `--spec`, `--package`, `--tag-prefix` for one outside it).
// Breaking changes first, each line naming its `METHOD /path`. The version is package.json's
// when it has moved past the base, else the one these changes need. Prints the entry; with
// --write, puts it above the newest entry of the CHANGELOG.md beside the spec, for editing.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { changelogEntry, compareSpecs, compareVersions, nextVersion, type Change } from "./breaking/index.js";
import { gateOptions, packageVersion, packageVersionAt, resolveBase, specAt, TARGET_USAGE, UsageError, type Target } from "./contract-base.js";
import { isMain, main } from "./contracts.js";

const USAGE = `usage: npm run changelog -- [--base <git ref>] [--write] ${TARGET_USAGE}`;

/** The drafted entry of one contract and the version it is for. */
export async function draftChangelog(target: Target, asked?: string): Promise<{ text: string; version: string; changes: Change[] }> {
  const base = resolveBase(target.spec, asked, target.tagPrefix);
  const scratch = mkdtempSync(path.join(os.tmpdir(), "parchment-changelog-"));
  try {
    const baseSpec = specAt(target.spec, base.commit, scratch);
    const { changes } = baseSpec ? await compareSpecs(baseSpec, target.spec) : { changes: [] };
    const before = packageVersionAt(target.packageFile, base.commit);
    const now = packageVersion(target.packageFile);
    if (now === undefined) throw new UsageError(`${target.packageFile} has no version`);
    let version = now;
    if (before !== undefined && compareVersions(now, before) <= 0) version = nextVersion(before, changes);
    const note = `<!-- drafted by npm run changelog against ${base.ref} (${base.commit.slice(0, 12)}); edit before release -->`;
    return { text: `${changelogEntry(version, changes)}${note}\n`, version, changes };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Puts an entry above the newest one ("## ...") of a changelog; refuses a version already there. */
export function insertEntry(changelog: string, entry: string, version: string): string {
  if (new RegExp(`^## ${version.replaceAll(".", "\\.")}\\b`, "m").test(changelog)) throw new UsageError(`CHANGELOG.md already has an entry for ${version}`);
  const at = changelog.search(/^## /m);
  if (at < 0) return `${changelog.trimEnd()}\n\n${entry}`;
  return `${changelog.slice(0, at)}${entry}\n${changelog.slice(at)}`;
}

export async function changelog(argv: string[]): Promise<number> {
  const { options, targets, skipped } = gateOptions(argv, { write: { type: "boolean", default: false } });
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  for (const target of targets) {
    const { text, version } = await draftChangelog(target, options.base);
    const file = path.join(path.dirname(target.spec), "CHANGELOG.md");
    if (options.write) {
      writeFileSync(file, insertEntry(readFileSync(file, "utf8"), text, version));
      console.log(`${path.relative(process.cwd(), file)}: drafted the ${version} entry`);
    } else {
      if (targets.length > 1) process.stdout.write(`<!-- ${target.contract?.name ?? target.spec}: for ${path.relative(process.cwd(), file)} -->\n`);
      process.stdout.write(text);
    }
  }
  for (const note of skipped) console.error(`changelog: skipped ${note}`);
  return 0;
}

if (isMain(import.meta.url)) await main("changelog", USAGE, () => changelog(process.argv.slice(2)), 2);
