// The one redaction step for the client, the token provider, verify and the CLI.
import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_LEARNT_LENGTH, MAX_SECRET_LENGTH, MIN_SECRET_LENGTH, REDACTED, WINDOW, createRedactor } from "contract-kit/http";
import { memoryUsedAfterGc, phpJson, pythonQuote } from "contract-kit/test-support";

const SECRET = "org_secret_7f3a9c1e5b2d8f4a6c0e";

/** Every run of WINDOW characters of `secret` (or all of it, when shorter): none may survive. */
const windows = (secret: string) =>
  secret.length <= WINDOW ? [secret] : Array.from({ length: secret.length - WINDOW + 1 }, (_, i) => secret.slice(i, i + WINDOW));

describe("createRedactor", () => {
  it("hides a whole secret and leaves the rest of the text as it was", () => {
    const { redact } = createRedactor([SECRET]);
    expect(redact(`bad secret ${SECRET} for org`)).toBe(`bad secret ${REDACTED} for org`);
  });

  it("hides any 12 or more consecutive characters of a secret, from its start, middle or end", () => {
    const { redact } = createRedactor([SECRET]);
    for (const part of [SECRET.slice(0, 12), SECRET.slice(5, 20), SECRET.slice(-12), SECRET.slice(3)]) {
      const out = redact(`echo:${part}:end`);
      expect(out).toBe(`echo:${REDACTED}:end`);
    }
  });

  it("leaves a run shorter than 12 characters of a long secret alone (it cannot be told from ordinary text)", () => {
    const { redact } = createRedactor([SECRET]);
    expect(redact(`x ${SECRET.slice(0, WINDOW - 1)} y`)).toBe(`x ${SECRET.slice(0, WINDOW - 1)} y`);
  });

  it("matches a secret JSON-escaped and URL-encoded", () => {
    const secret = 'p"ss\\word/with spaces&more';
    const { redact } = createRedactor([secret]);
    const json = JSON.stringify({ echo: secret });
    expect(redact(json)).toBe(`{"echo":"${REDACTED}"}`);
    expect(redact(`?q=${encodeURIComponent(secret)}`)).toBe(`?q=${REDACTED}`);
    expect(redact(`?q=${encodeURIComponent(secret).toLowerCase()}`)).not.toContain(encodeURIComponent(secret).slice(0, 12).toLowerCase());
  });

  it.each([
    ["form-encoded (space as +)", (secret: string) => new URLSearchParams({ secret }).toString()],
    ["encodeURI", (secret: string) => encodeURI(secret)],
    ["a URL path as new URL writes it", (secret: string) => new URL(`http://127.0.0.1:1/${secret}`).pathname],
    ["a URL query as new URL writes it", (secret: string) => new URL(`http://127.0.0.1:1/?${secret}`).search],
  ])("matches a secret %s", (_how, encode) => {
    const secret = "a b/c d/e f/g h/i j/k l=\"m\"";
    const out = createRedactor([secret]).redact(`echo http://127.0.0.1:1${encode(secret)} and more`);
    for (const form of [secret, encode(secret)]) for (let i = 0; i + WINDOW <= form.length; i++) expect(out).not.toContain(form.slice(i, i + WINDOW));
  });

  it("matches a secret in a host name, which URLs lower-case", () => {
    const secret = "Q7XK2M9RTZ4WBV8N";
    expect(createRedactor([secret]).redact(new URL(`http://${secret}.attacker.example/`).href)).toBe(`http://${REDACTED}.attacker.example/`);
  });

  it("takes a secret with a lone surrogate (it cannot be URL-encoded)", () => {
    const secret = "abc\ud800def-ghijklmnop";
    expect(createRedactor([secret]).redact(`x ${secret} y`)).toBe(`x ${REDACTED} y`);
  });

  it("does not search for secrets under 8 characters, so a one-letter secret changes nothing", () => {
    const { redact } = createRedactor(["e", "s", "abcdefg"]);
    expect(redact("User not found: abcdefg")).toBe("User not found: abcdefg");
  });

  it("hides a secret of 8 to 11 characters only whole", () => {
    const { redact } = createRedactor(["tok12345"]);
    expect(redact("a tok12345 b tok1234 c")).toBe(`a ${REDACTED} b tok1234 c`);
  });

  it("returns text without a secret unchanged, the very same string", () => {
    const { redact } = createRedactor([SECRET, "another-secret-value-123"]);
    const text = "Not Found: no user usr_abc123 in this organisation (requestId req_1)";
    expect(redact(text)).toBe(text);
  });

  it("learns secrets added later (tokens issued after the redactor was made)", () => {
    const redactor = createRedactor([SECRET]);
    const token = "eyJhbGciOiJIUzI1NiJ9.later-token";
    expect(redactor.redact(token)).toBe(token);
    redactor.add(token);
    expect(redactor.redact(`Bearer ${token}`)).toBe(`Bearer ${REDACTED}`);
  });

  it("forgets the oldest added secrets past its bound, never a pinned one", () => {
    const redactor = createRedactor([SECRET], 3);
    const tokens = ["first-token-aaaaaaa", "second-token-bbbbbb", "third-token-cccccc", "fourth-token-ddddd"];
    for (const token of tokens) redactor.add(token);
    expect(redactor.redact(SECRET)).toBe(REDACTED);
    expect(redactor.redact(tokens[0]!)).toBe(tokens[0]);
    for (const token of tokens.slice(2)) expect(redactor.redact(token)).toBe(REDACTED);
  });

  it("property: no window of a secret survives, wherever it is cut and whatever surrounds it", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: WINDOW, maxLength: 64, unit: "grapheme-ascii" }),
        fc.string({ maxLength: 40 }),
        fc.string({ maxLength: 40 }),
        fc.nat(),
        fc.nat(),
        (secret, before, after, a, b) => {
          const start = a % (secret.length - WINDOW + 1);
          const end = start + WINDOW + (b % (secret.length - start - WINDOW + 1));
          const out = createRedactor([secret]).redact(before + secret.slice(start, end) + after);
          for (const window of windows(secret)) expect(out).not.toContain(window);
        },
      ),
    );
  });

  it("property: text sharing no character with the secrets is returned unchanged", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-m]{8,40}$/), fc.stringMatching(/^[n-z ]{0,80}$/), (secret, text) => {
        expect(createRedactor([secret]).redact(text)).toBe(text);
      }),
    );
  });

  it("ignores non-strings and short secrets without throwing", () => {
    const redactor = createRedactor([undefined, "", "short"]);
    redactor.add(undefined);
    expect(redactor.redact("short and sweet")).toBe("short and sweet");
    expect(MIN_SECRET_LENGTH).toBe(8);
  });
});

