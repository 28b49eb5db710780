// Renders site/index.html from openapi.yaml with Redocly. --inlineBundle embeds the
// renderer, so the page loads nothing from the internet.
import path from "node:path";
import { mkdirSync } from "node:fs";
import { repoRoot, runTool } from "./tools.mjs";

export function buildDocs(outFile = path.join(repoRoot, "site", "index.html")) {
  mkdirSync(path.dirname(outFile), { recursive: true });
  runTool("redocly", [
    "build-docs",
    path.join(repoRoot, "openapi.yaml"),
    "--inlineBundle",
    "--title",
    "Parchment user-management API",
    "-o",
    outFile,
  ]);
  return outFile;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`docs written to ${path.relative(process.cwd(), buildDocs(process.argv[2]))}`);
}
