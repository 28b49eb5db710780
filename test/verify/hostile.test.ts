// verify against servers that are broken, slow or hostile, on real sockets: it always
// reports (never throws, never hangs), judges what it should, and no report holds any part of
// a credential.
import { createServer as createTcpServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { expectNoPartOf, phpJson, pythonQuote } from "contract-kit/test-support";
import { formatReport } from "contract-kit/verify";
import { verify, type VerifyOptions, type VerifyReport } from "../../src/verify/verify.js";
import { ECHOED_ORGANIZATION_SECRET, ECHOED_TOKEN, echoCredentials } from "../support/echo-credentials.js";
import { jsonAnswer, startRawServer, startServer, type RawExchange, type RawServer, type RunningServer } from "../support/broken-servers.js";
import { credentialsOf } from "../support/verify-options.js";

const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});
async function raw(respond: (exchange: RawExchange) => unknown, options?: Parameters<typeof startRawServer>[1]): Promise<RawServer> {
  const server = await startRawServer(respond, options);
  running.push(server);
  return server;
}
async function reference(...args: Parameters<typeof startServer>): Promise<RunningServer> {
  const server = await startServer(...args);
  running.push(server);
  return server;
}


const isList = (url: URL) => url.pathname.endsWith("/users");
const isUserRead = (exchange: RawExchange) => exchange.request.method === "GET" && /\/users\/[^/]+$/.test(exchange.url.pathname);
const checkNamed = (report: VerifyReport, name: string) => report.checks.find((check) => check.name === name)!;
/** Every report line that says something failed, for matching. */
const failures = (report: VerifyReport) => formatReport(report);

/** Fails if `text` holds any 12 consecutive characters of a secret, as sent, JSON-escaped or URL-encoded. */

