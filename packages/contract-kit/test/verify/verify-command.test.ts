// verifyCommand, vendor-free and in-process: a made-up vendor's options table, read from flags
// or variables, its refusals as usage errors (exit 2) naming the flag, its report printed as
// text or JSON with every secret redacted, the "verify stopped" fallback (exit 1), and the exit
// code from the report. The vendor's verify is a stand-in that records what it was given.
// (Here rather than in a test/cli folder: nothing is spawned, so it belongs to the fast loop.)
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { runProgram, verifyCommand } from "contract-kit/cli";
import { OptionError } from "contract-kit/http";
import { checkVerifyOptions, type VerifyBaseOptions, type VerifyReport } from "contract-kit/verify";
import { expectNoPartOf } from "contract-kit/test-support";

interface Options extends VerifyBaseOptions {
  secret: string;
  accountId: string;
  maxItems?: number;
  deep?: boolean;
}

const SECRET = "sk_kit_verify_0123456789abcdef";
/** What a terminal acts on rather than shows, but the newlines between a report's lines. */
const TERMINAL_CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const USAGE = "usage: kit-contract verify --base-url URL --secret S --account A [--max-items N] [--deep]";
let given: Options[] = [];
let answer: (options: Options) => Promise<VerifyReport>;
const passing = (options: Options): Promise<VerifyReport> => {
  // The vendor's verify checks its options as both vendors do.
  checkVerifyOptions(options, { credentials: ["secret"], required: ["accountId"] });
  return Promise.resolve({ ok: true, baseUrl: options.baseUrl, checks: [{ name: `read ${options.secret}`, operationId: "getThing", method: "GET", path: "/things", status: 200, outcome: "passed", violations: [] }] });
};

const command = verifyCommand<Options>({
  name: "kit-contract",
  usage: USAGE,
  baseUrlVariable: "KIT_BASE_URL",
  credentialsGo: "pass it as --secret",
  flags: [
    { flag: "secret", option: "secret", variable: "KIT_SECRET", required: true, secret: true },
    { flag: "account", option: "accountId", variable: "KIT_ACCOUNT", required: true },
    { flag: "max-items", option: "maxItems", type: "count" },
    { flag: "deep", option: "deep", type: "boolean" },
  ],
  verify: (options) => {
    given.push(options);
    return answer(options);
  },
});

