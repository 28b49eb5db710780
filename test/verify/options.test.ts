// verify refuses options it cannot honour before sending anything, each a TypeError naming the
// option and never its value: a timer-taking option Node's timer would cut to 1 ms (0, or past
// 2^31-1 ms: every probe then "timed out"), a size cap that is not positive, a credential that
// cannot be sent in a header. The server is a real socket that counts what it receives.
import { afterEach, describe, expect, it } from "vitest";
import { MAX_TIMER_MS } from "contract-kit/http";
import { closeAllServers, everyView, startServer } from "contract-kit/test-support";
import { verify, type VerifyOptions } from "../../src/verify/verify.js";
import { startServer as startReference } from "../support/broken-servers.js";

afterEach(closeAllServers);

const ORG = "3f6c1b2a-8d4e-4f5a-9b7c-1d2e3f4a5b6c";
const TOKEN = "tok_options_test_0123456789";

describe("verify's options", () => {
  it.each([
    ["timeoutMs", 3e9],
    ["timeoutMs", 0],
    ["timeoutMs", Number.NaN],
    ["maxRetryAfterMs", 3e9],
    ["maxRetryAfterMs", 0],
    ["maxBodyBytes", 0],
    ["maxBodyBytes", Number.POSITIVE_INFINITY],
  ])("refuses %s = %d, naming it, before any request", async (name, value) => {
    const server = await startServer((_request, response) => response.writeHead(500).end());
    const options: VerifyOptions = { baseUrl: server.url, organizationId: ORG, organizationSecret: "os_options_test_secret", token: TOKEN, [name]: value };
    await expect(verify(options)).rejects.toThrow(new TypeError(`${name} must be a positive number no larger than ${name === "maxBodyBytes" ? Number.MAX_SAFE_INTEGER : MAX_TIMER_MS}`));
    expect(server.requests).toEqual([]);
  });

  it("refuses a token that cannot be sent in a header, without echoing it", async () => {
    const server = await startServer((_request, response) => response.writeHead(500).end());
    const token = "tok_with\nnewline_0123456789";
    const error = await verify({ baseUrl: server.url, organizationId: ORG, organizationSecret: "os_options_test_secret", token }).catch((thrown: Error) => thrown);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe("token must be a string without control characters or surrounding spaces (it is sent in a header)");
    expect(server.requests).toEqual([]);
  });

  it.each(["token", "organizationSecret", "partnerSecret"])("refuses %s longer than a header can carry (16384 characters) by its length, without echoing it", async (name) => {
    const server = await startServer((_request, response) => response.writeHead(500).end());
    const long = `sk_${"0123456789abcdef".repeat(1100)}`.slice(0, 16_385);
    const options: VerifyOptions = { baseUrl: server.url, organizationId: ORG, organizationSecret: "os_options_test_secret", token: TOKEN, ...(name === "partnerSecret" ? { partnerId: "partner_acme" } : {}), [name]: long };
    const error = await verify(options).catch((thrown: Error) => thrown);
    expect(error).toEqual(new TypeError(`${name} must be at most 16384 characters (it is sent in a header)`));
    expect(everyView(error)).not.toContain("0123456789ab");
    expect(server.requests).toEqual([]);
  });

  it("runs with the longest timeout a timer holds", async () => {
    const server = await startReference();
    try {
      const report = await verify({ baseUrl: server.baseUrl, organizationId: server.handler.organizationId, organizationSecret: server.handler.organizationSecret, token: server.handler.token, timeoutMs: MAX_TIMER_MS, maxRetryAfterMs: MAX_TIMER_MS });
      expect(report.ok).toBe(true);
    } finally {
      await server.close();
    }
  });
});
