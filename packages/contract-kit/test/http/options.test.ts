// The option checks every client and provider runs when it is made: each bad option is a
// TypeError naming the option, never its value (several options are secrets), and the
// boundaries (0, negatives, NaN, Infinity, what a timer can hold) are where the docs put them.
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  MAX_SECRET_LENGTH,
  MAX_TIMER_MS,
  baseUrlOption,
  check,
  createTransport,
  fetchOption,
  headerString,
  isHeaderValue,
  positiveNumber,
  userAgentOption,
  uuidOption,
  type ConnectionOptions,
  type TransportErrors,
} from "contract-kit/http";
import { everyView } from "contract-kit/test-support";

afterEach(() => {
  vi.unstubAllGlobals();
});

const SECRET = "sk_live_9f3b2c7e1d4a8f6b0e5c";

/** The TypeError `call` throws; fails the test when it throws none or another kind. */
function typeErrorOf(call: () => unknown): TypeError {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError);
    return error as TypeError;
  }
  throw new Error("expected a TypeError");
}

/** Refused with exactly `message`, and nothing of `value` in any view of the error. */
function expectRefused(call: () => unknown, message: string, value?: string) {
  const error = typeErrorOf(call);
  expect(error.message).toBe(message);
  if (value !== undefined) expect(everyView(error)).not.toContain(value);
}

describe("check", () => {
  it("throws a TypeError '<name> must be <what>' on a falsy value, nothing on a truthy one", () => {
    expectRefused(() => check(0, "limit", "a number"), "limit must be a number");
    expectRefused(() => check("", "limit", "a number"), "limit must be a number");
    expect(() => check(1, "limit", "a number")).not.toThrow();
  });

  it("the longest timer is 2^31-1 ms, what setTimeout can hold", () => {
    expect(MAX_TIMER_MS).toBe(2 ** 31 - 1);
  });
});

describe("isHeaderValue", () => {
  it.each([
    ["a token", "eyJhbGciOiJIUzI1NiJ9.payload.sig", true],
    ["one character", "x", true],
    ["inner spaces", "acme clinic/2.1 (beta)", true],
    ["Latin-1", "café", true],
    ["empty", "", false],
    ["a leading space", " token", false],
    ["a trailing space", "token ", false],
    ["CRLF (header injection)", "token\r\nx-injected: 1", false],
    ["a lone LF", "token\nx", false],
    ["NUL", "tok\u0000en", false],
    ["a tab", "tok\ten", false],
    ["DEL", "tok\u007fen", false],
    ["outside Latin-1", "tok✓en", false],
  ])("%s: %s", (_name, value, ok) => {
    expect(isHeaderValue(value)).toBe(ok);
  });
});

describe("headerString", () => {
  it("returns a string that can be sent in a header as it is", () => {
    expect(headerString("apiKey", SECRET)).toBe(SECRET);
  });

  it.each([undefined, null, 42, {}, [], "", "   ", "\t"])("refuses %j as not a non-empty string", (value) => {
    expectRefused(() => headerString("apiKey", value), "apiKey must be a non-empty string");
  });

  it("takes a value of MAX_SECRET_LENGTH (16384) characters, and refuses a longer one by its length, without echoing it", () => {
    expect(MAX_SECRET_LENGTH).toBe(16_384);
    const longest = `sk_${"0123456789abcdef".repeat(1024)}`.slice(0, 16_384);
    expect(headerString("apiKey", longest)).toBe(longest);
    expectRefused(() => headerString("apiKey", `${longest}x`), "apiKey must be at most 16384 characters (it is sent in a header)", "0123456789ab");
  });

  it.each([`${SECRET}\r\nx-injected: 1`, ` ${SECRET}`, `${SECRET} `, `${SECRET}\u0000`, `${SECRET}✓`])(
    "refuses %j without echoing it",
    (value) => {
      expectRefused(() => headerString("apiKey", value), "apiKey must be a string without control characters or surrounding spaces (it is sent in a header)", SECRET);
    },
  );
});

