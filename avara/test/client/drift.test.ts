// validateResponses on Avara's client, against real servers on 127.0.0.1 that answer what the
// contract does not say and echo the API key: reported or thrown, never with a value or the key.
import { afterEach, describe, expect, it } from "vitest";
import { AvaraResponseError, createAvaraClient, type DriftEvent } from "../../src/index.js";
import { createReferenceHandler } from "../../src/testing/index.js";
import { closeAllServers, everyView, expectNoPartOf, startServer } from "contract-kit/test-support";
import { failure } from "./support.js";

afterEach(closeAllServers);

const API_KEY = "sk_live_4f1c8e2b7d3a9f6e0c5b1a8d77";
const reference = createReferenceHandler({ apiKey: API_KEY });
const drifted = { ...reference.readUser(reference.userId)!, email: `${API_KEY}@`, canCreateReports: "yes" };
const serve = (body: unknown) =>
  startServer((_request, response) => response.writeHead(200, { "content-type": "application/json", "x-request-id": `rq_${API_KEY}` }).end(JSON.stringify(body)));

describe("validateResponses", () => {
  it('"report" names each pointer and keyword, redacts the request id, and returns the user', async () => {
    const server = await serve(drifted);
    const events: DriftEvent[] = [];
    const user = await createAvaraClient({ baseUrl: server.url, apiKey: API_KEY, validateResponses: "report", onDrift: (event) => events.push(event) }).users.get(reference.userId);
    expect(user.userId).toBe(reference.userId);
    expect(events[0]).toMatchObject({ operationId: "getUser", method: "GET", path: "/v1/autoScribe/users/{userId}", status: 200 });
    expect(events[0]!.violations.map(({ pointer, keyword }) => `${pointer} ${keyword}`)).toEqual(expect.arrayContaining(["/email format", "/canCreateReports type"]));
    expect(events[0]!.requestId).toMatch(/^rq_/);
    expectNoPartOf(API_KEY, everyView(events));
    expect(everyView(events)).not.toContain("yes");
  });

  it('"throw" raises an AvaraResponseError with the violations and no part of the key', async () => {
    const server = await serve(drifted);
    const error = await failure(createAvaraClient({ baseUrl: server.url, apiKey: API_KEY, validateResponses: "throw" }).users.get(reference.userId));
    expect(error).toBeInstanceOf(AvaraResponseError);
    expect((error as AvaraResponseError).violations?.length).toBeGreaterThanOrEqual(2);
    expect(error.message).toContain("/email (format)");
    expectNoPartOf(API_KEY, everyView(error));
  });
});
