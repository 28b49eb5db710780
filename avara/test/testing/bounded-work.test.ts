// Avara's reference server bounds the work of each request, as Parchment's does
// (test/testing/lifecycle.test.ts): every hostile body below the body cap is answered within
// 100 ms of its last byte, on a real socket, so one request cannot hold the event loop.
import { describe, expect, it } from "vitest";
import { closedAfterEach, fastestAnswer } from "contract-kit/test-support";
import { startReferenceServer, type ReferenceServer } from "../../src/testing/index.js";

const start = closedAfterEach(() => startReferenceServer());

const patch = (server: ReferenceServer, body: string) =>
  `PATCH /v1/autoScribe/users/${server.userId} HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\nauthorization: Bearer ${server.apiKey}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

const distinctObjects = (items: number, keys: number) =>
  Array.from({ length: items }, (_, item) => Object.fromEntries(Array.from({ length: keys }, (_, key) => [`k${key}`, key === keys - 1 ? item : 0])));

/** Each a PATCH body's text and whether the contract refuses it (a 4xx) or not (any answer, in time). */
const HOSTILE: Record<string, [body: string, refused: boolean]> = {
  "30,000 unknown keys": [JSON.stringify(Object.fromEntries(Array.from({ length: 30_000 }, (_, i) => [`k${i}`, i]))), true],
  "1,000 distinct objects of 101 keys as clinicRole": [JSON.stringify({ clinicRole: distinctObjects(1000, 101) }), true],
  "an array nested 20,000 deep as firstName": [`{"firstName":${"[".repeat(20_000)}${"]".repeat(20_000)}}`, true],
  "a 900 kB npiNumber": [JSON.stringify({ npiNumber: "1".repeat(900_000) }), true],
  "a 900 kB phoneNumber": [JSON.stringify({ phoneNumber: `+1${"5".repeat(900_000)}` }), true],
  // Avara documents no longest name: a long one may be taken, but not slowly.
  "a 900 kB firstName": [JSON.stringify({ firstName: "x".repeat(900_000) }), false],
};

describe("the work per request is bounded", () => {
  it.each(Object.keys(HOSTILE))("%s is answered within 100 ms of its last byte", async (name) => {
    const server = await start();
    const [body, refused] = HOSTILE[name]!;
    const { ms, statuses } = await fastestAnswer(server.baseUrl, patch(server, body));
    if (refused) for (const status of statuses) expect(status >= 400 && status < 500, `status ${status}`).toBe(true);
    expect(ms).toBeLessThan(100);
  });
});