describe("uuidOption", () => {
  it("takes a UUID in either case", () => {
    expect(uuidOption("organizationId", "123e4567-e89b-12d3-a456-426614174000")).toBe("123e4567-e89b-12d3-a456-426614174000");
    expect(uuidOption("organizationId", "123E4567-E89B-12D3-A456-426614174000")).toBe("123E4567-E89B-12D3-A456-426614174000");
  });

  it.each([undefined, 42, "", "123e4567e89b12d3a456426614174000", " 123e4567-e89b-12d3-a456-426614174000", "123e4567-e89b-12d3-a456-42661417400g", `${SECRET}-e89b`])(
    "refuses %j without echoing it",
    (value) => {
      expectRefused(() => uuidOption("organizationId", value), "organizationId must be a UUID (format: uuid in openapi.yaml)", typeof value === "string" && value ? value : undefined);
    },
  );
});

describe("baseUrlOption", () => {
  it("falls back to the vendor's server only when none is given", () => {
    expect(baseUrlOption(undefined, "https://sandbox.example.com/v2")).toBe("https://sandbox.example.com/v2");
    expectRefused(() => baseUrlOption(undefined), "baseUrl must be an absolute http(s) URL");
    expectRefused(() => baseUrlOption("", "https://sandbox.example.com"), "baseUrl must be an absolute http(s) URL");
  });

  it("strips trailing slashes and keeps the path", () => {
    expect(baseUrlOption("https://api.example.com/")).toBe("https://api.example.com");
    expect(baseUrlOption("https://api.example.com/external//")).toBe("https://api.example.com/external");
    expect(baseUrlOption("HTTP://API.Example.com:8080/v1")).toBe("http://api.example.com:8080/v1");
  });

  it.each([42, {}, "api.example.com", "/v1", "//api.example.com", "ftp://api.example.com", "file:///etc/passwd", "javascript:alert(1)", "data:,x"])(
    "refuses %j as not an absolute http(s) URL",
    (value) => {
      expectRefused(() => baseUrlOption(value), "baseUrl must be an absolute http(s) URL");
    },
  );

  it.each([`https://admin:${SECRET}@api.example.com`, `https://${SECRET}@api.example.com/v1`, `https://:${SECRET}@api.example.com`])(
    "refuses credentials in %s without echoing them",
    (value) => {
      expectRefused(() => baseUrlOption(value), "baseUrl must be a URL without credentials (user:password@)", SECRET);
    },
  );

  it.each([`https://api.example.com/v1?key=${SECRET}`, `https://api.example.com/v1#${SECRET}`, "https://api.example.com/v1?", "https://api.example.com/v1#", "https://api.example.com/?#"])(
    "refuses a query or fragment in %s, an empty one included (paths would land in it), without echoing it",
    (value) => {
      expectRefused(() => baseUrlOption(value), "baseUrl must be a URL without a query or fragment", SECRET);
    },
  );
});

