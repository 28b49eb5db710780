// verify's refused update against servers that store it anyway and then fail or never finish
// answering: the user's values are put back, and the report says so. On real sockets, over the
// reference handler's own state.
import { afterEach, describe, expect, it } from "vitest";
import { closeAllServers, startServer } from "contract-kit/test-support";
import { createReferenceHandler } from "../../src/testing/index.js";
import { verify, type VerifyReport } from "../../src/verify/verify.js";

afterEach(closeAllServers);

const check = (report: VerifyReport, name: string) => report.checks.find((each) => each.name === name)!;
const REFUSED = "update with an empty firstName (expects 400 or 422)";

/** The reference handler behind a socket; an update with an empty firstName is stored (Avara's rules bypassed) and then answered by `after`. */
async function storesTheEmptyName(after: (response: import("node:http").ServerResponse) => void) {
  const handler = createReferenceHandler();
  const stored: { firstName?: string } = {};
  const server = await startServer(async (request, response, body) => {
    const url = `http://reference.test${request.url}`;
    const headers = Object.fromEntries(Object.entries(request.headers).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
    if (request.method === "PATCH" && JSON.parse(body).firstName === "") {
      stored.firstName = "";
      return after(response);
    }
    if (request.method === "PATCH") delete stored.firstName;
    const answer = await handler.fetch(new Request(url, { method: request.method, headers, body: body || undefined }));
    const text = await answer.text();
    const shown = request.method === "GET" && stored.firstName === "" && answer.ok ? JSON.stringify({ ...JSON.parse(text), firstName: "" }) : text;
    response.writeHead(answer.status, { "content-type": "application/json" }).end(shown);
  });
  return { handler, server, stored, options: { baseUrl: server.url, apiKey: handler.apiKey, userId: handler.userId, allowWrites: true } };
}

describe("verify puts back a refused update that may have taken effect", () => {
  it("stored, then answered 500", async () => {
    const { options, stored } = await storesTheEmptyName((response) => response.writeHead(500, { "content-type": "application/json" }).end('{"error": {"type": "api_error", "message": "stored, then failed"}}'));
    const report = await verify(options);
    expect(check(report, REFUSED)).toMatchObject({ outcome: "failed", status: 500 });
    expect(check(report, "restore the user")).toMatchObject({ outcome: "passed", note: "put back the user's values after the update with an empty firstName: it was answered 500" });
    expect(stored.firstName).toBeUndefined();
  });

  it("stored, then never finished", async () => {
    const { options, stored } = await storesTheEmptyName((response) => response.writeHead(200, { "content-type": "application/json" }).write('{"userId": '));
    const report = await verify({ ...options, timeoutMs: 500 });
    expect(check(report, REFUSED).outcome).toBe("failed");
    expect(check(report, "restore the user")).toMatchObject({ outcome: "passed", note: "put back the user's values after the update with an empty firstName: no complete answer came" });
    expect(stored.firstName).toBeUndefined();
  });
});