/** Every character written as a percent-escape of its UTF-8 bytes, the hex in upper or lower case by turns. */
const percentEveryByte = (secret: string) =>
  [...new TextEncoder().encode(secret)].map((byte, i) => `%${byte.toString(16).padStart(2, "0")[i % 2 ? "toUpperCase" : "toLowerCase"]()}`).join("");

describe("secrets written back as other servers' libraries write them", () => {
  // "!", "'", "(", ")" and "*" are left alone by encodeURIComponent, "/" by JSON.stringify,
  // and "é" is outside ASCII: each encoder below writes some of them its own way.
  const secret = "Clinic!Secret/2024 (it's*ours)+café~x";

  it.each([
    ["Python's urllib.parse.quote (! ' ( ) * escaped)", pythonQuote],
    ["Java's URLEncoder (space as +, ! ' ( ) * escaped)", (text: string) => pythonQuote(text).replace(/%20/g, "+")],
    ["PHP's json_encode (/ as \\/, é as \\u00e9)", phpJson],
    ["percent-escapes in lower-case hex", (text: string) => encodeURIComponent(text).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase())],
    ["a percent-escape for every byte, upper and lower case mixed", percentEveryByte],
    ["a JSON \\u escape for every character", (text: string) => [...text].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join("")],
    ["percent-encoded twice (a URL in another URL's query)", (text: string) => encodeURIComponent(pythonQuote(text))],
    ["HTML character references", (text: string) => text.replace(/[^a-z]/gi, (c) => (c === "&" ? "&amp;" : `&#${c.charCodeAt(0)};`))],
  ])("hides a secret written by %s, whole and in part", (_how, encode) => {
    const { redact } = createRedactor([secret]);
    const text = `302 to http://127.0.0.1:1/login/${encode(secret)}?next=${encode(secret.slice(3, 17))} not followed`;
    expect(redact(text)).toBe(`302 to http://127.0.0.1:1/login/${REDACTED}?next=${REDACTED} not followed`);
  });

  it("property: any run of 12 or more characters of a secret, written by any of these encoders, is hidden whole and nothing else is", () => {
    const encoders = [
      (text: string) => text,
      (text: string) => JSON.stringify(text).slice(1, -1),
      encodeURIComponent,
      (text: string) => new URLSearchParams({ text }).toString().slice(5),
      pythonQuote,
      phpJson,
      percentEveryByte,
      (text: string) => [...text].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join(""),
      (text: string) => encodeURIComponent(encodeURIComponent(text)),
      (text: string) => text.replace(/[^a-z0-9]/gi, (c) => `&#x${c.charCodeAt(0).toString(16)};`),
    ];
    // What a header carries, but "<" and ">": the text around the secret is made of those.
    const character = fc.integer({ min: 0x20, max: 0xff }).filter((code) => (code < 0x7f || code > 0xa0) && code !== 0x3c && code !== 0x3e).map((code) => String.fromCharCode(code));
    fc.assert(
      fc.property(
        fc.array(character, { minLength: WINDOW, maxLength: 40 }).map((characters) => characters.join("")),
        fc.nat(encoders.length - 1),
        fc.nat(),
        fc.nat(),
        fc.stringMatching(/^[<>]{0,8}$/),
        fc.stringMatching(/^[<>]{0,8}$/),
        (secret, which, a, b, before, after) => {
          const start = a % (secret.length - WINDOW + 1);
          const end = start + WINDOW + (b % (secret.length - start - WINDOW + 1));
          const text = before + encoders[which]!(secret.slice(start, end)) + after;
          expect(createRedactor([secret]).redact(text)).toBe(before + REDACTED + after);
        },
      ),
    );
  });

  it("property: a secret made of escape-like text of several kinds, written by an encoder of one kind, is hidden whole", () => {
    // "%4D" and a backslash in one secret, written by JSON.stringify: the backslash doubled, the
    // "%4D" left as it is, which neither the text as written nor every escape read back gives.
    const encoders = [
      (text: string) => JSON.stringify(text).slice(1, -1),
      phpJson,
      encodeURIComponent,
      pythonQuote,
      (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;"),
    ];
    const fragment = fc.constantFrom("%4D", "%2f", "%25", "\\&", "\\n", "\\/", "\\u0041", "&lt;", "&#33;", "&amp;", "ab", "Q7", "z", "9", "!", "#", " ");
    fc.assert(
      fc.property(
        fc.array(fragment, { minLength: 6, maxLength: 14 }).map((parts) => parts.join("")).filter((secret) => secret.length >= 2 * WINDOW),
        fc.nat(encoders.length - 1),
        (secret, which) => {
          // Around it, characters no fragment is or reads as (" d%4D" would rightly be redacted: it is a run of "D %4D").
          const text = `~^~${encoders[which]!(secret)}^~^`;
          expect(createRedactor([secret]).redact(text)).toBe(`~^~${REDACTED}^~^`);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("hides a run of a secret whatever escape-like text comes just before it", () => {
    for (const [before, secret] of [
      ["%", "2fSecret0value9xyz"],
      ["\\", "/Secret0value9xyz"],
      ["\\", "nSecret0value9xyz"],
      ["&#", "38;Secret0value9xyz"],
    ] as const) {
      const part = secret.slice(0, WINDOW);
      expect(createRedactor([secret]).redact(`x${before}${part} y`)).not.toContain(part);
    }
  });
});

/** A token of `length` characters a header can carry, a random mix of ASCII and Latin-1 (each of which some encoder escapes). */
const headerToken = (length = MAX_SECRET_LENGTH) => Array.from(randomBytes(length), (byte) => String.fromCharCode(byte < 128 ? 0x21 + (byte % 94) : 0xa1 + (byte % 95))).join("");

describe("the redactor's cost", () => {
  it("keeps a learnt 16 KiB secret in at most 40 bytes of memory per character", async () => {
    // 24 fill the index just past three quarters: it has doubled, so each costs the most.
    const tokens = 24;
    const before = await memoryUsedAfterGc();
    const redactor = createRedactor([]);
    for (let i = 0; i < tokens; i++) redactor.add(headerToken());
    const perCharacter = ((await memoryUsedAfterGc()) - before) / (tokens * MAX_SECRET_LENGTH);
    expect(redactor.redact("keeps it alive")).toBe("keeps it alive");
    expect(perCharacter).toBeLessThan(40);
  });

  it("forgets the oldest secret without going over the others again: no redact after an eviction blocks", () => {
    const redactor = createRedactor([], 64);
    for (let i = 0; i < 64; i++) redactor.add(headerToken());
    const first = headerToken();
    redactor.add(first);
    const started = performance.now();
    redactor.add(headerToken()); // the 66th: one is forgotten
    expect(redactor.redact("nothing secret here")).toBe("nothing secret here");
    expect(performance.now() - started).toBeLessThan(50);
    expect(redactor.redact(first)).toBe(REDACTED);
  });

  it(`keeps at most ${MAX_LEARNT_LENGTH} characters of learnt secrets, the oldest forgotten first, never a pinned one`, () => {
    const pinned = headerToken();
    const redactor = createRedactor([pinned]);
    const tokens = Array.from({ length: MAX_LEARNT_LENGTH / MAX_SECRET_LENGTH + 1 }, () => headerToken());
    for (const token of tokens) redactor.add(token);
    expect(redactor.redact(tokens[0]!)).toBe(tokens[0]);
    expect(redactor.redact(tokens[1]!)).toBe(REDACTED);
    expect(redactor.redact(tokens.at(-1)!)).toBe(REDACTED);
    expect(redactor.redact(pinned)).toBe(REDACTED);
  });

  it("keeps no more of a secret longer than MAX_SECRET_LENGTH than its first MAX_SECRET_LENGTH characters (not the whole string)", async () => {
    const before = await memoryUsedAfterGc();
    const redactor = createRedactor([]);
    redactor.add(`tok_${"x7Q-".repeat(2_000_000)}`);
    expect((await memoryUsedAfterGc()) - before).toBeLessThan(2 * 1024 * 1024);
    expect(redactor.redact("keeps it alive")).toBe("keeps it alive");
  });
});

