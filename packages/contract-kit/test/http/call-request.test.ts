// The Request openapi-fetch builds for each call (CallRequest): never following redirects, and
// carrying a controller of ours when the caller gave no signal, taken once by the transport.
import { describe, expect, it } from "vitest";
import { CallRequest, callerSignalOf, takeController } from "contract-kit/http";

describe("CallRequest", () => {
  it("without a caller's signal: a controller of ours, taken once, whose abort reaches the request", () => {
    const request = new CallRequest("http://127.0.0.1:1/x", { redirect: "follow" });
    expect(Object.prototype.toString.call(request)).toBe("[object Request]");
    expect(request.redirect).toBe("manual");
    expect(callerSignalOf(request)).toBeUndefined();
    const controller = takeController(request)!;
    expect(controller).toBeInstanceOf(AbortController);
    expect(takeController(request)).toBeUndefined();
    controller.abort(new Error("deadline"));
    expect(request.signal.aborted).toBe(true);
  });

  it("any Request passes openapi-fetch's instanceof check of a middleware's result", () => {
    expect(new Request("http://127.0.0.1:1/x") instanceof CallRequest).toBe(true);
    expect({ url: "http://127.0.0.1:1/x" } instanceof CallRequest).toBe(false);
  });

  it("with a caller's signal: left on the request as given, and no controller to take", () => {
    const caller = new AbortController();
    const request = new CallRequest("http://127.0.0.1:1/x", { signal: caller.signal });
    expect(request.redirect).toBe("manual");
    expect(takeController(request)).toBeUndefined();
    const signal = callerSignalOf(request)!;
    caller.abort(new Error("gave up"));
    expect(signal.aborted).toBe(true);
  });
});
