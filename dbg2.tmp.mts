import http from "node:http";
import createClient from "openapi-fetch";
const mode = process.argv[2];
const server = http.createServer({ maxHeaderSize: 8 << 20 }, (req, res) => { req.resume(); res.writeHead(200, { "content-type": "application/json" }).end("{}"); }).listen(0, "127.0.0.1", async () => {
  const base = `http://127.0.0.1:${(server.address() as any).port}`;
  const of = createClient<any>({ baseUrl: base });
  const heap: number[] = [];
  for (let i = 1; i <= 30; i++) {
    const key = `${String(i).padStart(6, "0")}${"q".repeat(3 << 20)}`;
    if (mode === "fetch") await (await fetch(`${base}/x?lastKey=${key}`)).text();
    else if (mode === "request") await (await fetch(new Request(`${base}/x?lastKey=${key}`))).text();
    else await of.GET("/x", { params: { query: { lastKey: key } }, parseAs: "text" });
    if (i % 10 === 0) { await new Promise((r) => setTimeout(r, 100)); (globalThis as any).gc(); await new Promise((r) => setTimeout(r, 100)); (globalThis as any).gc(); heap.push(process.memoryUsage().heapUsed); }
  }
  console.log(mode, heap.map((h) => Math.round(h / 1e6)));
  server.close(); server.closeAllConnections();
});