describe("verify under a deadline and a size cap", () => {
  it("reports a body that stalls after the headers, within the timeout", async () => {
    const server = await raw(async (exchange) => {
      if (!isList(exchange.url)) return exchange.send(await exchange.reference());
      exchange.response.writeHead(200, { "content-type": "application/json" });
      exchange.response.write('{"success": true, "data": {"users": [');
    });
    const started = Date.now();
    const report = await verify({ ...credentialsOf(server), timeoutMs: 500 });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(report.ok).toBe(false);
    expect(failures(report)).toMatch(/listUsers 200 \(body\): expected a complete body of at most \d+ bytes; got the body was not complete within 0\.5 s$/m);
    // The checks that do not depend on the list still ran.
    expect(checkNamed(report, "read an unknown user (expects 404)").outcome).toBe("passed");
    expect(checkNamed(report, "read a user")).toMatchObject({ outcome: "skipped", note: "listing users failed and no user id was given" });
  });

  it("reports a server that accepts the request and never answers", async () => {
    const server = await raw((exchange) => {
      if (isList(exchange.url)) return; // no status line, no headers, ever
      return exchange.reference().then((answer) => exchange.send(answer));
    });
    const report = await verify({ ...credentialsOf(server), timeoutMs: 400 });
    expect(failures(report)).toMatch(/^    listUsers \(request\): expected a response; got no response within 0\.4 s$/m);
    expect(checkNamed(report, "read an unknown user (expects 404)").outcome).toBe("passed");
  });

  it("reports a body that drips a byte at a time past the deadline (the deadline covers the whole body)", async () => {
    const server = await raw(async (exchange) => {
      if (!isList(exchange.url)) return exchange.send(await exchange.reference());
      const text = await (await exchange.reference()).text();
      exchange.response.writeHead(200, { "content-type": "application/json" });
      let at = 0;
      const drip = setInterval(() => {
        if (exchange.response.destroyed || at >= text.length) {
          clearInterval(drip);
          exchange.response.end();
          return;
        }
        exchange.response.write(text[at++]!);
      }, 20);
    });
    const report = await verify({ ...credentialsOf(server), timeoutMs: 600 });
    expect(failures(report)).toMatch(/listUsers 200 \(body\): .*got the body was not complete within 0\.6 s$/m);
  });

  it("stops reading a huge body at the cap and closes the connection", async () => {
    let written = 0;
    const server = await raw(async (exchange) => {
      if (!isList(exchange.url)) return exchange.send(await exchange.reference());
      exchange.response.writeHead(200, { "content-type": "application/json" });
      exchange.response.write('{"success": true, "message": "');
      const chunk = "x".repeat(64 * 1024);
      const more = () => {
        while (!exchange.response.destroyed && written < 200 * 1024 * 1024) {
          written += chunk.length;
          if (!exchange.response.write(chunk)) return exchange.response.once("drain", more);
        }
      };
      more();
    });
    const report = await verify({ ...credentialsOf(server), maxBodyBytes: 1024 * 1024 });
    expect(failures(report)).toMatch(/listUsers 200 \(body\): expected a complete body of at most 1048576 bytes; got a body larger than 1048576 bytes \(not read further\)$/m);
    expect(written).toBeLessThan(50 * 1024 * 1024);
  });

  it("reports a 20,000-deep array without a RangeError, as text and as JSON", async () => {
    const deep = `${"[".repeat(20_000)}${"]".repeat(20_000)}`;
    const server = await raw(async (exchange) => {
      const answer = await exchange.reference();
      if (!isUserRead(exchange) || answer.status !== 200) return exchange.send(answer);
      const text = (await answer.text()).replace(/"access_roles":\[[^\]]*\]/, `"access_roles":${deep}`);
      await exchange.send(new Response(text, { status: 200, headers: { "content-type": "application/json" } }));
    });
    const report = await verify(credentialsOf(server));
    expect(failures(report)).toMatch(/getUser 200 \(body\): expected JSON nested at most 32 deep; got deeper: \{"success"/);
    expect(JSON.parse(JSON.stringify(report)).ok).toBe(false);
  });

  it("judges a 4 MB answer breaking a rule a million times in linear time, and says not every violation was looked for", async () => {
    // 6,000 users of 50 roles that are objects: listing each violation (ajv's allErrors) took over a minute.
    const user = { user_id: 1, email: 2, full_name: [], access_roles: Array.from({ length: 50 }, (_, i) => ({ role: i })) };
    const server = await raw(async (exchange) => {
      if (!isList(exchange.url)) return exchange.send(await exchange.reference());
      await exchange.send(jsonAnswer(200, { success: true, statusCode: 200, message: "ok", timestamp: "2026-12-06T00:00:00Z", requestId: "req_1", data: { users: Array.from({ length: 6_000 }, () => user), pagination: { total: 6_000, limit: 20 } } }));
    });
    const started = Date.now();
    const report = await verify(credentialsOf(server));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(failures(report)).toMatch(/listUsers 200 \(body\): expected the listed violations; got maybe more, not looked for: the body holds more than 10000 values$/m);
  }, 30_000);

  it("shows a 3 MiB violating value in the time it takes to read it: only what is shown is rendered, secrets still redacted", async () => {
    // 60,000 small objects where a user or users belong, after the credentials echoed: each
    // violating node was rendered whole (150-450 ms an answer), redacted, then cut to 80 characters.
    const filler = JSON.stringify(Array.from({ length: 60_000 }, (_, i) => ({ n: i, s: "abcdefghijklmnopqrstuvwxyz0123456789" }))).slice(1);
    let sent = 0;
    const server = await raw(async (exchange) => {
      if (exchange.request.method !== "GET" || !/\/users(\/|$)/.test(exchange.url.pathname)) return exchange.send(await exchange.reference());
      const echo = JSON.stringify({ token: exchange.request.headers.authorization, secret: exchange.request.headers["x-organization-secret"] });
      const text = `{"success":true,"statusCode":200,"message":"ok","timestamp":"2026-12-06T00:00:00Z","requestId":"req_${++sent}","data":[${echo},${filler}}`;
      exchange.response.writeHead(200, { "content-type": "application/json" });
      exchange.response.end(text);
    });
    const started = performance.now();
    const report = await verify({ ...credentialsOf(server), userId: "usr_1" });
    const took = performance.now() - started;
    expect(sent).toBeGreaterThanOrEqual(3);
    expect(failures(report)).toContain('    getUser 200 $.data: expected must be object (type: "object"); got [{"token":"Bearer [redacted]","secret":"[redacted]"},{"n":0,"s":"abcdefghijklmn…\n');
    expectNoPartOf([server.handler.token, server.handler.organizationSecret], formatReport(report) + JSON.stringify(report));
    // Reading and judging the five answers takes about 0.5 s here; rendering the eleven violating
    // nodes whole took 2.7 s.
    expect(took).toBeLessThan(1500);
  }, 30_000);

  it("shows a violating value nested within the bound, its deep levels elided", async () => {
    const nested = `${"[".repeat(25)}"admin"${"]".repeat(25)}`;
    const server = await raw(async (exchange) => {
      const answer = await exchange.reference();
      if (!isUserRead(exchange) || answer.status !== 200) return exchange.send(answer);
      const text = (await answer.text()).replace(/"access_roles":\[[^\]]*\]/, `"access_roles":${nested}`);
      await exchange.send(new Response(text, { status: 200, headers: { "content-type": "application/json" } }));
    });
    const report = await verify(credentialsOf(server));
    expect(failures(report)).toContain('getUser 200 $.data.access_roles[0]: expected must be string (type: "string"); got [[[[[[[…]]]]]]]');
  });
});

