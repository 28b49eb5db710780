// Renders site/index.html (Parchment, the root contract) or site/<folder>/index.html (the
// contract of `--contract <folder>`, such as site/avara/index.html): the bundled spec, with docs/decisions.md and CHANGELOG.md added
// to the guide (info.description) so that each is written once, then Redocly build-docs
// with --inlineBundle: the page embeds its renderer and loads nothing from the internet.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { contractArgs, repoRoot, runTool } from "./tools.mjs";

/** The description with the decisions and the changelog appended as top-level sections. */
export function guideDescription(description, contract = repoRoot) {
  const read = (file) => readFileSync(path.join(contract, file), "utf8").trim();
  // The changelog links to the decisions file in the repository; on the page it is a section,
  // named by the decisions file's title.
  const link = "[docs/decisions.md](docs/decisions.md)";
  const changelog = read("CHANGELOG.md");
  if (!changelog.includes(link)) throw new Error(`build-docs: ${path.relative(repoRoot, path.join(contract, "CHANGELOG.md"))} no longer links ${link}; update scripts/build-docs.mjs`);
  const decisions = read("docs/decisions.md");
  const title = /^# (.+)$/m.exec(decisions)?.[1];
  if (!title) throw new Error("build-docs: docs/decisions.md has no title (# ...) to name its section by");
  const onPage = changelog.replace(link, `the section *${title}* above`);
  return [description.trim(), decisions, onPage].join("\n\n");
}

// Redoc 3 shows a "API docs by Redocly" badge whose image it fetches from Redocly's CDN at
// run time; nothing in the configuration turns that off. The page must make no third-party
// request, so the image is swapped for the same word drawn inline (the attribution stays).
const BADGE = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='64' height='16'%3E%3Ctext x='0' y='12' font-family='system-ui,sans-serif' font-size='12' font-weight='600' fill='%23555'%3ERedocly%3C/text%3E%3C/svg%3E";
const CDN_IMAGES = ["https://cdn.redoc.ly/redoc/logo-mini-full.svg", "https://cdn.redoc.ly/redoc/logo-mini.svg"];

export function localizeAssets(html) {
  for (const url of CDN_IMAGES) {
    if (!html.includes(url)) throw new Error(`build-docs: expected ${url} in Redoc's bundle; check what the page loads now`);
    html = html.replaceAll(url, BADGE);
  }
  return html;
}

/** Where a contract's page goes: site/index.html for the root's, site/<folder>/index.html for another's. */
export function docsFile(contract = repoRoot) {
  const folder = path.relative(repoRoot, contract);
  return path.join(repoRoot, "site", folder, "index.html");
}

export function buildDocs(outFile, { contract = repoRoot } = {}) {
  outFile ??= docsFile(contract);
  const scratch = mkdtempSync(path.join(os.tmpdir(), "contract-docs-"));
  try {
    const bundled = path.join(scratch, "openapi.json");
    runTool("redocly", ["bundle", path.join(contract, "openapi.yaml"), "-o", bundled]);
    const spec = JSON.parse(readFileSync(bundled, "utf8"));
    spec.info.description = guideDescription(spec.info.description, contract);
    writeFileSync(bundled, JSON.stringify(spec));
    mkdirSync(path.dirname(outFile), { recursive: true });
    runTool("redocly", [
      "build-docs",
      bundled,
      "--config",
      path.join(repoRoot, "redocly.yaml"),
      "--inlineBundle",
      "--title",
      spec.info.title,
      "-o",
      outFile,
    ]);
    writeFileSync(outFile, localizeAssets(readFileSync(outFile, "utf8")));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return outFile;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { contract, rest } = contractArgs();
  console.log(`docs written to ${path.relative(process.cwd(), buildDocs(rest[0], { contract }))}`);
}
