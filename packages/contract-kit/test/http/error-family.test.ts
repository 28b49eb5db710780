// The shared parts of a vendor's errors, on a family of its own: the base's message and
// fields, the transport's four errors made from the classes, and names set on prototypes.
import { describe, expect, it } from "vitest";
import { OperationError, nameClasses, transportErrors } from "contract-kit/http";

class TinyError extends OperationError {}
class TinyNetworkError extends TinyError {}
class TinyTimeoutError extends TinyNetworkError {}
class TinyResponseError extends TinyError {}
const operation = { method: "GET", path: "/v1/things/{id}" };

describe("the error family", () => {
  it("names the operation in the message and keeps the fields as properties", () => {
    const error = new TinyError(operation, "went wrong", { status: 418 }, { cause: new Error("below") });
    expect(error.message).toBe("GET /v1/things/{id}: went wrong");
    expect({ method: error.method, path: error.path, status: (error as unknown as { status: number }).status }).toEqual({ ...operation, status: 418 });
    expect((error.cause as Error).message).toBe("below");
  });

  it("builds the transport's errors from the classes", () => {
    const errors = transportErrors({ base: TinyError, network: TinyNetworkError, timeout: TinyTimeoutError, response: TinyResponseError });
    const cause = new Error("reset");
    expect(errors.failed(operation, "failed", cause)).toBeInstanceOf(TinyError);
    expect(errors.network(operation, "no answer", cause)).toMatchObject({ constructor: TinyNetworkError, cause });
    expect(errors.timeout(operation, "too slow", 50)).toMatchObject({ constructor: TinyTimeoutError, timeoutMs: 50 });
    expect(errors.response(operation, "not JSON", 200)).toMatchObject({ constructor: TinyResponseError, status: 200 });
    expect([errors.isOwn(new TinyResponseError(operation, "x")), errors.isOwn(new Error("x"))]).toEqual([true, false]);
  });

  it("names classes on their prototypes, as a minifier cannot undo", () => {
    const Renamed = class extends TinyError {};
    nameClasses({ TinyError, Shown: Renamed });
    expect([new Renamed(operation, "x").name, new TinyNetworkError(operation, "x").name]).toEqual(["Shown", "TinyError"]);
  });
});
