// The one redaction step for the client, the token provider, verify and the CLI.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MIN_SECRET_LENGTH, REDACTED, WINDOW, createRedactor } from "contract-kit/http";

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
