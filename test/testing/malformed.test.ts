// Requests Node refuses before the reference server's routes see them still get a problem
// envelope, not a bare status without a body.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReferenceServer, type ReferenceServer } from "../../src/testing/index.js";

let server: ReferenceServer;
beforeAll(async () => {
  server = await startReferenceServer();
});
afterAll(() => server.close());

/** Sends raw bytes and returns everything the server answers before it closes (bounded: 5 s). */
function rawExchange(request: string): Promise<string> {
  const { port, hostname } = new URL(server.baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.end(request));
    let answer = "";
    socket.setTimeout(5000, () => socket.destroy(new Error("no answer within 5 s")));
    socket.on("data", (chunk: Buffer) => (answer += chunk));
    socket.on("close", () => resolve(answer));
    socket.on("error", reject);
  });
}

describe("malformed requests", () => {
  it("a path over 16 kB gets a 431 with the problem envelope", async () => {
    const response = await fetch(`${server.baseUrl}/v1/organizations/${server.organizationId}/users/${"a".repeat(17_000)}`);
    expect(response.status).toBe(431);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.json()).toMatchObject({ success: false, statusCode: 431, error: { title: "Request Header Fields Too Large" } });
  });

  it("a request that is not HTTP gets a 400 with the problem envelope", async () => {
    const answer = await rawExchange("NOT HTTP AT ALL\r\n\r\n");
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4))).toMatchObject({ success: false, error: { detail: "The request is not valid HTTP" } });
  });
});
