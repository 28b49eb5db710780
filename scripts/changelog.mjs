// Drafts the next CHANGELOG.md entry from the same comparison as the gate:
// `npm run changelog -- [--base <ref>] [--spec openapi.yaml] [--package ...] [--write]`.
// Breaking changes first, each line naming its `METHOD /path`. The version is package.json's
// when it has moved past the base, else the one these changes need. Prints the entry; with
// --write, puts it above the newest entry of the CHANGELOG.md beside the spec, for editing.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { changelogEntry, compareSpecs, nextVersion, parseVersion } from "./breaking.mjs";
import { contractOptions, packageVersion, packageVersionAt, resolveBase, specAt, UsageError } from "./contract-base.mjs";

const USAGE = "usage: npm run changelog -- [--base <git ref>] [--spec openapi.yaml] [--package <package.json; default: beside the spec, else the nearest above>] [--tag-prefix v] [--write]";

/** The drafted entry and the version it is for. */
export function draftChangelog(argv) {
  const options = contractOptions(argv, { write: { type: "boolean", default: false } });
  if (options.help) return { text: `${USAGE}\n`, options };
  const base = resolveBase(options.spec, options.base, options["tag-prefix"]);
  const scratch = mkdtempSync(path.join(os.tmpdir(), "parchment-changelog-"));
  try {
    const baseSpec = specAt(options.spec, base.commit, scratch);
    const { changes } = baseSpec ? compareSpecs(baseSpec, options.spec) : { changes: [] };
    const before = packageVersionAt(options.packageFile, base.commit);
    const now = packageVersion(options.packageFile);
    let version = now;
    if (before !== undefined && compareVersions(now, before) <= 0) version = nextVersion(before, changes);
    const note = `<!-- drafted by npm run changelog against ${base.ref} (${base.commit.slice(0, 12)}); edit before release -->`;
    return { text: `${changelogEntry(version, changes)}${note}\n`, version, options, changes };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function compareVersions(a, b) {
  const [x, y] = [parseVersion(a), parseVersion(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

/** Puts an entry above the newest one ("## ...") of a changelog; refuses a version already there. */
export function insertEntry(changelog, entry, version) {
  if (new RegExp(`^## ${version.replaceAll(".", "\\.")}\\b`, "m").test(changelog)) throw new UsageError(`CHANGELOG.md already has an entry for ${version}`);
  const at = changelog.search(/^## /m);
  if (at < 0) return `${changelog.trimEnd()}\n\n${entry}`;
  return `${changelog.slice(0, at)}${entry}\n${changelog.slice(at)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const { text, version, options } = draftChangelog(process.argv.slice(2));
    if (options.write && version) {
      const file = path.join(path.dirname(options.spec), "CHANGELOG.md");
      writeFileSync(file, insertEntry(readFileSync(file, "utf8"), text, version));
      console.log(`${path.relative(process.cwd(), file)}: drafted the ${version} entry`);
    } else process.stdout.write(text);
  } catch (error) {
    const usage = error instanceof UsageError || error?.code?.startsWith?.("ERR_PARSE_ARGS");
    console.error(`changelog: ${error.message}${usage ? `\n${USAGE}` : ""}`);
    process.exitCode = 2;
  }
}
