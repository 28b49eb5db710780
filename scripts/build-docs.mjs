// Renders site/index.html: the bundled spec, with docs/decisions.md and CHANGELOG.md added
// to the guide (info.description) so that each is written once, then Redocly build-docs
// with --inlineBundle: the page embeds its renderer and loads nothing from the internet.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { repoRoot, runTool } from "./tools.mjs";

/** The description with the decisions and the changelog appended as top-level sections. */
export function guideDescription(description) {
  const read = (file) => readFileSync(path.join(repoRoot, file), "utf8").trim();
  // The changelog links to the decisions file in the repository; on the page it is a section.
  const link = "[docs/decisions.md](docs/decisions.md)";
  const changelog = read("CHANGELOG.md");
  if (!changelog.includes(link)) throw new Error(`build-docs: CHANGELOG.md no longer links ${link}; update scripts/build-docs.mjs`);
  const onPage = changelog.replace(link, "the section *Decisions on Parchment's inconsistencies* above");
  return [description.trim(), read("docs/decisions.md"), onPage].join("\n\n");
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

export function buildDocs(outFile = path.join(repoRoot, "site", "index.html")) {
  const scratch = mkdtempSync(path.join(os.tmpdir(), "parchment-docs-"));
  try {
    const bundled = path.join(scratch, "openapi.json");
    runTool("redocly", ["bundle", path.join(repoRoot, "openapi.yaml"), "-o", bundled]);
    const spec = JSON.parse(readFileSync(bundled, "utf8"));
    spec.info.description = guideDescription(spec.info.description);
    writeFileSync(bundled, JSON.stringify(spec));
    mkdirSync(path.dirname(outFile), { recursive: true });
    runTool("redocly", [
      "build-docs",
      bundled,
      "--config",
      path.join(repoRoot, "redocly.yaml"),
      "--inlineBundle",
      "--title",
      "Parchment user-management API",
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
  console.log(`docs written to ${path.relative(process.cwd(), buildDocs(process.argv[2]))}`);
}