describe("verify judges what it should", () => {
  it("fails an application/json-seq answer", async () => {
    const server = await raw(async (exchange) => {
      const answer = await exchange.reference();
      if (!isList(exchange.url)) return exchange.send(answer);
      await exchange.send(new Response(await answer.text(), { status: answer.status, headers: { "content-type": "application/json-seq" } }));
    });
    const report = await verify(credentialsOf(server));
    expect(failures(report)).toMatch(/listUsers 200 \(body\): expected Content-Type application\/json; got application\/json-seq: \{"success"/);
  });

  it("accepts application/json; charset=utf-8", async () => {
    const server = await raw(async (exchange) => {
      const answer = await exchange.reference();
      await exchange.send(new Response(await answer.text(), { status: answer.status, headers: { "content-type": "application/json; charset=UTF-8" } }));
    });
    expect((await verify(credentialsOf(server))).ok).toBe(true);
  });

  it("fails a read that returns another user", async () => {
    const server = await raw(async (exchange) => {
      if (!isUserRead(exchange) || exchange.url.pathname.endsWith("verify_unknown")) return exchange.send(await exchange.reference());
      const user = { ...server.handler.readUser(server.handler.userId)!, user_id: "usr_000000000bad" };
      await exchange.send(jsonAnswer(200, { message: "User retrieved successfully", data: user }));
    });
    const report = await verify({ ...credentialsOf(server), userId: server.handler.userId });
    expect(failures(report)).toContain(`getUser 200 $.data.user_id: expected the user asked for, "${server.handler.userId}"; got "usr_000000000bad"`);
    expect(checkNamed(report, "read a user").outcome).toBe("failed");
  });

  it("fails a cursor that is ignored (page 2 equals page 1)", async () => {
    const server = await raw(async (exchange) => {
      exchange.url.searchParams.delete("lastKey");
      await exchange.send(await exchange.reference());
    });
    const report = await verify(credentialsOf(server));
    expect(failures(report)).toMatch(/listUsers 200 \$\.data\.users: expected the page after the lastKey sent; got the same users as page 1 \(the cursor was ignored\)/);
    expect(report.checks.filter((check) => check.operationId === "listUsers" && check.name.startsWith("list users, page"))).toHaveLength(1);
  });

  it("fails a cursor that repeats forever", async () => {
    let page = 0;
    const server = await raw(async (exchange) => {
      if (!isList(exchange.url) || !exchange.request.headers["x-organization-secret"]) return exchange.send(await exchange.reference());
      const users = [0, 1].map((i) => ({ user_id: `usr_page${page}_${i}`, external_user_id: `X${i}`, full_name: "N", access_roles: ["member"] }));
      page++;
      await exchange.send(jsonAnswer(200, { message: "ok", data: { users, pagination: { total: 99, limit: 2, lastKey: "c2FtZQ" } } }));
    });
    const report = await verify(credentialsOf(server));
    expect(failures(report)).toContain("listUsers 200 $.data.pagination.lastKey: expected a new lastKey; got the lastKey of page 1 again");
    expect(page).toBe(2);
  });

  it("follows the envelope-level pagination beside a plain array, up to maxPages", async () => {
    const server = await raw(async (exchange) => {
      const answer = await exchange.reference();
      if (!isList(exchange.url) || answer.status !== 200) return exchange.send(answer);
      const body = await answer.json();
      const { users, pagination } = body.data;
      await exchange.send(jsonAnswer(200, { message: body.message, data: users, pagination: { count: users.length, hasNext: pagination.lastKey !== null, limit: 2, offset: 0, lastKey: pagination.lastKey } }));
    });
    const report = await verify({ ...credentialsOf(server), maxPages: 3 });
    expect(report.ok).toBe(true);
    expect(report.checks.filter((check) => check.operationId === "listUsers" && check.status === 200).map((check) => check.name)).toEqual([
      "list users (limit=2)",
      "list users, page 2 (following lastKey)",
      "list users, page 3 (following lastKey)",
    ]);
    expect(checkNamed(report, "list users, page 3 (following lastKey)").note).toBe("more pages remain; stopped at maxPages = 3");
  });

  it("fails hasNext: true without a lastKey", async () => {
    const server = await raw(async (exchange) => {
      const answer = await exchange.reference();
      if (!isList(exchange.url) || answer.status !== 200) return exchange.send(answer);
      const body = await answer.json();
      await exchange.send(jsonAnswer(200, { message: "ok", data: body.data.users, pagination: { count: 2, hasNext: true, limit: 2, offset: 0, lastKey: null } }));
    });
    const report = await verify(credentialsOf(server));
    expect(failures(report)).toContain("listUsers 200 $.pagination.lastKey: expected a lastKey, since hasNext is true; got null");
  });

  it("takes a plain array without pagination as the only page, and says the cursor was not exercised", async () => {
    const server = await reference(undefined, { listShape: "array" });
    const report = await verify(credentialsOf(server));
    expect(report.ok).toBe(true);
    expect(checkNamed(report, "list users, following lastKey")).toMatchObject({ outcome: "skipped", note: "the list came as a plain array, without pagination" });
  });

  it("passes a server that answers one 429 with Retry-After, after waiting for it", async () => {
    const server = await reference();
    server.handler.failNext({ status: 429, retryAfterSeconds: 1 });
    const started = Date.now();
    const report = await verify(credentialsOf(server));
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(report.ok).toBe(true);
    expect(report.checks[0]!.note).toBe("answered 429 first; sent again after 1 s");
  });

  it("retries only once: a second 503 is judged", async () => {
    const server = await reference();
    server.handler.failNext({ status: 503, times: 2, retryAfterSeconds: 0 });
    const report = await verify(credentialsOf(server));
    expect(failures(report)).toMatch(/✗ list users \(limit=2\): listUsers GET .* → 503 \(answered 503 first; sent again after 0 s\)\n    listUsers 503 \(status\): expected a 2xx success; got 503\n    the server said: Service Unavailable: Injected by the reference server/);
  });

  it("bounds a long Retry-After", async () => {
    const server = await reference();
    server.handler.failNext({ status: 429, retryAfterSeconds: 3600 });
    const started = Date.now();
    const report = await verify({ ...credentialsOf(server), maxRetryAfterMs: 200 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(report.ok).toBe(true);
  });

  it("says what the server said on a 401, with a hint about the credentials", async () => {
    const server = await reference();
    const report = await verify({ ...credentialsOf(server), token: "ref_not_a_token_of_this_server" });
    expect(failures(report)).toContain(
      "    listUsers 401 (status): expected a 2xx success; got 401\n    the server said: Unauthorized: Valid authentication token is required\n    hint: a 401 means the credentials were refused",
    );
  });

  it("skips, never passes, what depends on an unreachable server, and names the cause", async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createTcpServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const report = await verify({ baseUrl: `http://127.0.0.1:${port}`, organizationId: "3f6c1b2a-8d4e-4f5a-9b7c-1d2e3f4a5b6c", organizationSecret: "os_unreachable_secret", token: "tok_unreachable_token", allowWrites: true, allowCreate: true });
    expect(report.ok).toBe(false);
    expect(report.checks.filter((check) => check.outcome === "passed")).toEqual([]);
    expect(checkNamed(report, "every response carries its own requestId")).toMatchObject({ outcome: "skipped", note: "fewer than two responses carried a requestId" });
    expect(checkNamed(report, "update a user")).toMatchObject({ outcome: "skipped" });
    expect(checkNamed(report, "disable the user, to leave it unable to sign in")).toMatchObject({ outcome: "skipped", note: "the create had no clear answer, so verify does not know which user to disable" });
    expect(report.checks[0]!.violations[0]).toMatchObject({ path: "(request)", expected: "a response" });
    expect(report.checks[0]!.violations[0]!.actual).toMatch(/^TypeError: fetch failed; caused by ECONNREFUSED: connect ECONNREFUSED 127\.0\.0\.1:\d+/);
  });
});

describe("verify and redirects", () => {
  it("does not follow a cross-origin redirect: the other server receives nothing", async () => {
    const other = await raw(async (exchange) => exchange.send(jsonAnswer(200, { message: "stolen", data: [] })));
    const server = await raw((exchange) => {
      exchange.response.writeHead(307, { location: `${other.baseUrl}${exchange.request.url}` });
      exchange.response.end();
    });
    const report = await verify({ ...credentialsOf(server), allowWrites: true, userId: "usr_abc123def456" });
    expect(other.requests).toEqual([]);
    expect(report.ok).toBe(false);
    expect(failures(report)).toContain(`listUsers 307 (status): expected an answer, not a redirect (verify does not follow redirects); got 307 to ${other.baseUrl}/v1/organizations/`);
  });

  it("refuses credentials in the base URL before sending anything", async () => {
    const server = await raw(async (exchange) => exchange.send(await exchange.reference()));
    const withCredentials = server.baseUrl.replace("http://", "http://user:hunter2hunter2@");
    await expect(verify({ ...credentialsOf(server), baseUrl: withCredentials })).rejects.toThrow("baseUrl must be a URL without credentials (user:password@)");
    expect(server.requests).toEqual([]);
  });
});

describe("no report holds any part of a credential", () => {
  const token = ECHOED_TOKEN;
  const organizationSecret = ECHOED_ORGANIZATION_SECRET;
  const secrets = [token, organizationSecret];
  const echo = echoCredentials;

  it("in the report verify returns, as text and as JSON", async () => {
    const server = await raw(echo);
    const report = await verify({ baseUrl: server.baseUrl, organizationId: server.handler.organizationId, token, organizationSecret, userId: "usr_abc123def456", allowWrites: true, allowCreate: true });
    expect(report.ok).toBe(false);
    const text = formatReport(report);
    // Each echo was seen and judged, so the redaction had something to hide.
    expect(text).toContain("listUsers 200 (body): expected Content-Type application/json; got text/plain; echo=");
    expect(text).toContain("getUser 200 $.data.full_name: expected must NOT have more than 256 characters");
    expect(text).toContain("the server said: [redacted]: token [redacted] and secret [redacted] refused");
    expect(text).toContain("listUsers 302 (status): expected an answer, not a redirect (verify does not follow redirects); got 302 to http://127.0.0.1:1/collect?t=[redacted]&s=\n");
    expectNoPartOf(secrets, text);
    expectNoPartOf(secrets, JSON.stringify(report));
  });

  it("when the server writes them back as a Python, Java or PHP server would", async () => {
    // "!" and "/": left alone by encodeURIComponent and JSON.stringify, escaped by Python's
    // quote and PHP's json_encode.
    const orgSecret = "Clinic!Secret!2024!xyz";
    const standardBase64 = "Zm9vYmFy/YmF6cXV4/cXV4Zm9v/YmFyYmF6";
    const server = await raw((exchange) => {
      if (isList(exchange.url) && exchange.request.method === "GET" && !exchange.request.headers["x-organization-secret"]) {
        // A PHP server echoing the token it was sent.
        exchange.response.writeHead(401, { "content-type": "application/problem+json" });
        return exchange.response.end(`{"detail":"bad ${phpJson(standardBase64)}"}`);
      }
      // A login redirect carrying the organisation secret, Python-quoted.
      exchange.response.writeHead(302, { location: `/login/${pythonQuote(orgSecret)}?next=${pythonQuote(orgSecret)}` });
      exchange.response.end();
    });
    const report = await verify({ baseUrl: server.baseUrl, organizationId: server.handler.organizationId, organizationSecret: orgSecret, token: standardBase64, timeoutMs: 5000 });
    const text = formatReport(report);
    expect(text).toContain("302 to /login/[redacted]?next=[redacted]");
    expect(text).toContain('{"detail":"bad [redacted]"}');
    expectNoPartOf([orgSecret, standardBase64], text);
    expectNoPartOf([orgSecret, standardBase64], JSON.stringify(report));
  });

  it("when the secret holds escape-like text of two kinds, and the server echoes it as JSON", async () => {
    // "%4D" and a backslash: JSON doubles the backslash and leaves "%4D" as it is, which neither
    // the text as written nor every escape read back gives.
    const orgSecret = "Tr0ub%4Dor\\&3xYz!k9%2Fv";
    const server = await raw(async (exchange) => {
      if (!isList(exchange.url)) return exchange.send(await exchange.reference());
      await exchange.send(jsonAnswer(200, { message: "ok", data: String(exchange.request.headers["x-organization-secret"]) }));
    });
    const report = await verify({ ...credentialsOf(server), organizationSecret: orgSecret });
    const text = formatReport(report);
    expect(text).toMatch(/listUsers 200 \$\.data: expected .*; got "?\[redacted\]/);
    expectNoPartOf([orgSecret], text);
    expectNoPartOf([orgSecret], JSON.stringify(report));
  });

  it("the check itself finds a leaked window (so it can fail)", () => {
    expect(() => expectNoPartOf(secrets, `x${token.slice(20, 32)}x`)).toThrow("part of a secret");
    expect(() => expectNoPartOf(secrets, JSON.stringify(organizationSecret.slice(10, 40)))).toThrow("part of a secret");
  });
});
