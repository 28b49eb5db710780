// Reading a body taken as text: the Content-Type must say JSON (and is redacted when quoted),
// the text must parse; and a path segment option, checked before it reaches a URL.
import { describe, expect, it } from "vitest";
import { notJsonReason, parseJsonText, pathSegment } from "contract-kit/http";

const redact = (text: string) => text.replaceAll("s3cret", "[redacted]");

describe("notJsonReason", () => {
  it("accepts JSON and +json types, with parameters", () => {
    for (const type of ["application/json", "application/json; charset=utf-8", "application/problem+json"]) expect(notJsonReason(type, redact)).toBeUndefined();
  });

  it("names what came instead, redacted", () => {
    expect(notJsonReason(null, redact)).toBe("expected a JSON body, got no content type");
    expect(notJsonReason("text/html; s3cret", redact)).toBe("expected a JSON body, got text/html; [redacted]");
  });
});

describe("parseJsonText", () => {
  const invalid = () => new Error("not JSON");
  it("parses, and an empty body is undefined", () => {
    expect(parseJsonText('{"a":[1]}', invalid)).toEqual({ a: [1] });
    expect([parseJsonText("", invalid), parseJsonText(undefined, invalid)]).toEqual([undefined, undefined]);
  });

  it("throws the caller's error for text that is not JSON", () => {
    expect(() => parseJsonText("<html>", invalid)).toThrow("not JSON");
  });
});

describe("pathSegment", () => {
  it("keeps a non-empty segment, refuses an empty one and the dot folders", () => {
    expect(pathSegment("userId", "usr_1")).toBe("usr_1");
    expect(() => pathSegment("userId", "")).toThrow(new TypeError("userId must be a non-empty string"));
    expect(() => pathSegment("userId", 7)).toThrow(TypeError);
    for (const dots of [".", ".."]) expect(() => pathSegment("userId", dots)).toThrow(new TypeError('userId must be other than "." or ".."'));
  });
});
