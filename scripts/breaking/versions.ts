// ---------------------------------------------------------------- versions
import type { Change } from "./types.js";

/** "1.2.3" → [1, 2, 3]; anything else is an error naming the value. */
export function parseVersion(version: unknown, what = "version"): [number, number, number] {
  const match = /^(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(String(version ?? ""));
  if (!match) throw new Error(`${what} is not a semantic version: ${JSON.stringify(version)}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** Orders two versions by major, minor, patch: negative, 0 or positive. */
export function compareVersions(a: string, b: string): number {
  const [x, y] = [parseVersion(a), parseVersion(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
}

/**
 * Whether `next` is a version that may carry breaking changes over `base`: a new major
 * version, or before 1.0.0 a new minor one (0.1.x → 0.2.0, or 1.0.0).
 */
export function isBreakingBump(base: string, next: string): boolean {
  const [bMajor, bMinor] = parseVersion(base, "the base version");
  const [nMajor, nMinor] = parseVersion(next, "the new version");
  if (nMajor !== bMajor) return nMajor > bMajor;
  return bMajor === 0 && nMinor > bMinor;
}

/** The version the next release needs for these changes. */
export function nextVersion(base: string, changes: Pick<Change, "breaking" | "impact">[]): string {
  const [major, minor, patch] = parseVersion(base, "the base version");
  const breaking = changes.some((change) => change.breaking);
  const features = changes.some((change) => !change.breaking && change.impact === "minor");
  if (breaking) return major === 0 ? `0.${minor + 1}.0` : `${major + 1}.0.0`;
  if (features) return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

/** The CHANGELOG.md entry for these changes: breaking first, each line naming its `METHOD /path`s. */
export function changelogEntry(version: string, changes: Change[], { date }: { date?: string } = {}): string {
  const group = (list: Change[]) => {
    const lines = new Map<string, string[]>();
    for (const change of list) {
      const text = `${change.place ? `${change.place}: ` : ""}${change.message} (\`${change.pointer}\`)`;
      if (!lines.has(text)) lines.set(text, []);
      if (!lines.get(text)!.includes(change.operation)) lines.get(text)!.push(change.operation);
    }
    return [...lines].map(([text, operations]) => `- ${operations.map((operation) => `\`${operation}\``).join(", ")}: ${text}`);
  };
  const breaking = changes.filter((change) => change.breaking);
  const compatible = changes.filter((change) => !change.breaking);
  const out = [`## ${version}${date ? ` (${date})` : ""}`, ""];
  if (breaking.length) out.push("### Breaking", "", ...group(breaking), "");
  if (compatible.length) out.push("### Compatible", "", ...group(compatible), "");
  if (!changes.length) out.push("No change to the contract.", "");
  return out.join("\n");
}
