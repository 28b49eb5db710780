// checkVerifyOptions, vendor-free: what every vendor's verify is given is checked once, each
// refusal a TypeError naming the option and never its value. A timer-taking option past what a
// timer holds (2^31-1 ms) or not above 0 is refused: Node would fire such a timer after 1 ms,
// so every probe would "time out".
import { describe, expect, it } from "vitest";
import { MAX_TIMER_MS } from "contract-kit/http";
import { VERIFY_DEFAULTS, checkVerifyOptions, type VerifyBaseOptions } from "contract-kit/verify";

interface Options extends VerifyBaseOptions {
  secret: string;
  accountId: string;
  userId?: string;
}
const names = { credentials: ["secret"], required: ["accountId"], optional: ["userId"] } as const;
const good: Options = { baseUrl: "http://127.0.0.1:9/api/", secret: "sk_test_0123456789abcdef", accountId: "acct_1" };
const checkWith = (override: Record<string, unknown>) => () => checkVerifyOptions({ ...good, ...override } as Options, names);

describe("checkVerifyOptions", () => {
  it("gives the base URL without a trailing slash and the defaults of every limit", () => {
    const checked = checkVerifyOptions(good, names);
    expect(checked.baseUrl).toBe("http://127.0.0.1:9/api");
    expect(checked.transport).toMatchObject(VERIFY_DEFAULTS);
  });

  it("takes the largest delay a timer holds", () => {
    const checked = checkVerifyOptions({ ...good, timeoutMs: MAX_TIMER_MS, maxRetryAfterMs: MAX_TIMER_MS, maxBodyBytes: 1 }, names);
    expect(checked.transport).toMatchObject({ timeoutMs: MAX_TIMER_MS, maxRetryAfterMs: MAX_TIMER_MS, maxBodyBytes: 1 });
  });

  it.each(["timeoutMs", "maxRetryAfterMs"])("refuses a %s a timer cannot wait, naming it", (name) => {
    for (const value of [0, -1, 3e9, MAX_TIMER_MS + 1, Number.NaN, Number.POSITIVE_INFINITY, "15000"]) {
      expect(checkWith({ [name]: value })).toThrow(new TypeError(`${name} must be a positive number no larger than ${MAX_TIMER_MS}`));
    }
  });

  it("refuses a maxBodyBytes that is not positive and bounded", () => {
    for (const value of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60]) {
      expect(checkWith({ maxBodyBytes: value })).toThrow(/^maxBodyBytes must be a positive number no larger than \d+$/);
    }
  });

  it("refuses a credential that cannot be sent in a header, without echoing it", () => {
    expect(checkWith({ secret: "" })).toThrow(new TypeError("secret must be a non-empty string"));
    expect(checkWith({ secret: "   " })).toThrow(new TypeError("secret must be a non-empty string"));
    for (const secret of ["sk_test_with\nnewline", " sk_test_padded"]) {
      // The message is fixed: nothing of the secret in it.
      expect(checkWith({ secret })).toThrow(new TypeError("secret must be a string without control characters or surrounding spaces (it is sent in a header)"));
    }
  });

  it("refuses a missing id and an empty optional one, naming each", () => {
    expect(checkWith({ accountId: " " })).toThrow(new TypeError("accountId must be a non-empty string"));
    expect(checkWith({ userId: "" })).toThrow(new TypeError("userId must be a non-empty string"));
    expect(checkVerifyOptions({ ...good, userId: "u" }, names).baseUrl).toBe("http://127.0.0.1:9/api");
  });

  it("refuses a base URL with credentials without echoing them, and other mistakes by name", () => {
    expect(checkWith({ baseUrl: "http://me:hunter2hunter2@127.0.0.1:9" })).toThrow(new TypeError("baseUrl must be a URL without credentials (user:password@)"));
    expect(checkWith({ baseUrl: "ftp://127.0.0.1" })).toThrow(new TypeError("baseUrl must be an absolute http(s) URL"));
    expect(checkWith({ fetch: "nope" })).toThrow(new TypeError("fetch must be a function"));
    expect(checkWith({ allowWrites: "yes" })).toThrow(new TypeError("allowWrites must be a boolean"));
  });
});
