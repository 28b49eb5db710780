// The size-capped body reader, against a real server on 127.0.0.1.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { BodyTooLargeError, readBody } from "contract-kit/http";

const readBodyText = async (response: Response, maxBytes: number) => new TextDecoder().decode(await readBody(response, maxBytes));

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? (server.closeAllConnections(), server.close(() => resolve())) : resolve())));

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

describe("readBody", () => {
  it("reads a body whole, multi-byte characters split across chunks included", async () => {
    const url = await serve((_, res) => {
      const bytes = Buffer.from("café ✓ done");
      res.write(bytes.subarray(0, 4));
      res.write(bytes.subarray(4, 9));
      res.end(bytes.subarray(9));
    });
    expect(await readBodyText(await fetch(url), 100)).toBe("café ✓ done");
  });

  it("stops at the cap on a body without Content-Length and closes the connection", async () => {
    let closed = false;
    let sent = 0;
    const url = await serve((req, res) => {
      res.on("close", () => (closed = true));
      const chunk = Buffer.alloc(64 * 1024, 120);
      const pump = () => {
        // Bounded: never more than 64 MB, and stops as soon as the client lets go.
        while (!closed && sent < 64 * 1024 * 1024 && res.write(chunk)) sent += chunk.length;
        if (!closed && sent < 64 * 1024 * 1024) res.once("drain", pump);
        else res.end();
      };
      pump();
    });
    await expect(readBodyText(await fetch(url), 1024 * 1024)).rejects.toBeInstanceOf(BodyTooLargeError);
    await expect.poll(() => closed, { timeout: 5000 }).toBe(true);
    expect(sent).toBeLessThan(16 * 1024 * 1024);
  });

  it("refuses a declared Content-Length over the cap before reading", async () => {
    const url = await serve((_, res) => {
      res.writeHead(200, { "content-length": String(200 * 1024 * 1024) });
      res.write("x");
    });
    const error = await readBodyText(await fetch(url), 1000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BodyTooLargeError);
    expect((error as Error).message).toBe("body larger than 1000 bytes");
  });

  it("counts a compressed body as it inflates: a gzip bomb with an honest Content-Length stops at the cap", async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024)); // about 64 KB on the wire
    const url = await serve((_, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip", "content-length": String(bomb.length) });
      res.end(bomb);
    });
    const before = process.memoryUsage().rss;
    await expect(readBodyText(await fetch(url), 1024 * 1024)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(process.memoryUsage().rss - before).toBeLessThan(48 * 1024 * 1024);
  });

  it("reads an honest compressed body whole", async () => {
    const url = await serve((_, res) => {
      const body = gzipSync(Buffer.from('{"ok":true}'));
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip", "content-length": String(body.length) });
      res.end(body);
    });
    expect(await readBodyText(await fetch(url), 100)).toBe('{"ok":true}');
  });

  it("rejects with the signal's reason when the deadline passes mid-body (a dripping server)", async () => {
    const url = await serve((_, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const timer = setInterval(() => res.write(" "), 20);
      res.on("close", () => clearInterval(timer));
    });
    const response = await fetch(url, { signal: AbortSignal.timeout(200) });
    const error = await readBodyText(response, 1_000_000).catch((e: unknown) => e);
    expect((error as Error).name).toBe("TimeoutError");
  });
});
