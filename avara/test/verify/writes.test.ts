// verify's writes against servers that keep the contract but hold a user whose values the
// update's schema refuses (the write is not made, and says why), and servers that store the
// refused update anyway and then answer 2xx, fail or never finish answering: the user's
// firstName is put back, and the report says so, or what it could not put back. On real
// sockets, over the reference handler's own state.
import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { closeAllServers, startServer } from "contract-kit/test-support";
import { createReferenceHandler } from "../../src/testing/index.js";
import { verify, type VerifyReport } from "../../src/verify/verify.js";

afterEach(closeAllServers);

const check = (report: VerifyReport, name: string) => report.checks.find((each) => each.name === name)!;
const REFUSED = "update with an empty firstName (expects 400 or 422)";
const json = (response: ServerResponse, status: number, body: unknown) => response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));

/**
 * The reference handler behind a socket; an update with an empty firstName is stored (Avara's
 * rules bypassed) and then answered by `after`, and while it is stored the user reads with
 * it. `restore`, when given, answers the updates that follow in its place.
 */
async function storesTheEmptyName(after: (response: ServerResponse, user: unknown) => void, restore?: (response: ServerResponse) => void) {
  const handler = createReferenceHandler();
  const stored: { firstName?: string } = {};
  const updates: unknown[] = [];
  const server = await startServer(async (request, response, body) => {
    const url = `http://reference.test${request.url}`;
    const headers = Object.fromEntries(Object.entries(request.headers).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
    if (request.method === "PATCH") updates.push(JSON.parse(body));
    if (request.method === "PATCH" && JSON.parse(body).firstName === "") {
      stored.firstName = "";
      return after(response, { ...handler.readUser(handler.userId), firstName: "" });
    }
    if (request.method === "PATCH" && stored.firstName === "" && restore) return restore(response);
    if (request.method === "PATCH") delete stored.firstName;
    const answer = await handler.fetch(new Request(url, { method: request.method, headers, body: body || undefined }));
    const text = await answer.text();
    const shown = request.method === "GET" && stored.firstName === "" && answer.ok ? JSON.stringify({ ...JSON.parse(text), firstName: "" }) : text;
    response.writeHead(answer.status, { "content-type": "application/json" }).end(shown);
  });
  return { handler, server, stored, updates, options: { baseUrl: server.url, apiKey: handler.apiKey, userId: handler.userId, allowWrites: true } };
}

describe("verify puts back a refused update that may have taken effect", () => {
  it("stored, then answered 200: the check fails and firstName is put back", async () => {
    const { handler, options, stored, updates } = await storesTheEmptyName((response, user) => json(response, 200, user));
    const report = await verify(options);
    expect(report.checks.filter((each) => each.outcome === "failed").map((each) => each.name)).toEqual([REFUSED]);
    expect(check(report, REFUSED).violations).toContainEqual({ path: "(status)", expected: "400 or 422", actual: "200" });
    expect(check(report, "restore the user")).toMatchObject({ outcome: "passed", status: 200, note: 'put back firstName "Sarah" after the update with an empty firstName: it was answered 200' });
    expect(updates.at(-1)).toEqual({ firstName: "Sarah" });
    expect(stored.firstName).toBeUndefined();
    expect(handler.readUser(handler.userId)?.firstName).toBe("Sarah");
  });

  it("stored, then answered 500", async () => {
    const { options, stored } = await storesTheEmptyName((response) => json(response, 500, { error: { type: "api_error", message: "stored, then failed" } }));
    const report = await verify(options);
    expect(check(report, REFUSED)).toMatchObject({ outcome: "failed", status: 500 });
    expect(check(report, "restore the user")).toMatchObject({ outcome: "passed", note: 'put back firstName "Sarah" after the update with an empty firstName: it was answered 500' });
    expect(stored.firstName).toBeUndefined();
  });

  it("stored, then never finished", async () => {
    const { options, stored } = await storesTheEmptyName((response) => response.writeHead(200, { "content-type": "application/json" }).write('{"userId": '));
    const report = await verify({ ...options, timeoutMs: 500 });
    expect(check(report, REFUSED).outcome).toBe("failed");
    expect(check(report, "restore the user")).toMatchObject({ outcome: "passed", note: 'put back firstName "Sarah" after the update with an empty firstName: no complete answer came' });
    expect(stored.firstName).toBeUndefined();
  });

  it("stored, and the restore fails: the report says what could not be put back", async () => {
    const { options, stored } = await storesTheEmptyName(
      (response, user) => json(response, 200, user),
      (response) => json(response, 500, { error: { type: "api_error", message: "down" } }),
    );
    const report = await verify(options);
    expect(check(report, "restore the user")).toMatchObject({ outcome: "failed", status: 500, note: `could not put back firstName "Sarah": the user's firstName may be left empty` });
    expect(stored.firstName).toBe("");
    expect(report.ok).toBe(false);
  });
});

describe("verify sends no update the contract refuses", () => {
  it("an admin without dashboard access (a User may be one; an update may not make one): the no-op update is not sent, the refused one is", async () => {
    // The reference handler, its user read as such an admin; every update validated by its schema.
    const handler = createReferenceHandler();
    const updates: unknown[] = [];
    const server = await startServer(async (request, response, body) => {
      const headers = Object.fromEntries(Object.entries(request.headers).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
      if (request.method === "PATCH") updates.push(JSON.parse(body));
      const answer = await handler.fetch(new Request(`http://reference.test${request.url}`, { method: request.method, headers, body: body || undefined }));
      const text = await answer.text();
      const admin = (user: object) => ({ ...user, level: "admin", hasDashboardAccess: false });
      response.writeHead(answer.status, { "content-type": "application/json" }).end(request.method === "GET" && answer.ok ? JSON.stringify(admin(JSON.parse(text))) : text);
    });
    const report = await verify({ baseUrl: server.url, apiKey: handler.apiKey, userId: handler.userId, allowWrites: true });
    expect(check(report, "update the user with its own current values")).toMatchObject({ outcome: "skipped", note: "the user's current values cannot be sent (A user cannot be made an admin while losing dashboard access)" });
    expect(check(report, REFUSED)).toMatchObject({ outcome: "passed", status: 400 });
    expect(check(report, "restore the user").outcome).toBe("skipped");
    expect(updates).toEqual([{ firstName: "" }]);
    expect(report.ok).toBe(true);
  });
});
