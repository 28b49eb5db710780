// npm run docs:serve: preview site/index.html on http://127.0.0.1:4400 (PORT to change).
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { repoRoot } from "./tools.mjs";

const file = path.join(repoRoot, "site", "index.html");
const port = Number(process.env.PORT ?? 4400);
createServer((request, response) => {
  if (request.url !== "/" && request.url !== "/index.html") return response.writeHead(404).end("not found\n");
  response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(readFileSync(file));
}).listen(port, "127.0.0.1", () => console.log(`docs at http://127.0.0.1:${port}/ (Ctrl+C to stop)`));
