// The client's onResponse hook as OpenTelemetry spans: one CLIENT span per attempt, named and
// attributed by the HTTP client semantic conventions (https://opentelemetry.io/docs/specs/semconv/http/http-spans/).
// Copy it into your code, importing from "parchment-contract" (this copy imports the source so
// that the repository's tests run it: test/observe/opentelemetry.test.ts). `@opentelemetry/api`
// is your dependency; the package does not import it.
import { SpanKind, SpanStatusCode, trace, type Tracer } from "@opentelemetry/api";
import { PARCHMENT_SERVERS, type ResponseEvent } from "../../src/index.js";

/** An onResponse hook that records each attempt as a span, for a client on `baseUrl`. */
export function parchmentSpans(tracer: Tracer = trace.getTracer("parchment-contract"), baseUrl: string = PARCHMENT_SERVERS.sandbox) {
  const { hostname, port, protocol } = new URL(baseUrl);
  const serverPort = Number(port || (protocol === "https:" ? 443 : 80));
  return (event: ResponseEvent): void => {
    // The hook runs when the attempt has ended: the span is recorded after the fact.
    const end = performance.timeOrigin + performance.now();
    const failed = event.error !== undefined || (event.status !== undefined && event.status >= 400);
    const span = tracer.startSpan(`${event.method} ${event.path}`, {
      kind: SpanKind.CLIENT,
      startTime: end - event.durationMs,
      attributes: {
        "http.request.method": event.method,
        "url.template": event.path,
        "server.address": hostname,
        "server.port": serverPort,
        ...(event.status === undefined ? {} : { "http.response.status_code": event.status }),
        ...(event.attempt > 1 ? { "http.request.resend_count": event.attempt - 1 } : {}),
        ...(failed ? { "error.type": event.error ?? String(event.status) } : {}),
        "parchment.operation_id": event.operationId,
        ...(event.requestId === undefined ? {} : { "parchment.request_id": event.requestId }),
      },
    });
    if (failed) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end(end);
  };
}
