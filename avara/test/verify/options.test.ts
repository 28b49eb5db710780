// Avara's verify refuses options it cannot honour before sending anything, as Parchment's does
// (one check in contract-kit/verify): each a TypeError naming the option, never its value.
import { afterEach, describe, expect, it } from "vitest";
import { MAX_TIMER_MS } from "contract-kit/http";
import { closeAllServers, everyView, startServer } from "contract-kit/test-support";
import { verify } from "../../src/verify/verify.js";

afterEach(closeAllServers);

const USER = "usr_1234567890abcdef1234567890abcdef";

describe("verify's options", () => {
  it.each([
    ["timeoutMs", 3e9],
    ["timeoutMs", 0],
    ["maxRetryAfterMs", MAX_TIMER_MS + 1],
    ["maxRetryAfterMs", -1],
  ])("refuses %s = %d, naming it, before any request", async (name, value) => {
    const server = await startServer((_request, response) => response.writeHead(500).end());
    await expect(verify({ baseUrl: server.url, apiKey: "sk_live_options_0123456789", userId: USER, [name]: value })).rejects.toThrow(
      new TypeError(`${name} must be a positive number no larger than ${MAX_TIMER_MS}`),
    );
    expect(server.requests).toEqual([]);
  });

  it("refuses an API key that cannot be sent in a header, and an empty user id, without echoing either", async () => {
    const server = await startServer((_request, response) => response.writeHead(500).end());
    const apiKey = "sk_live_with\r\nnewline_0123";
    await expect(verify({ baseUrl: server.url, apiKey, userId: USER })).rejects.toThrow(
      new TypeError("apiKey must be a string without control characters or surrounding spaces (it is sent in a header)"),
    );
    await expect(verify({ baseUrl: server.url, apiKey: "sk_live_options_0123456789", userId: " " })).rejects.toThrow(new TypeError("userId must be a non-empty string"));
    expect(server.requests).toEqual([]);
  });

  it("refuses an API key longer than a header can carry (16384 characters) by its length, without echoing it", async () => {
    const server = await startServer((_request, response) => response.writeHead(500).end());
    const error = await verify({ baseUrl: server.url, apiKey: `sk_live_${"0123456789abcdef".repeat(1100)}`.slice(0, 16_385), userId: USER }).catch((thrown: Error) => thrown);
    expect(error).toEqual(new TypeError("apiKey must be at most 16384 characters (it is sent in a header)"));
    expect(everyView(error)).not.toContain("0123456789ab");
    expect(server.requests).toEqual([]);
  });
});