describe("positiveNumber", () => {
  it("is the fallback when absent, the value when within (0, max]", () => {
    expect(positiveNumber("timeoutMs", undefined, 30_000)).toBe(30_000);
    expect(positiveNumber("timeoutMs", 0.5, 30_000)).toBe(0.5);
    expect(positiveNumber("timeoutMs", MAX_TIMER_MS, 30_000, MAX_TIMER_MS)).toBe(MAX_TIMER_MS);
    expect(positiveNumber("maxResponseBytes", Number.MAX_SAFE_INTEGER, 1)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it.each([0, -0, -1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2 ** 31, null, "1000", true])(
    "refuses %s as a timer, naming the bound",
    (value) => {
      expectRefused(() => positiveNumber("timeoutMs", value, 30_000, MAX_TIMER_MS), "timeoutMs must be a positive number no larger than 2147483647");
    },
  );

  it("refuses past MAX_SAFE_INTEGER by default, and never echoes the value", () => {
    expectRefused(() => positiveNumber("maxResponseBytes", 2 ** 53, 1), `maxResponseBytes must be a positive number no larger than ${Number.MAX_SAFE_INTEGER}`);
    expectRefused(() => positiveNumber("timeoutMs", SECRET, 1), `timeoutMs must be a positive number no larger than ${Number.MAX_SAFE_INTEGER}`, SECRET);
  });
});

describe("fetchOption", () => {
  it.each([null, 42, "fetch", {}, { fetch() {} }])("refuses %j", (value) => {
    expectRefused(() => fetchOption(value), "fetch must be a function");
  });

  it("uses the caller's function as it is", () => {
    const mine = async () => new Response("mine");
    expect(fetchOption(mine)).toBe(mine);
  });

  it("without one, looks the global fetch up per call (one installed later is used)", async () => {
    const defaulted = fetchOption(undefined);
    const installed = vi.fn(async () => new Response("late"));
    vi.stubGlobal("fetch", installed);
    const response = await defaulted(new Request("http://127.0.0.1:1/x"));
    expect(await response.text()).toBe("late");
    expect(installed).toHaveBeenCalledTimes(1);
  });
});

describe("userAgentOption", () => {
  it("is ours alone, or ours then the caller's product", () => {
    expect(userAgentOption("kit/1.0.0", undefined)).toBe("kit/1.0.0");
    expect(userAgentOption("kit/1.0.0", "acme-clinic/2.1")).toBe("kit/1.0.0 acme-clinic/2.1");
  });

  it.each(["", 42, "acme\r\nx-injected: 1", " acme"])("refuses %j under the name userAgent", (value) => {
    expect(() => userAgentOption("kit/1.0.0", value)).toThrow(/^userAgent must be a/);
  });
});

describe("createTransport checks every connection option when it is made, before any request", () => {
  const errors: TransportErrors = {
    isOwn: () => false,
    failed: (_operation, message) => new Error(message),
    network: (_operation, message) => new Error(message),
    timeout: (_operation, message) => new Error(message),
    response: (_operation, message) => new Error(message),
  };
  const make = (connection: Record<string, unknown>) => {
    const fetch = vi.fn(async () => new Response("{}"));
    const transport = createTransport({ fetch, ...connection } as ConnectionOptions, { defaultBaseUrl: "https://sandbox.example.com", product: "kit/1.0.0", errors, redact: (text) => text });
    return { transport, fetch };
  };

  it.each([
    ["baseUrl", { baseUrl: `https://admin:${SECRET}@api.example.com` }, "baseUrl must be a URL without credentials (user:password@)"],
    ["baseUrl", { baseUrl: "ftp://api.example.com" }, "baseUrl must be an absolute http(s) URL"],
    ["fetch", { fetch: SECRET }, "fetch must be a function"],
    ["timeoutMs", { timeoutMs: 0 }, `timeoutMs must be a positive number no larger than ${MAX_TIMER_MS}`],
    ["timeoutMs", { timeoutMs: -1 }, `timeoutMs must be a positive number no larger than ${MAX_TIMER_MS}`],
    ["timeoutMs", { timeoutMs: Number.NaN }, `timeoutMs must be a positive number no larger than ${MAX_TIMER_MS}`],
    ["timeoutMs", { timeoutMs: Number.POSITIVE_INFINITY }, `timeoutMs must be a positive number no larger than ${MAX_TIMER_MS}`],
    ["timeoutMs", { timeoutMs: 2 ** 31 }, `timeoutMs must be a positive number no larger than ${MAX_TIMER_MS}`],
    ["maxResponseBytes", { maxResponseBytes: 0 }, `maxResponseBytes must be a positive number no larger than ${Number.MAX_SAFE_INTEGER}`],
    ["maxResponseBytes", { maxResponseBytes: Number.NaN }, `maxResponseBytes must be a positive number no larger than ${Number.MAX_SAFE_INTEGER}`],
    ["maxResponseBytes", { maxResponseBytes: Number.POSITIVE_INFINITY }, `maxResponseBytes must be a positive number no larger than ${Number.MAX_SAFE_INTEGER}`],
    ["userAgent", { userAgent: `acme ${SECRET}\r\n` }, "userAgent must be a string without control characters or surrounding spaces (it is sent in a header)"],
    ["userAgent", { userAgent: "" }, "userAgent must be a non-empty string"],
  ])("%s: %j", (_name, connection, message) => {
    expectRefused(() => make(connection), message, SECRET);
  });

  it("takes the boundaries: timeoutMs 2^31-1, and the vendor's server when no baseUrl is given", () => {
    const { transport, fetch } = make({ timeoutMs: MAX_TIMER_MS, maxResponseBytes: 1 });
    expect(transport.baseUrl).toBe("https://sandbox.example.com");
    expect(fetch).not.toHaveBeenCalled();
  });
});
