// The client against servers that stall, reset, redirect, flood, fail and echo the API key,
// on real sockets (127.0.0.1), and what it retries: GET and PATCH alike (docs/decisions.md, 9).
import { afterEach, describe, expect, it } from "vitest";
import { closeAllServers, everyView, expectNoPartOf, phpJson, pythonQuote, startServer } from "contract-kit/test-support";
import { AvaraApiError, AvaraNetworkError, AvaraResponseError, AvaraTimeoutError, createAvaraClient, type AvaraClientOptions } from "../../src/index.js";
import { seedUsers } from "../../src/testing/seed.js";
import { failure } from "./support.js";

afterEach(closeAllServers);

const API_KEY = 'sk_live_"q"\\9f3b2c7e1d4a8f6b0e5c2d9a7f1b3e8c';
const USER = "usr_1234567890abcdef1234567890abcdef";
const USER_JSON = JSON.stringify(seedUsers()[0]);
const clientFor = (baseUrl: string, options: Partial<AvaraClientOptions> = {}) => createAvaraClient({ apiKey: API_KEY, baseUrl, retry: false, ...options });
const json = { "content-type": "application/json" };

describe("deadlines, resets, size and redirects", () => {
  it("headers then a stalled body time out, and the connection is closed", async () => {
    const server = await startServer((_request, response) => {
      response.writeHead(200, json);
      response.write('{"userId":');
    });
    const error = await failure(clientFor(server.url, { timeoutMs: 300 }).users.get(USER));
    expect(error).toBeInstanceOf(AvaraTimeoutError);
    expect(error).toBeInstanceOf(AvaraNetworkError);
    expect(error.message).toBe("GET /v1/autoScribe/users/{userId}: no complete response within 300 ms");
    await expect.poll(() => server.allRequestConnectionsClosed(), { timeout: 2000 }).toBe(true);
  });

  it("a reset mid-body is an AvaraNetworkError naming the cause", async () => {
    const server = await startServer((request, response) => {
      response.writeHead(200, json);
      response.write(USER_JSON.slice(0, 20), () => request.socket.destroy());
    });
    const error = await failure(clientFor(server.url).users.get(USER));
    expect(error).toBeInstanceOf(AvaraNetworkError);
    expect(error).not.toBeInstanceOf(AvaraTimeoutError);
    expect(error.message).toMatch(/^GET \/v1\/autoScribe\/users\/\{userId\}: the request failed before a complete response arrived/);
  });

  it("a body over maxResponseBytes is an AvaraResponseError", async () => {
    const server = await startServer((_request, response) => response.writeHead(200, json).end(`{"userId":"${"x".repeat(5000)}"}`));
    const error = await failure(clientFor(server.url, { maxResponseBytes: 1000 }).users.get(USER));
    expect(error).toBeInstanceOf(AvaraResponseError);
    expect(error.message).toBe("GET /v1/autoScribe/users/{userId}: 200 response body larger than 1000 bytes");
  });

  it("a 307 to another origin is not followed: the other origin receives nothing, the key included", async () => {
    const elsewhere = await startServer((_request, response) => response.writeHead(200, json).end(USER_JSON));
    const server = await startServer((_request, response) => response.writeHead(307, { location: `${elsewhere.url}/steal?key=${encodeURIComponent(API_KEY)}` }).end());
    const error = await failure(clientFor(server.url).users.update(USER, { firstName: "Sarah" }));
    expect(error).toBeInstanceOf(AvaraResponseError);
    expect(error.message).toBe(`PATCH /v1/autoScribe/users/{userId}: 307 redirect to ${elsewhere.url}/steal not followed`);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it.each([
    ["an HTML page", { "content-type": "text/html" }, "<html>hello</html>", "200 expected a JSON body, got text/html"],
    ["JSON that is not a user", json, "[1,2]", "200 response is not a user (a JSON object with a userId)"],
    ["a Parchment-style envelope", json, '{"success":true,"data":{"userId":"usr_1"}}', "200 response is not a user (a JSON object with a userId)"],
    ["broken JSON", json, '{"userId":', "200 body is not valid JSON"],
  ])("a 200 with %s is an AvaraResponseError", async (_name, headers, body, message) => {
    const server = await startServer((_request, response) => response.writeHead(200, headers).end(body));
    const error = await failure(clientFor(server.url).users.get(USER));
    expect(error).toBeInstanceOf(AvaraResponseError);
    expect(error.message).toBe(`GET /v1/autoScribe/users/{userId}: ${message}`);
  });

  it("an error status is an AvaraApiError whatever its body: any JSON kept, anything else dropped", async () => {
    const bodies: [number, Record<string, string>, string, unknown, string][] = [
      [404, json, '"not here"', "not here", "404"],
      [409, json, '{"message":"User is being updated"}', { message: "User is being updated" }, "409: User is being updated"],
      [422, json, '{"error":{"code":42,"message":"npiNumber invalid"}}', { error: { code: 42, message: "npiNumber invalid" } }, "422: npiNumber invalid"],
      [502, { "content-type": "text/html" }, "<h1>Bad gateway</h1>", undefined, "502"],
      [403, json, "", undefined, "403"],
      // Past what is read (MAX_JSON_DEPTH): dropped without parsing, so no RangeError anywhere.
      [400, json, `${"[".repeat(50_000)}${"]".repeat(50_000)}`, undefined, "400"],
    ];
    for (const [status, headers, text, body, message] of bodies) {
      const server = await startServer((_request, response) => response.writeHead(status, headers).end(text));
      const error = await failure(clientFor(server.url).users.get(USER));
      expect(error).toBeInstanceOf(AvaraApiError);
      expect(error.status).toBe(status);
      expect(error.body).toEqual(body);
      expect(error.message).toBe(`GET /v1/autoScribe/users/{userId}: ${message}`);
    }
  });
});

describe("the API key never leaves in an error", () => {
  it.each([
    ["an error body's message", (key: string) => [401, json, JSON.stringify({ message: `invalid key ${key}` })]],
    ["an error body's nested field and key", (key: string) => [400, json, JSON.stringify({ error: { [key]: [`Bearer ${key}`] } })]],
    ["an error body, URL-encoded", (key: string) => [400, json, JSON.stringify({ message: `see /keys/${encodeURIComponent(key)}` })]],
    ["a Content-Type", (key: string) => [200, { "content-type": `text/${key.slice(0, 20)}` }, "x"]],
    ["a redirect's Location", (key: string) => [302, { location: `https://${key.slice(8, 24).replace(/\W/g, "a")}.example/x` }, ""]],
  ] as const)("when a server echoes it in %s", async (_where, answer) => {
    const server = await startServer((_request, response) => {
      const [status, headers, body] = answer(API_KEY) as [number, Record<string, string>, string];
      response.writeHead(status, headers).end(body);
    });
    const error = await failure(clientFor(server.url).users.get(USER));
    expectNoPartOf(API_KEY, everyView(error));
    expectNoPartOf(API_KEY, JSON.stringify((error as { body?: unknown }).body ?? null));
  });

  it("when a server writes it back as a Python, Java or PHP server would", async () => {
    // "!" and "/": left alone by encodeURIComponent and JSON.stringify, escaped by Python's quote and PHP's json_encode.
    const apiKey = "sk_live_Av4r4!K3y/2024!prod(x)";
    const answers: ((response: import("node:http").ServerResponse) => void)[] = [
      (response) => response.writeHead(302, { location: `/login/${pythonQuote(apiKey)}?next=${pythonQuote(apiKey).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase())}` }).end(),
      (response) => response.writeHead(401, json).end(`{"message":"invalid key ${phpJson(apiKey)}"}`),
    ];
    for (const answer of answers) {
      const server = await startServer((_request, response) => answer(response));
      const error = await failure(createAvaraClient({ apiKey, baseUrl: server.url, retry: false }).users.get(USER));
      expectNoPartOf(apiKey, everyView(error));
      expectNoPartOf(apiKey, JSON.stringify((error as { body?: unknown }).body ?? null));
      await server.close();
    }
  });

  it("a custom fetch that throws with the key in its message leaks nothing through cause", async () => {
    const client = createAvaraClient({ apiKey: API_KEY, retry: false, fetch: async (request) => {
      throw new Error(`refused: ${request.headers.get("authorization")}`);
    } });
    const error = await failure(client.users.get(USER));
    expect(error).toBeInstanceOf(AvaraNetworkError);
    expectNoPartOf(API_KEY, everyView(error));
    expect(error.message).toContain("refused: Bearer [redacted]");
  });
});

describe("retries", () => {
  const flaky = (failures: number, status = 503) => {
    let count = 0;
    return startServer((_request, response) => {
      count++;
      if (count <= failures) return response.writeHead(status, { ...json, "retry-after": "0" }).end('{"message":"busy"}');
      response.writeHead(200, json).end(USER_JSON);
    });
  };

  it("a PATCH that met 503 twice is sent again with the same body, and succeeds", async () => {
    const server = await flaky(2);
    const user = await clientFor(server.url, { retry: { maxAttempts: 3, baseDelayMs: 1 } }).users.update(USER, { firstName: "Sarah", npiNumber: null });
    expect(user.userId).toBe(USER);
    expect(server.requests.map((request) => [request.method, request.body])).toEqual(Array(3).fill(["PATCH", '{"firstName":"Sarah","npiNumber":null}']));
  });

  it("a PATCH whose connection was reset is retried", async () => {
    let count = 0;
    const server = await startServer((request, response) => {
      if (++count === 1) return request.socket.destroy();
      response.writeHead(200, json).end(USER_JSON);
    });
    await clientFor(server.url, { retry: { baseDelayMs: 1 } }).users.update(USER, { canManageStudies: true });
    expect(server.requests).toHaveLength(2);
  });

  it.each([500, 409, 422])("a PATCH answered %i is not retried", async (status) => {
    const server = await flaky(5, status);
    const error = await failure(clientFor(server.url, { retry: { baseDelayMs: 1 } }).users.update(USER, { firstName: "S" }));
    expect(error).toMatchObject({ status });
    expect(server.requests).toHaveLength(1);
  });

  it("a GET on 429 waits and retries; retry: false sends once", async () => {
    const server = await flaky(1, 429);
    await clientFor(server.url, { retry: { baseDelayMs: 1 } }).users.get(USER);
    expect(server.requests).toHaveLength(2);
    const once = await flaky(1, 429);
    const error = await failure(clientFor(once.url, { retry: false }).users.get(USER));
    expect(error).toMatchObject({ status: 429, retryAfter: 0 });
    expect(once.requests).toHaveLength(1);
  });
});
