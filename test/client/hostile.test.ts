// The client against servers that stall, drip, reset, redirect, flood and echo credentials,
// on real sockets (127.0.0.1): what a production client must survive.
import { spawn } from "node:child_process";
import net, { type AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import {
  createParchmentClient,
  createTokenProvider,
  ParchmentError,
  ParchmentNetworkError,
  ParchmentPaginationError,
  ParchmentResponseError,
  ParchmentTimeoutError,
  type ParchmentClientOptions,
} from "../../src/index.js";
import { failure } from "../support/client.js";
import { ORG } from "../support/fake-fetch.js";
import { closeAllServers, envelope, everyView, expectNoPartOf, phpJson, pythonQuote, startServer } from "contract-kit/test-support";

afterEach(closeAllServers);

const ORG_SECRET = 'os_live_"quoted"\\back\\slash_9a2e7f41c0d3';
const TOKEN = "eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXRva2VuLXBheWxvYWQ.Zk9xQ2";
const PARTNER_SECRET = "ps_live_4f1c8e2b7d3a9f6e0c5b1a8d";
const USER = "usr_abc123def456";

const providerFor = (baseUrl: string, timeoutMs = 30_000) =>
  createTokenProvider({
    baseUrl,
    partnerId: "partner_acme",
    partnerSecret: PARTNER_SECRET,
    organizationId: ORG,
    organizationSecret: ORG_SECRET,
    userId: USER,
    scopes: ["read:users", "read:user"],
    timeoutMs,
  });

const clientFor = (baseUrl: string, options: Partial<ParchmentClientOptions> = {}) =>
  createParchmentClient({ baseUrl, organizationId: ORG, organizationSecret: ORG_SECRET, token: TOKEN, retry: false, ...options });


/** Fails when any 12 consecutive characters of a secret (or all of a shorter one) appear in the text. */

describe("deadlines cover the whole response and close the connection", () => {
  it("a server that sends headers and then stalls the body times out, and its connection is closed", async () => {
    const server = await startServer((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.write('{"success":true,');
    });
    const started = Date.now();
    const error = await failure(clientFor(server.url, { timeoutMs: 300 }).users.get(USER));
    expect(error).toBeInstanceOf(ParchmentTimeoutError);
    expect(error.message).toBe("GET /v1/organizations/{organization_id}/users/{user_id}: no complete response within 300 ms");
    expect(Date.now() - started).toBeLessThan(5000);
    await expect.poll(() => server.allRequestConnectionsClosed(), { timeout: 2000 }).toBe(true);
  });

  it("a server that drips its body a byte at a time times out at the deadline, not after the last byte", async () => {
    const server = await startServer((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      const timer = setInterval(() => response.write(" "), 25);
      response.on("close", () => clearInterval(timer));
    });
    const error = await failure(clientFor(server.url, { timeoutMs: 300 }).users.get(USER));
    expect(error).toBeInstanceOf(ParchmentTimeoutError);
    await expect.poll(() => server.allRequestConnectionsClosed(), { timeout: 2000 }).toBe(true);
  });

  it("20 calls to a server that never answers leave no connection open", async () => {
    const server = await startServer(() => {});
    const client = clientFor(server.url, { timeoutMs: 200 });
    const errors = await Promise.all(Array.from({ length: 20 }, () => failure(client.users.get(USER))));
    for (const error of errors) expect(error).toBeInstanceOf(ParchmentTimeoutError);
    await expect.poll(() => server.allRequestConnectionsClosed(), { timeout: 2000 }).toBe(true);
  });

  it("a retried GET that times out every time makes one connection per attempt and leaves none open", async () => {
    const server = await startServer(() => {});
    const client = clientFor(server.url, { timeoutMs: 150, retry: { maxAttempts: 3, baseDelayMs: 10 } });
    expect(await failure(client.users.get(USER))).toBeInstanceOf(ParchmentTimeoutError);
    expect(server.requests).toHaveLength(3);
    await expect.poll(() => server.allRequestConnectionsClosed(), { timeout: 2000 }).toBe(true);
  });

  it("a Node process whose only call timed out exits at once (no timer keeps it alive)", async () => {
    const server = await startServer(() => {});
    const script = `
      import { createParchmentClient } from ${JSON.stringify(new URL("../../src/index.ts", import.meta.url).pathname)};
      const client = createParchmentClient({ baseUrl: ${JSON.stringify(server.url)}, organizationId: ${JSON.stringify(ORG)}, organizationSecret: "s3cret-value", token: "t0ken-value", timeoutMs: 300, retry: false });
      await client.users.get("usr_1").catch((error) => console.log(error.name));
      globalThis.finishedAt = Date.now();
    `;
    const started = Date.now();
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    const killer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    clearTimeout(killer);
    expect(output.trim()).toBe("ParchmentTimeoutError");
    expect(code).toBe(0);
    // The timeout is 300 ms; tsx's start-up takes a few seconds at most on a busy machine.
    expect(Date.now() - started).toBeLessThan(12_000);
  });
});

describe("bodies that break or overflow", () => {
  it("a reset in the middle of the body is a ParchmentNetworkError naming the cause, and a GET is retried", async () => {
    const server = await startServer((_request, response) => {
      response.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
      response.write('{"success":true,"data":{"user_id":');
      setTimeout(() => response.socket?.destroy(), 20);
    });
    const error = await failure(clientFor(server.url, { retry: { maxAttempts: 3, baseDelayMs: 10 } }).users.get(USER));
    expect(error).toBeInstanceOf(ParchmentNetworkError);
    expect(error).not.toBeInstanceOf(ParchmentTimeoutError);
    expect(error.message).toMatch(/the request failed before a complete response arrived: \S/);
    expect(server.requests).toHaveLength(3);
  });

  it("a reset mid-body followed by a good answer succeeds on the retry", async () => {
    const server = await startServer((_request, response) => {
      if (server.requests.length === 1) {
        response.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
        response.write('{"success":');
        setTimeout(() => response.socket?.destroy(), 20);
        return;
      }
      response.writeHead(200, { "content-type": "application/json" });
      response.end(envelope({ user_id: USER }));
    });
    await expect(clientFor(server.url, { retry: { maxAttempts: 2, baseDelayMs: 10 } }).users.get(USER)).resolves.toEqual({ user_id: USER });
  });

  it("a body over maxResponseBytes is a ParchmentResponseError and is read no further", async () => {
    let written = 0;
    const server = await startServer((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      const chunk = Buffer.alloc(64 * 1024, 32);
      const pump = () => {
        while (!response.destroyed && written < 200 * 1024 * 1024 && response.write(chunk)) written += chunk.length;
        if (!response.destroyed && written < 200 * 1024 * 1024) response.once("drain", pump);
      };
      response.write("[");
      pump();
    });
    const error = await failure(clientFor(server.url, { maxResponseBytes: 1024 * 1024 }).users.list());
    expect(error).toBeInstanceOf(ParchmentResponseError);
    expect(error.message).toBe(`GET /v1/organizations/{organization_id}/users: 200 response body larger than ${1024 * 1024} bytes`);
    await expect.poll(() => server.allRequestConnectionsClosed(), { timeout: 2000 }).toBe(true);
    expect(written).toBeLessThan(32 * 1024 * 1024);
  });

  it("a gzip bomb with an honest Content-Length is capped as it inflates, not inflated whole", async () => {
    const bomb = gzipSync(Buffer.alloc(100 * 1024 * 1024));
    const server = await startServer((_request, response) => {
      response.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip", "content-length": String(bomb.length) });
      response.end(bomb);
    });
    const before = process.memoryUsage().rss;
    const error = await failure(clientFor(server.url, { maxResponseBytes: 1024 * 1024 }).users.list());
    expect(error).toBeInstanceOf(ParchmentResponseError);
    expect(error.message).toMatch(/200 response body larger than 1048576 bytes$/);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });

  it("a reason phrase outside Latin-1 is no TypeError: the 503 is retried, then a ParchmentError", async () => {
    const answered: number[] = [];
    const server = net.createServer((socket) =>
      socket.on("data", () => {
        answered.push(Date.now());
        socket.end('HTTP/1.1 503 服务不可用\r\ncontent-type: application/json\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}');
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const error = await failure(clientFor(url, { retry: { maxAttempts: 2, baseDelayMs: 1 } }).users.get(USER));
      expect(error).toBeInstanceOf(ParchmentResponseError);
      expect(error).toMatchObject({ status: 503 });
      expect(answered).toHaveLength(2);
    } finally {
      server.close();
    }
  });

  it("the default cap is 10 MB, also under client.raw", async () => {
    const server = await startServer((_request, response) => {
      response.writeHead(200, { "content-type": "application/json", "content-length": String(11 * 1024 * 1024) });
      response.write("{");
    });
    const call = clientFor(server.url).raw.GET("/v1/organizations/{organization_id}/users", { params: { path: { organization_id: ORG } } });
    await expect(call).rejects.toThrow(/200 response body larger than 10485760 bytes$/);
  });
});

describe("pagination against a hostile server", () => {
  it("listAll does not follow a lastKey longer than a request line can carry: the users read are yielded, one request is sent", async () => {
    const lastKey = "k".repeat(3 * 1024 * 1024);
    const server = await startServer((_request, response) =>
      response.writeHead(200, { "content-type": "application/json" }).end(envelope({ users: [{ user_id: "usr_1" }], pagination: { total: 1_000_000, limit: 100, lastKey } })),
    );
    const seen: string[] = [];
    const error = await (async () => {
      for await (const user of clientFor(server.url).users.listAll()) seen.push(user.user_id);
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ParchmentPaginationError);
    expect((error as Error).message).toBe(
      "GET /v1/organizations/{organization_id}/users: page 1 gives a lastKey of 3145728 characters, more than a request line can carry (16384); not followed",
    );
    expect(seen).toEqual(["usr_1"]);
    expect(server.requests).toHaveLength(1);
  });
});

describe("redirects are never followed", () => {
  it("a 307 to another origin sends nothing there; the call fails naming the status, not the query", async () => {
    const elsewhere = await startServer((_request, response) => response.end(envelope({ user_id: "usr_attacker" })));
    const server = await startServer((_request, response) => {
      response.writeHead(307, { location: `${elsewhere.url.replace("127.0.0.1", "localhost")}/steal?token=${TOKEN}&x=1` });
      response.end();
    });
    const error = await failure(clientFor(server.url, { retry: { maxAttempts: 3, baseDelayMs: 1 } }).users.get(USER));
    expect(error).toBeInstanceOf(ParchmentResponseError);
    expect(error).toMatchObject({ status: 307 });
    expect(error.message).toMatch(/: 307 redirect to http:\/\/localhost:\d+\/steal not followed$/);
    expect(everyView(error)).not.toContain("token=");
    expect(elsewhere.requests).toHaveLength(0);
    expect(server.requests).toHaveLength(1);
  });

  it("the token provider does not follow a redirect either: no partner secret or body reaches the other origin", async () => {
    const elsewhere = await startServer((_request, response) => response.end(envelope({ accessToken: "stolen", expiresIn: 3600 })));
    const server = await startServer((_request, response) => {
      response.writeHead(308, { location: `${elsewhere.url}/v1/token` });
      response.end();
    });
    const provider = providerFor(server.url);
    const error = await failure(provider());
    expect(error).toBeInstanceOf(ParchmentResponseError);
    expect(error.message).toMatch(/^POST \/v1\/token: 308 redirect to http:\/\/127\.0\.0\.1:\d+\/v1\/token not followed$/);
    expect(elsewhere.requests).toHaveLength(0);
  });
});

describe("servers that echo credentials", () => {
  const SECRETS = [ORG_SECRET, TOKEN, PARTNER_SECRET];

  /** A server that answers every request with `respond`, given the request's headers. */
  async function echoing(respond: (headers: Record<string, string>) => { status: number; headers?: Record<string, string>; body: string }) {
    return startServer((request, response, body) => {
      const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
      if (request.url === "/v1/token") {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(envelope({ accessToken: TOKEN, expiresIn: 3600, tokenType: "Bearer", scope: JSON.parse(body).scope }));
        return;
      }
      const answer = respond(headers);
      response.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
      response.end(answer.body);
    });
  }

  const problemWith = (status: number, error: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    JSON.stringify({ success: false, statusCode: status, error: { type: "t", title: "Bad", detail: "d", ...error }, requestId: "req_1", ...extra });

  // Each credential, whole and cut short (a 20-character slice), in each field an error shows.
  const echoes: [string, (secret: string) => { status: number; headers?: Record<string, string>; body: string }][] = [
    ["requestId", (secret) => ({ status: 404, body: problemWith(404, {}, { requestId: secret }) })],
    ["error.type", (secret) => ({ status: 400, body: problemWith(400, { type: `https://x/${secret}` }) })],
    ["error.title", (secret) => ({ status: 400, body: problemWith(400, { title: secret }) })],
    ["error.detail", (secret) => ({ status: 403, body: problemWith(403, { detail: `secret ${secret} refused` }) })],
    ["code", (secret) => ({ status: 422, body: problemWith(422, {}, { code: secret }) })],
    ["validation[].field", (secret) => ({ status: 422, body: problemWith(422, { validation: [{ field: secret, message: secret, code: secret }] }) })],
    ["a non-JSON Content-Type", (secret) => ({ status: 200, headers: { "content-type": `text/plain; x=${secret}` }, body: "x" })],
    ["a success without envelope", (secret) => ({ status: 200, body: JSON.stringify({ requestId: secret }) })],
    ["a redirect's Location", (secret) => ({ status: 302, headers: { location: `http://127.0.0.1:1/${encodeURIComponent(secret)}` }, body: "" })],
  ];

  for (const [field, answer] of echoes) {
    it(`nothing of any credential appears when the server echoes it in ${field}`, async () => {
      for (const secret of SECRETS) {
        for (const echoed of [secret, secret.slice(3, 23)]) {
          const server = await echoing(() => answer(echoed));
          const provider = providerFor(server.url);
          const error = await failure(clientFor(server.url, { token: provider }).users.get(USER));
          expect(error).toBeInstanceOf(ParchmentError);
          expectNoPartOf(SECRETS, everyView(error));
          await server.close();
        }
      }
    });
  }

  it("a custom fetch that throws with the headers in its message leaks nothing through cause", async () => {
    const client = clientFor("http://127.0.0.1:1", {
      fetch: async (request) => {
        throw new Error(`refused ${JSON.stringify(Object.fromEntries(request.headers))}`, { cause: new Error(`auth ${request.headers.get("authorization")}`) });
      },
    });
    const error = await failure(client.users.get(USER));
    expect(error).toBeInstanceOf(ParchmentNetworkError);
    expectNoPartOf(SECRETS, everyView(error));
    expect(error.message).toContain("[redacted]");
  });

  it("a secret split between the problem's title and detail is redacted from the joined message", async () => {
    const secret = "Vault: 7f3a9c2e41d8b6";
    const server = await startServer((_request, response) => {
      response.writeHead(400, { "content-type": "application/json" });
      response.end(problemWith(400, { title: "Vault", detail: "7f3a9c2e41d" }));
    });
    const error = await failure(clientFor(server.url, { organizationSecret: secret }).users.get(USER));
    expectNoPartOf([secret], everyView(error));
  });

  describe("written back as a Python, Java or PHP server writes them", () => {
    // "!" is common in passwords and "/" in standard base64: encodeURIComponent and
    // JSON.stringify leave both alone, Python's quote, Java's URLEncoder and PHP's json_encode do not.
    const orgSecret = "Clinic!Secret!2024!xyz";
    const token = "Zm9vYmFy/YmF6cXV4/cXV4Zm9v/YmFyYmF6";
    const answers: [string, (response: import("node:http").ServerResponse) => void][] = [
      ["a redirect to a login page, Python-quoted", (response) => response.writeHead(302, { location: `/login/${pythonQuote(orgSecret)}?next=${pythonQuote(orgSecret)}` }).end()],
      ["a redirect, Java-encoded, in lower-case hex", (response) => response.writeHead(302, { location: `/login/${pythonQuote(`${orgSecret} ${token}`).replace(/%20/g, "+").replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase())}` }).end()],
      // The client shows no body it cannot read as an envelope, so this one passed before too: kept so that it stays so.
      ["a problem+json body, PHP-escaped", (response) => response.writeHead(401, { "content-type": "application/problem+json" }).end(`{"detail":"bad ${phpJson(token)} for ${phpJson(orgSecret)}"}`)],
    ];
    for (const [how, answer] of answers) {
      it(`nothing of any credential appears in the error of ${how}`, async () => {
        const server = await startServer((_request, response) => answer(response));
        const error = await failure(clientFor(server.url, { organizationSecret: orgSecret, token }).users.get(USER));
        expect(error).toBeInstanceOf(ParchmentResponseError);
        expectNoPartOf([orgSecret, token], everyView(error));
      });
    }

    it("the redirect's message says where it led, the secret redacted", async () => {
      const server = await startServer((_request, response) => response.writeHead(302, { location: `/login/${pythonQuote(orgSecret)}` }).end());
      const error = await failure(clientFor(server.url, { organizationSecret: orgSecret, token }).users.get(USER));
      expect(error.message).toBe(`GET /v1/organizations/{organization_id}/users/{user_id}: 302 redirect to ${server.url}/login/[redacted] not followed`);
    });
  });

  it("a one-letter secret does not mangle the server's words", async () => {
    const server = await startServer((_request, response) => {
      response.writeHead(404, { "content-type": "application/json" });
      response.end(problemWith(404, { title: "Not Found", detail: "User not found" }));
    });
    const error = await failure(clientFor(server.url, { organizationSecret: "e", token: "s" }).users.get(USER));
    expect(error.message).toBe("GET /v1/organizations/{organization_id}/users/{user_id}: 404 Not Found: User not found (requestId req_1)");
  });

  it("a baseUrl with credentials is refused without echoing them", () => {
    let thrown: unknown;
    try {
      clientFor("https://admin:hunter2-password@api.example.com/external");
    } catch (error) {
      thrown = error;
    }
    expect((thrown as Error).message).toBe("baseUrl must be a URL without credentials (user:password@)");
    expect(everyView(thrown)).not.toContain("hunter2");
  });

  it("a token function returning a value that cannot be a header is a ParchmentError without the value", async () => {
    const server = await startServer((_request, response) => response.end(envelope({})));
    const error = await failure(clientFor(server.url, { token: () => "abc\r\nx-injected: 1" }).users.get(USER));
    expect(error).toBeInstanceOf(ParchmentError);
    expect(error.message).toBe("GET /v1/organizations/{organization_id}/users/{user_id}: the token function returned no token that can be sent in a header");
    expect(server.requests).toHaveLength(0);
  });
});

describe("tokens under load and cancellation", () => {
  it("the caller's abort stops the wait for a token at once", async () => {
    const server = await startServer(() => {}); // the token call never answers
    const client = clientFor(server.url, { token: providerFor(server.url) });
    const started = Date.now();
    const error = await client.users.get(USER, { signal: AbortSignal.timeout(100) }).catch((caught: unknown) => caught);
    expect((error as Error).name).toBe("TimeoutError");
    expect(Date.now() - started).toBeLessThan(2000);
    expect(server.requests.map((request) => request.url)).toEqual(["/v1/token"]);
  });

  it("a token call that times out is named POST /v1/token, not the call that needed it", async () => {
    const server = await startServer(() => {});
    const error = await failure(clientFor(server.url, { token: providerFor(server.url, 200) }).users.get(USER));
    expect(error).toBeInstanceOf(ParchmentTimeoutError);
    expect(error.message).toBe("POST /v1/token: no complete response within 200 ms");
  });

  it("100 concurrent calls for two users with an expired token make one token request per (user, scopes)", async () => {
    let issued = 0;
    const server = await startServer((request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      if (request.url === "/v1/token") {
        issued++;
        // A lifetime of 1 s: renewed after half of it.
        response.end(envelope({ accessToken: `tok-${issued}-${request.headers["x-user-id"]}`, expiresIn: 1, tokenType: "Bearer", scope: [] }));
        return;
      }
      setTimeout(() => response.end(envelope({ user_id: USER })), 5);
    });
    const alice = providerFor(server.url);
    const bob = alice.forUser("usr_bob000000001");
    const aliceClient = clientFor(server.url, { token: alice });
    const bobClient = clientFor(server.url, { token: bob });
    await Promise.all([aliceClient.users.get(USER), bobClient.users.get(USER)]);
    await new Promise((resolve) => setTimeout(resolve, 600)); // both tokens are now due for renewal
    const before = server.requests.filter((request) => request.url === "/v1/token").length;
    await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 2 ? aliceClient : bobClient).users.get(USER)));
    const tokenCalls = server.requests.filter((request) => request.url === "/v1/token").slice(before);
    expect(tokenCalls.map((request) => request.headers["x-user-id"]).sort()).toEqual([USER, "usr_bob000000001"].sort());
    const apiCalls = server.requests.filter((request) => request.url !== "/v1/token").slice(-100);
    expect(new Set(apiCalls.map((request) => request.headers.authorization)).size).toBe(2);
  });
});
