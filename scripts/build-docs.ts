// Renders each contract's docs page (`npm run docs -- [--contract NAME]... [--out FILE]`; every
// contract of scripts/contracts.ts by default: site/index.html for parchment, site/avara/index.html
// for avara): the bundled spec, with docs/decisions.md and CHANGELOG.md added to the guide
// (info.description) so that each is written once, then Redocly build-docs with the contract's
// own redocly.yaml (its theme) and --inlineBundle: the page embeds its renderer and loads
// nothing from the internet.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { abs, CONTRACT_USAGE, isMain, main, parseScriptArgs, repoRoot, resolveContract, selectContracts, type Contract } from "./contracts.js";
import { onlyContract } from "./generate.js";
import { runTool } from "./tools.js";

const USAGE = `usage: npm run docs -- ${CONTRACT_USAGE} [--out <file>, with one contract]`;

/** The guide's sections: `# Title` and its text, in order. */
export interface GuideSection {
  title: string;
  text: string;
}

/** The description's intro (before its first `# ` heading) and each of its sections. */
export function splitGuide(markdown: string): { intro: string; sections: GuideSection[] } {
  const [intro = "", ...rest] = markdown.split(/^(?=# )/m);
  const sections = rest.map((chunk) => {
    const [heading = "", ...body] = chunk.split("\n");
    return { title: heading.replace(/^# /, "").trim(), text: body.join("\n").trim() };
  });
  return { intro: intro.trim(), sections };
}

/**
 * The page's layout: the operations first. Redoc shows `info.description` above every tag, so
 * only the guide's intro stays there; the guide's sections, the decisions and the changelog
 * become sections of their own after the operations (tags with `x-traitTag`, which Redoc renders
 * as a text section in the order of `tags`), each in the menu.
 */
export function operationsFirst(spec: { info: { description: string }; tags?: { name: string; description?: string }[] }, contract?: string | Contract) {
  const { intro, sections } = splitGuide(guideDescription(spec.info.description, contract));
  const names = new Set((spec.tags ?? []).map((tag) => tag.name));
  const clash = sections.find((section) => names.has(section.title));
  if (clash) throw new Error(`build-docs: the guide section "${clash.title}" has the name of an operation tag`);
  // Above the operations only the title and info.summary (what the API is); the intro is a section of its own.
  const after = [...(intro ? [{ title: "About this page", text: intro }] : []), ...sections];
  spec.info.description = "";
  spec.tags = [...(spec.tags ?? []), ...after.map((section) => ({ name: section.title, description: section.text, "x-traitTag": true }))];
  return spec;
}

/** The description with the decisions and the changelog appended as top-level sections. */
export function guideDescription(description: string, contract?: string | Contract): string {
  const entry = resolveContract(contract);
  const read = (file: string) => readFileSync(abs(file), "utf8").trim();
  // The changelog links to the decisions file in the repository; on the page it is a section,
  // named by the decisions file's title.
  const link = "[docs/decisions.md](docs/decisions.md)";
  const changelog = read(entry.changelog);
  if (!changelog.includes(link)) throw new Error(`build-docs: ${entry.changelog} no longer links ${link}; update scripts/build-docs.ts`);
  const decisions = read(entry.decisions);
  const title = /^# (.+)$/m.exec(decisions)?.[1];
  if (!title) throw new Error(`build-docs: ${entry.decisions} has no title (# ...) to name its section by`);
  const onPage = changelog.replace(link, `the section *${title}* above`);
  return [description.trim(), decisions, onPage].join("\n\n");
}

// Redoc 3 shows a "API docs by Redocly" badge whose image it fetches from Redocly's CDN at
// run time; nothing in the configuration turns that off. The page must make no third-party
// request, so the image is swapped for the same word drawn inline (the attribution stays).
const BADGE = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='64' height='16'%3E%3Ctext x='0' y='12' font-family='system-ui,sans-serif' font-size='12' font-weight='600' fill='%23555'%3ERedocly%3C/text%3E%3C/svg%3E";
const CDN_IMAGES = ["https://cdn.redoc.ly/redoc/logo-mini-full.svg", "https://cdn.redoc.ly/redoc/logo-mini.svg"];

// Two fixes of Redoc's layout, as a style sheet in the page: a tag's list of operations cuts
// each path to one line, so the three paths under /users/{user_id} read the same
// ("…/users/{u…"); they wrap instead. On a phone, the menu's floating button sat over the text
// at the bottom right; it sits in the page's top-left margin instead and scrolls away with it,
// and the headings are smaller there, so that the first operation shows without scrolling.
export const PAGE_STYLE = `<style data-contract-docs>
a[href^="#/"] > [data-component-name="Button/Button"] { height: auto; white-space: normal; text-align: left; }
a[href^="#/"] > [data-component-name="Button/Button"] span { white-space: normal; overflow: visible; text-overflow: clip; overflow-wrap: anywhere; }
@media (max-width: 600px) {
  h1, h2 { font-size: 26px !important; line-height: 1.25 !important; }
  [data-section-id]:not([data-section-id="/"]) { padding-top: 16px !important; }
}
button[aria-label="Open navigation menu"] { position: absolute !important; top: 4px !important; left: 4px !important; right: auto !important; bottom: auto !important; width: 28px !important; height: 28px !important; }
</style>`;

export function localizeAssets(html: string): string {
  if (!html.includes("</head>")) throw new Error("build-docs: Redoc's page has no </head> to put the page's style in");
  html = html.replace("</head>", `${PAGE_STYLE}</head>`);
  for (const url of CDN_IMAGES) {
    if (!html.includes(url)) throw new Error(`build-docs: expected ${url} in Redoc's bundle; check what the page loads now`);
    html = html.replaceAll(url, BADGE);
  }
  return html;
}

/** Where a contract's page goes (the registry's docsOut): site/index.html for parchment, site/avara/index.html for avara. */
export function docsFile(contract?: string | Contract): string {
  return abs(resolveContract(contract).docsOut);
}

export function buildDocs(outFile?: string, { contract }: { contract?: string | Contract } = {}): string {
  const entry = resolveContract(contract);
  const target = outFile ?? docsFile(entry);
  const scratch = mkdtempSync(path.join(os.tmpdir(), "contract-docs-"));
  try {
    const bundled = path.join(scratch, "openapi.json");
    runTool("redocly", ["bundle", abs(entry.spec), "-o", bundled]);
    const spec = JSON.parse(readFileSync(bundled, "utf8"));
    operationsFirst(spec, entry);
    writeFileSync(bundled, JSON.stringify(spec));
    mkdirSync(path.dirname(target), { recursive: true });
    runTool("redocly", ["build-docs", bundled, "--config", abs(entry.redoclyConfig), "--inlineBundle", "--title", spec.info.title, "-o", target]);
    writeFileSync(target, localizeAssets(readFileSync(target, "utf8")));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return target;
}

if (isMain(import.meta.url)) {
  await main("docs", USAGE, () => {
    const { values } = parseScriptArgs(process.argv.slice(2), { out: { type: "string" } });
    if (values.help) return void console.log(USAGE);
    const contracts = selectContracts(values.contract);
    if (values.out !== undefined) onlyContract(contracts, "--out");
    for (const contract of contracts) {
      const written = buildDocs(values.out && path.resolve(values.out), { contract });
      console.log(`docs written to ${path.relative(process.cwd(), written) || path.relative(repoRoot, written)}`);
    }
  });
}
