// docs/examples/opentelemetry.ts with the OpenTelemetry SDK's in-memory exporter: one CLIENT
// span per attempt, with the HTTP client semantic conventions, on a real server on 127.0.0.1.
import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { afterEach, describe, expect, it } from "vitest";
import { parchmentSpans } from "../../docs/examples/opentelemetry.js";
import { createParchmentClient } from "../../src/index.js";
import { closeAllServers, envelope, expectNoPartOf, startServer } from "contract-kit/test-support";

afterEach(closeAllServers);

const ORG = "3f6c1b2a-8d4e-4f5a-9b7c-1d2e3f4a5b6c";
const SECRET = "os_live_9a2e7f41c0d3b8e6";

describe("the OpenTelemetry example", () => {
  it("records each attempt as a CLIENT span named by method and template", async () => {
    let calls = 0;
    const server = await startServer((_request, response) => {
      calls++;
      if (calls === 1) return void response.writeHead(503, { "content-type": "application/json", "retry-after": "0" }).end("{}");
      response.writeHead(200, { "content-type": "application/json" }).end(envelope({ user_id: "usr_1" }));
    });
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    const client = createParchmentClient({ baseUrl: server.url, organizationId: ORG, organizationSecret: SECRET, token: "tok_abcdefghijklmnop", onResponse: parchmentSpans(provider.getTracer("test"), server.url) });
    await client.users.get("usr_1");
    const spans = exporter.getFinishedSpans();
    expect(spans.map((span) => span.name)).toEqual(["GET /v1/organizations/{organization_id}/users/{user_id}", "GET /v1/organizations/{organization_id}/users/{user_id}"]);
    const [failed, ok] = spans as [(typeof spans)[0], (typeof spans)[0]];
    expect(ok.kind).toBe(SpanKind.CLIENT);
    expect(ok.attributes).toEqual({
      "http.request.method": "GET",
      "url.template": "/v1/organizations/{organization_id}/users/{user_id}",
      "server.address": "127.0.0.1",
      "server.port": Number(new URL(server.url).port),
      "http.response.status_code": 200,
      "http.request.resend_count": 1,
      "parchment.operation_id": "getUser",
      "parchment.request_id": "req_ok",
    });
    expect(failed.attributes["error.type"]).toBe("503");
    expect(failed.status.code).toBe(SpanStatusCode.ERROR);
    expectNoPartOf(SECRET, JSON.stringify(spans.map((span) => span.attributes)));
    await provider.shutdown();
  });
});