let out: string[];
let err: string[];
beforeEach(() => {
  given = [];
  answer = passing;
  out = [];
  err = [];
  vi.spyOn(console, "log").mockImplementation((line: string) => void out.push(line));
  vi.spyOn(console, "error").mockImplementation((line: string) => void err.push(line));
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

const run = (args: string[]) => runProgram({ name: "kit-contract", usage: USAGE, packageJson: new URL("../../package.json", import.meta.url), commands: { verify: command } }, ["verify", ...args]);
const flags = ["--base-url", "http://127.0.0.1:9/api/", "--secret", SECRET, "--account", "acct_1"];

describe("verifyCommand", () => {
  it("gives verify every option from its flag, and prints the report redacted; exit 0", async () => {
    expect(await run([...flags, "--max-items", "3", "--timeout", "1.5", "--allow-writes", "--deep"])).toBe(0);
    expect(given).toEqual([{ baseUrl: "http://127.0.0.1:9/api", secret: SECRET, accountId: "acct_1", maxItems: 3, deep: true, allowWrites: true, timeoutMs: 1500 }]);
    expect(out.join("\n")).toBe("kit-contract verify http://127.0.0.1:9/api\n✓ read [redacted]: getThing GET /things → 200\n1 passed, 0 failed, 0 skipped");
  });

  it("reads what a flag leaves out from its variable, and names every missing one at once, in usage order", async () => {
    vi.stubEnv("KIT_BASE_URL", "http://127.0.0.1:9");
    vi.stubEnv("KIT_SECRET", SECRET);
    vi.stubEnv("KIT_ACCOUNT", "");
    expect(await run(["--json"])).toBe(2);
    expect(err.join("\n")).toContain("kit-contract: missing --account (or KIT_ACCOUNT): it is required\nusage: kit-contract verify");
    vi.stubEnv("KIT_BASE_URL", "");
    vi.stubEnv("KIT_SECRET", "");
    expect(await run([])).toBe(2);
    expect(err.at(-1)).toContain("missing --base-url (or KIT_BASE_URL), --secret (or KIT_SECRET), --account (or KIT_ACCOUNT): each is required");
    vi.stubEnv("KIT_BASE_URL", "http://127.0.0.1:9");
    vi.stubEnv("KIT_SECRET", SECRET);
    vi.stubEnv("KIT_ACCOUNT", "acct_env");
    expect(await run(["--json"])).toBe(0);
    expect(given.at(-1)).toMatchObject({ baseUrl: "http://127.0.0.1:9", secret: SECRET, accountId: "acct_env" });
    expect(JSON.parse(out.at(-1)!)).toMatchObject({ ok: true, checks: [{ name: "read [redacted]" }] });
  });

  it.each([
    ["http://me:hunter2hunter2@127.0.0.1:9", "--base-url must not contain credentials (user:password@): pass it as --secret"],
    ["http://127.0.0.1:9/?x=1", "--base-url must not have a query (?) or a fragment (#)"],
    ["ftp://127.0.0.1", "--base-url must be an absolute http(s) URL"],
  ])("refuses --base-url %j as a usage error (exit 2), by the clients' rule, without echoing it", async (baseUrl, message) => {
    expect(await run([...flags, "--base-url", baseUrl])).toBe(2);
    expect(err.join("\n")).toContain(`kit-contract: ${message}\n${USAGE}`);
    expect(err.join("\n")).not.toContain("hunter2");
    expect(given).toEqual([]);
  });

  it.each([
    [["--timeout", "0"], '--timeout must be a number of seconds above 0 and at most 2147483, got "0"'],
    [["--timeout", "3000000"], '--timeout must be a number of seconds above 0 and at most 2147483, got "3000000"'],
    [["--max-items", "0"], '--max-items must be a whole number of at least 1, got "0"'],
    [["--max-items", `x${SECRET}`], '--max-items must be a whole number of at least 1, got "x[redacted]"'],
    [["--nope"], "Unknown option '--nope'"],
  ])("%j is a usage error, exit 2, redacted", async (args, message) => {
    expect(await run([...flags, ...args])).toBe(2);
    expect(err.join("\n")).toContain(message);
    expectNoPartOf(SECRET, err.join("\n"));
    expect(given).toEqual([]);
  });

  it("turns verify's own refusal of an option into a usage error naming the flag and its variable, never the value", async () => {
    const secret = `${SECRET}\nnewline`;
    expect(await run([...flags, "--secret", secret])).toBe(2);
    expect(err.join("\n")).toContain("kit-contract: --secret (or KIT_SECRET) must be a string without control characters or surrounding spaces (it is sent in a header)\nusage:");
    expectNoPartOf(SECRET, err.join("\n") + out.join("\n"));
    answer = () => Promise.reject(new OptionError("maxBodyBytes", "a positive number"));
    expect(await run(flags)).toBe(2);
    expect(err.at(-1)).toContain("kit-contract: maxBodyBytes must be a positive number");
  });

  it("a boolean flag is false unless given, true when given, and verify's refusal of it names the flag", async () => {
    expect(await run(flags)).toBe(0);
    expect(given.at(-1)).toMatchObject({ deep: false, allowWrites: false });
    answer = (options) => Promise.reject(new OptionError("deep", options.deep ? "given only with allowWrites (--allow-writes)" : "unreachable"));
    expect(await run([...flags, "--deep"])).toBe(2);
    expect(err.at(-1)).toContain("kit-contract: --deep must be given only with allowWrites (--allow-writes)\nusage:");
  });

  it("prints 'verify stopped' for an unexpected failure, redacted, as text or JSON; exit 1", async () => {
    answer = () => Promise.reject(new Error(`boom with ${SECRET}`));
    expect(await run(flags)).toBe(1);
    expect(out.at(-1)).toBe("kit-contract verify http://127.0.0.1:9/api\nverify stopped: Error: boom with [redacted]");
    expect(await run([...flags, "--json"])).toBe(1);
    expect(JSON.parse(out.at(-1)!)).toEqual({ ok: false, baseUrl: "http://127.0.0.1:9/api", checks: [], error: "verify stopped: Error: boom with [redacted]" });
  });

  it("prints 'verify stopped' terminal-safe: the failure's control characters escaped, as text or JSON", async () => {
    answer = () => Promise.reject(new Error(`boom\u001b[2K✓ forged\r\u009b1G\u202e with ${SECRET}`));
    expect(await run(flags)).toBe(1);
    expect(out.at(-1)).toBe("kit-contract verify http://127.0.0.1:9/api\nverify stopped: Error: boom\\u001b[2K✓ forged\\u000d\\u009b1G\\u202e with [redacted]");
    expect(await run([...flags, "--json"])).toBe(1);
    expect(out.at(-1)).not.toMatch(TERMINAL_CONTROLS);
    expect(JSON.parse(out.at(-1)!)).toEqual({ ok: false, baseUrl: "http://127.0.0.1:9/api", checks: [], error: "verify stopped: Error: boom\u001b[2K✓ forged\r\u009b1G\u202e with [redacted]" });
  });

  it("prints a usage error terminal-safe, whatever the option held", async () => {
    expect(await run([...flags, "--max-items", "\u009b2K\u202e1"])).toBe(2);
    expect(await run([...flags, "--x\u001b[2K\u2028"])).toBe(2);
    expect(err).toHaveLength(2);
    for (const line of err) expect(line).not.toMatch(TERMINAL_CONTROLS);
    expect(err[0]).toContain('--max-items must be a whole number of at least 1, got "\\u009b2K\\u202e1"');
    expect(err[1]).toContain("Unknown option '--x\\u001b[2K\\u2028'");
  });

  it("prints every line terminal-safe: a server's controls escaped in the report, as text and as JSON, the JSON parsing to the same strings", async () => {
    // C0 (ESC, CR), DEL, a C1 CSI, the line separator, a right-to-left override and an isolate.
    const forged = `ok\u001b[2K\r\u007f\u009b2K\u2028\u202e\u2066✓ all checks passed ${SECRET}`;
    answer = (options) => Promise.resolve({ ok: false, baseUrl: options.baseUrl, checks: [{ name: "read", operationId: "getThing", method: "GET", path: "/things", status: 500, outcome: "failed", violations: [{ path: "$.detail", expected: "a string", actual: forged }], problem: forged }] });
    for (const json of [false, true]) {
      expect(await run([...flags, ...(json ? ["--json"] : [])])).toBe(1);
      const line = out.at(-1)!;
      expect(line).not.toMatch(TERMINAL_CONTROLS);
      expect(line).toContain("\\u009b2K\\u2028\\u202e\\u2066✓ all checks passed [redacted]");
    }
    const expected = forged.replace(SECRET, "[redacted]");
    expect(JSON.parse(out.at(-1)!).checks[0]).toMatchObject({ problem: expected, violations: [{ actual: expected }] });
  });

  it("exits 1 on a report that is not ok, and --help prints the usage", async () => {
    answer = (options) => Promise.resolve({ ok: false, baseUrl: options.baseUrl, checks: [{ name: "read", operationId: "getThing", method: "GET", path: "/things", status: 500, outcome: "failed", violations: [{ path: "(status)", expected: "200", actual: SECRET }] }] });
    expect(await run(flags)).toBe(1);
    expect(out.at(-1)).toContain("    getThing 500 (status): expected 200; got [redacted]");
    expect(await run(["--help"])).toBe(0);
    expect(out.at(-1)).toBe(USAGE);
  });
});
