// `npm run docs:serve -- [--contract NAME]...`: preview the docs pages on http://127.0.0.1:4400
// (PORT to change): each contract's page (every contract of scripts/contracts.ts by default) at
// its place under site/: / for parchment, /avara/ for avara.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { abs, CONTRACT_USAGE, isMain, main, parseScriptArgs, selectContracts } from "./contracts.js";

const USAGE = `usage: npm run docs:serve -- ${CONTRACT_USAGE}`;

/** The URL path of a page under site/: "site/index.html" → "/", "site/avara/index.html" → "/avara/". */
export const pagePath = (docsOut: string) => `/${path.posix.relative("site", path.posix.dirname(docsOut))}/`.replace(/\/+/g, "/");

if (isMain(import.meta.url)) {
  await main("docs:serve", USAGE, () => {
    const { values } = parseScriptArgs(process.argv.slice(2), {});
    if (values.help) return void console.log(USAGE);
    const pages = new Map(selectContracts(values.contract).map((contract) => [pagePath(contract.docsOut), abs(contract.docsOut)]));
    const port = Number(process.env.PORT ?? 4400);
    createServer((request, response) => {
      const url = (request.url ?? "/").split("?")[0]!.replace(/index\.html$/, "");
      const file = pages.get(url) ?? pages.get(`${url}/`);
      if (!file) return void response.writeHead(404).end("not found\n");
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(readFileSync(file));
    }).listen(port, "127.0.0.1", () => {
      for (const page of pages.keys()) console.log(`docs at http://127.0.0.1:${port}${page} (Ctrl+C to stop)`);
    });
  });
}
