// The token provider against a server that issues a token no header can carry, and scopes
// given twice: on real sockets (a hostile server, and the reference server).
import { afterEach, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { closeAllServers, envelope, everyView, expectNoPartOf, failure, memoryUsedAfterGc, startServer } from "contract-kit/test-support";
import { createParchmentClient, createTokenProvider, ParchmentResponseError } from "../../src/index.js";
import { startReferenceServer, type ReferenceServer } from "../../src/testing/index.js";

const ORG = "3f6c1b2a-8d4e-4f5a-9b7c-1d2e3f4a5b6c";
let reference: ReferenceServer | undefined;
afterEach(async () => {
  await closeAllServers();
  await reference?.close();
  reference = undefined;
});

const providerOf = (baseUrl: string, scopes = ["read:user"] as const) =>
  createTokenProvider({ baseUrl, partnerId: "partner_1", partnerSecret: "ps_partner_secret_0000", organizationId: ORG, organizationSecret: "os_org_secret_000000", userId: "usr_abc123def456", scopes: [...scopes] });

describe("a token longer than a header can carry", () => {
  it("a 3 MB accessToken is a response error, within a second and without its cost in memory, and no part of it shows", async () => {
    const token = `tok_${"x7Q".repeat(1_000_000)}`;
    // The requestId echoes the token's tail, past what the redactor keeps.
    const server = await startServer((_request, response) => {
      const body = envelope({ accessToken: token, tokenType: "Bearer", expiresIn: 3600, scope: ["read:user"] }).replace('"req_ok"', JSON.stringify(`req_${token.slice(-40)}`));
      response.writeHead(200, { "content-type": "application/json" }).end(body);
    });
    globalThis.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    const error = await failure<ParchmentResponseError>(providerOf(server.url)());
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(ParchmentResponseError);
    expect(error.message).toBe("POST /v1/token: 200 token grant's accessToken is longer than 16384 characters (more than a header can carry)");
    expect(error.requestId).toBeUndefined();
    expect(elapsed).toBeLessThan(1000);
    // Was 512 MB: the redactor kept every 12-character window of every form as a string.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(100 * 1024 * 1024);
    expectNoPartOf(token.slice(0, 2000), everyView(error));
    expectNoPartOf(token.slice(-40), everyView(error));
  });

  it("a token function that returns one is refused before it is sent", async () => {
    const { createParchmentClient, ParchmentError } = await import("../../src/index.js");
    const server = await startServer((_request, response) => response.writeHead(200, { "content-type": "application/json" }).end(envelope({})));
    const client = createParchmentClient({ baseUrl: server.url, organizationId: ORG, organizationSecret: "os_org_secret_000000", token: () => "t".repeat(16 * 1024 + 1) });
    const error = await failure(client.users.get("usr_abc123def456"));
    expect(error).toBeInstanceOf(ParchmentError);
    expect((error as Error).message).toContain("the token function returned no token that can be sent in a header");
    expect(server.requests).toHaveLength(0);
  });
});

describe("a server that issues a new 16 KiB token for every call", () => {
  it("costs the client at most 40 bytes of memory per token character (each token learnt once), and no call stalls", async () => {
    // Random ASCII and Latin-1, as a header carries them: most of them some encoder escapes.
    const newToken = () => Array.from(randomBytes(16 * 1024), (byte) => String.fromCharCode(byte < 128 ? 0x21 + (byte % 94) : 0xa1 + (byte % 95))).join("");
    const user = { user_id: "usr_abc123def456", email: "a@example.com", full_name: "A", access_roles: ["admin"], details: { given_name: "A", family_name: "B", title: null, date_of_birth: null, sex: null } };
    const server = await startServer(
      (request, response) => {
        const data = request.url === "/v1/token" ? { accessToken: newToken(), tokenType: "Bearer", expiresIn: 0.001, scope: ["read:user"] } : user;
        response.writeHead(200, { "content-type": "application/json" }).end(envelope(data));
      },
      { maxHeaderSize: 64 * 1024 },
    );
    const client = createParchmentClient({ baseUrl: server.url, organizationId: ORG, organizationSecret: "os_org_secret_000000", token: providerOf(server.url) });
    // 48 double the redactor's index just before the last one: the most each token costs.
    const calls = 48;
    const before = await memoryUsedAfterGc();
    let slowest = 0;
    for (let i = 0; i < calls; i++) {
      const started = performance.now();
      await client.users.get("usr_abc123def456");
      if (i > 0) slowest = Math.max(slowest, performance.now() - started); // the first warms up
    }
    // The server keeps every request it saw (a 16 KiB header each): not the client's.
    const kept = server.requests.reduce((sum, request) => sum + JSON.stringify(request.headers).length, 0);
    const perCharacter = ((await memoryUsedAfterGc()) - before - kept) / (calls * 16 * 1024);
    expect(server.requests).toHaveLength(2 * calls);
    expect(perCharacter).toBeLessThan(40);
    expect(slowest).toBeLessThan(250);
  });
});

describe("scopes are a set", () => {
  it("forUser with a scope given twice asks for it once, and the outcome does not depend on call order", async () => {
    reference = await startReferenceServer();
    const provider = createTokenProvider({
      baseUrl: reference.baseUrl, partnerId: reference.partnerId, partnerSecret: reference.partnerSecret,
      organizationId: reference.organizationId, organizationSecret: reference.organizationSecret, userId: reference.userId, scopes: ["read:user"],
    });
    // First the duplicate (it used to be sent as it was: 400), then the plain one (the same cache entry).
    const twice = provider.forUser(reference.userId, ["read:user", "read:user"]);
    expect(twice.scopes).toEqual(["read:user"]);
    const token = await twice();
    expect(await provider.forUser(reference.userId, ["read:user"])()).toBe(token);
  });
});
