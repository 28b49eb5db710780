// createShow: a value or a text as the report shows it, redacted before it is cut, from no more
// of it than the cut keeps (plus a margin that keeps the redaction exact): the same as
// rendering, redacting and cutting the whole, however the secrets sit around the cut.
import { describe, expect, it } from "vitest";
import { createRedactor } from "contract-kit/http";
import { createShow } from "contract-kit/verify";
import { expectNoPartOf } from "contract-kit/test-support";

const SECRET = "sk_kit_show_0123456789abcdef";
const SHORT = "pw_98765"; // matched whole: shorter than a window
const { redact } = createRedactor([SECRET, SHORT]);
const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
/** What the report showed when every value was rendered whole (JSON.stringify is the render of a value at most 6 deep). */
const whole = {
  value: (value: unknown, max = 80) => cut(redact(JSON.stringify(value)), max),
  text: (text: string, max = 200) => cut(redact(text).replace(/\s+/g, " "), max),
};

/** Values with a secret (whole, cut short, escaped, repeated) before, across and after the cut, and strings and keys long enough to be cut. */
function cases(): unknown[] {
  const values: unknown[] = [];
  for (let at = 0; at < 140; at += 3) {
    const pad = "x".repeat(at);
    values.push(`${pad}${SECRET}tail`, `${pad}${SECRET.slice(0, 14)}`, [pad, SECRET], { [pad]: `${SECRET}${SECRET}` }, `${pad}${SHORT}${SHORT}!`, `${pad}\n${SECRET}`);
    values.push(`${pad}${SECRET.repeat(50)}${"y".repeat(at)}${SECRET}`, [`${pad}😀😀😀`.repeat(40)], { [`${pad}${SECRET}`.repeat(30)]: 1 }, `${pad}"\\\u0001`.repeat(40));
  }
  values.push(SECRET.repeat(5000), `${"z".repeat(3000)}${SECRET}`, Array.from({ length: 2000 }, (_, i) => ({ i, s: SECRET })), null, 12.5, true, "", [], {});
  return values;
}

describe("createShow", () => {
  it("shows what rendering, redacting and cutting the whole value showed, at every length", () => {
    const show = createShow(redact);
    for (const value of cases()) {
      for (const max of [20, 60, 80, 130]) {
        expect(show.value(value, max), JSON.stringify(value).slice(0, 200)).toBe(whole.value(value, max));
        if (typeof value === "string") expect(show.text(value, max), value.slice(0, 200)).toBe(whole.text(value, max));
      }
    }
  });

  it("shows the same when a secret straddles the cut escaped (a character written as up to 15)", () => {
    // "€" percent-escaped twice is "%25E2%2582%25AC": 11 characters of a secret just past the
    // end of a prefix stand as 165 characters of text, none of them found in the prefix.
    const euros = "€".repeat(30);
    const escaped = encodeURIComponent(encodeURIComponent(euros));
    const { redact: hide } = createRedactor([euros]);
    const show = createShow(hide);
    for (let at = 0; at < 400; at++) {
      const text = `${"x".repeat(at % 7)}${escaped.slice(0, at)}${escaped}${escaped}${"y".repeat(30)}`;
      for (const max of [20, 40, 80]) expect(show.text(text, max), `${at} ${max}`).toBe(cut(hide(text).replace(/\s+/g, " "), max));
    }
  });

  it("never shows a part of a secret that straddles the cut", () => {
    const show = createShow(redact);
    for (let at = 0; at < 100; at++) {
      expectNoPartOf(SECRET, show.value(`${"x".repeat(at)}${SECRET}`) + show.text(`${"x".repeat(at)}${SECRET}`, 80));
      // The first characters of a secret that runs past the cut are hidden too (they are a window's start).
      expect(show.value(`${"x".repeat(at)}${SECRET}`)).not.toContain(SECRET.slice(0, 8));
    }
  });

  it("renders and redacts only about what it shows of a large value or text", () => {
    let longest = 0;
    const show = createShow((text) => {
      longest = Math.max(longest, text.length);
      return redact(text);
    });
    /** What `show` showed, after checking it redacted less than `most` characters at a time. */
    const shown = (show: () => string, most = 1000) => {
      longest = 0;
      const text = show();
      expect(longest).toBeLessThan(most);
      return text;
    };
    const big = { data: Array.from({ length: 60_000 }, (_, i) => ({ n: i, s: "abcdefghijklmnopqrstuvwxyz0123456789", [`k${i}`]: "v".repeat(100) })) };
    expect(shown(() => show.value(big))).toBe('{"data":[{"n":0,"s":"abcdefghijklmnopqrstuvwxyz0123456789","k0":"vvvvvvvvvvvvvv…');
    expect(shown(() => show.value(["q".repeat(3_000_000)], 60))).toBe(`["${"q".repeat(57)}…`);
    expect(shown(() => show.text(`<html>${"a \n".repeat(1_000_000)}`, 60))).toBe(`<html>${"a ".repeat(26)}a…`);
    // A secret repeated shortens the redacted text: as much more of the value is rendered as it takes.
    expect(shown(() => show.value([SECRET.repeat(1000), "after"]), 200_000)).toBe('["[redacted]","after"]');
    expect(longest).toBeGreaterThan(28_000);
  });
});
