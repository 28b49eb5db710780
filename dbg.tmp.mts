import http from "node:http";
import { createParchmentClient } from "./src/index.ts";
let served = 0;
const mode = process.argv[2];
const server = http.createServer({ maxHeaderSize: 8 << 20 }, (req, res) => { served++; req.resume();
  const lastKey = `${String(served).padStart(6, "0")}${"k"}`;
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ success: true, statusCode: 200, message: "OK", data: { users: [{ user_id: `usr_${served}` }], pagination: { total: 1000000, limit: 100, lastKey } }, timestamp: "2024-01-15T10:30:00.000Z", requestId: "req_ok" }));
}).listen(0, "127.0.0.1", async () => {
  const client = createParchmentClient({ baseUrl: `http://127.0.0.1:${(server.address() as any).port}`, organizationId: "3f6c1b2a-8d4e-4f5a-9b7c-1d2e3f4a5b6c", organizationSecret: "s3cret-value", token: "t0ken-value", retry: false });
  const heap: number[] = [];
  for (let i = 1; i <= 30; i++) {
    const key = mode === "big" ? `${String(i).padStart(6, "0")}${"q".repeat(3 << 20)}` : `k${i}`;
    await client.users.list({ limit: 100, lastKey: key });
    if (i % 10 === 0) { await new Promise((r) => setTimeout(r, 100)); (globalThis as any).gc(); await new Promise((r) => setTimeout(r, 100)); (globalThis as any).gc(); heap.push(process.memoryUsage().heapUsed); }
  }
  console.log(mode, heap.map((h) => Math.round(h / 1e6)));
  server.close(); server.closeAllConnections();
});
