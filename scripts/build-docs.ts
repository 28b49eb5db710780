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

export function localizeAssets(html: string): string {
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
    spec.info.description = guideDescription(spec.info.description, entry);
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
