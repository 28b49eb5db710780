// Reads text as the characters it stands for, for the redactor. A server writes a secret back
// escaped the way its own language does: percent-escapes (any characters, hex in either case,
// UTF-8 or Latin-1 bytes, escaped a second time inside another URL), backslash escapes (JSON's
// \uXXXX, \n, \" and \/ as PHP writes it, \xXX, a backslash before any punctuation) and HTML
// character references. Reading every escape back, rather than listing the forms each encoder
// makes of a secret, covers every encoder at once. Each character is told with the span of the
// text it was read from, so that a match is hidden where it was written.

/**
 * The most characters of text that one character read (a UTF-16 unit) is written in:
 * "%25E2%2582%25AC", a character of three UTF-8 bytes percent-escaped twice.
 */
export const LONGEST_ESCAPE = 15;

/** Told each character read (a UTF-16 code unit, folded) and the span [start, end) of text it came from. */
export type Reader = (unit: number, start: number, end: number) => void;

/**
 * One letter for what text may write two ways: A-Z as a-z (a URL lower-cases a host name, and
 * percent-escapes come in either case) and "+" as a space (a form encodes a space as "+").
 */
export const fold = (unit: number): number => (unit >= 65 && unit <= 90 ? unit + 32 : unit === 43 ? 32 : unit);

/** Each character of `text` as it is written, folded: where a secret shows as it was sent. Reads no escape: returns 0. */
export function readAsWritten(text: string, read: Reader): number {
  for (let i = 0; i < text.length; i++) read(fold(text.charCodeAt(i)), i, i + 1);
  return 0;
}

/** What readUnescaped found: an escape; a "%25hh" it read as a percent-escape escaped twice; and of which kinds. */
export const ESCAPE = 1;
export const TWICE = 2;
export const PERCENT = 4;
export const BACKSLASH = 8;
export const REFERENCE = 16;
/** Every kind of escape. */
export const ALL_KINDS = PERCENT | BACKSLASH | REFERENCE;

/**
 * Each character of `text` with every escape read back, folded; with `twice`, "%25hh" is read
 * as the byte hh (a URL escaped once more inside another URL's query), else as "%" and "hh"
 * (a "%hh" that was part of what was escaped). Returns ESCAPE if it read any escape (if not,
 * the text reads as written), plus TWICE if it read "%25hh" as the byte hh (if not, it reads
 * the same without `twice`). An escape that ends the text before a secret and takes its first
 * character with it (a backslash before "n...") is no escape as written: readAsWritten covers it.
 * `kinds` (PERCENT, BACKSLASH, REFERENCE) are the escapes read back; the others are read as
 * written, as an encoder that makes one kind writes a secret holding text of another kind
 * ("%4D" and a backslash, in JSON: the backslash doubled, "%4D" left as it is). The kinds found
 * are in what it returns.
 */
export function readUnescaped(text: string, read: Reader, twice: boolean, kinds = ALL_KINDS): number {
  let found = 0;
  for (let i = 0; i < text.length; ) {
    const code = text.charCodeAt(i);
    let end = -1;
    let kind = 0;
    if (code === 37 && kinds & PERCENT) {
      kind = PERCENT;
      end = percentEscape(text, i, read, twice);
      // Read once, "%25" is a byte of its own (3 characters) and ends a UTF-8 sequence: any
      // longer escape holding "%25" read it as an escape escaped twice.
      if (twice && end - i > 3 && text.slice(i, end).includes("%25")) found |= TWICE;
    } else if (code === 92 && kinds & BACKSLASH) {
      kind = BACKSLASH;
      end = backslashEscape(text, i, read);
    } else if (code === 38 && kinds & REFERENCE) {
      kind = REFERENCE;
      end = characterReference(text, i, read);
    }
    if (end < 0) {
      read(fold(code), i, i + 1);
      i += 1;
    } else {
      found |= ESCAPE | kind;
      i = end;
    }
  }
  return found;
}

/** The value of `digits` hex digits at `at`, or -1. */
function hex(text: string, at: number, digits: number): number {
  if (at + digits > text.length) return -1;
  let value = 0;
  for (let i = at; i < at + digits; i++) {
    const code = text.charCodeAt(i) | 32; // "A" to "a"; digits keep their value
    const digit = code >= 48 && code <= 57 ? code - 48 : code >= 97 && code <= 102 ? code - 87 : -1;
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

/** The byte of a percent-escape at `at`, "%hh" or (with `twice`) "%25hh", plus 256 times its length; -1 if none. */
function percentByte(text: string, at: number, twice: boolean): number {
  if (text.charCodeAt(at) !== 37) return -1;
  const inner = twice && text.startsWith("25", at + 1) ? hex(text, at + 3, 2) : -1;
  if (inner >= 0) return inner + 5 * 256;
  const once = hex(text, at + 1, 2);
  return once < 0 ? -1 : once + 3 * 256;
}

/** Tells the code point `point` (two units past U+FFFF) as read from [start, end); returns end. */
function readPoint(point: number, start: number, end: number, read: Reader): number {
  if (point > 0xffff) {
    read(0xd800 + ((point - 0x10000) >> 10), start, end);
    read(0xdc00 + ((point - 0x10000) & 0x3ff), start, end);
  } else {
    read(fold(point), start, end);
  }
  return end;
}

/**
 * A run of percent-escapes that is one character in UTF-8 ("%C3%A9"), or one byte read as
 * Latin-1 ("%E9", as a server that escapes a header's raw bytes writes "é"). Returns the index
 * after it, or -1 when `at` starts no escape.
 */
function percentEscape(text: string, at: number, read: Reader, twice: boolean): number {
  const first = percentByte(text, at, twice);
  if (first < 0) return -1;
  const lead = first & 255;
  const afterLead = at + (first >> 8);
  const more = lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : 0;
  if (more === 0) return readPoint(lead, at, afterLead, read);
  let point = lead & (0x3f >> more);
  let end = afterLead;
  for (let k = 0; k < more; k++) {
    const next = percentByte(text, end, twice);
    if (next < 0 || (next & 0xc0) !== 0x80) return readPoint(lead, at, afterLead, read);
    point = (point << 6) | (next & 0x3f);
    end += next >> 8;
  }
  // An overlong or out-of-range sequence is no character: its bytes are read one by one.
  if (point < [0, 0x80, 0x800, 0x10000][more]! || point > 0x10ffff) return readPoint(lead, at, afterLead, read);
  return readPoint(point, at, end, read);
}

const CONTROL: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12 };

/** \uXXXX, \xXX, \n and the like, or a backslash before punctuation (\/ \" \\ \'); -1 for a backslash that escapes nothing. */
function backslashEscape(text: string, at: number, read: Reader): number {
  const next = text[at + 1];
  if (next === "u" || next === "x") {
    const digits = next === "u" ? 4 : 2;
    const value = hex(text, at + 2, digits);
    return value < 0 ? -1 : readPoint(value, at, at + 2 + digits, read);
  }
  if (next !== undefined && Object.hasOwn(CONTROL, next)) return readPoint(CONTROL[next]!, at, at + 2, read);
  const code = text.charCodeAt(at + 1);
  const punctuation = (code >= 33 && code <= 47) || (code >= 58 && code <= 64) || (code >= 91 && code <= 96) || (code >= 123 && code <= 126);
  return punctuation ? readPoint(code, at, at + 2, read) : -1;
}

const NAMED: [string, number][] = [["amp;", 38], ["lt;", 60], ["gt;", 62], ["quot;", 34], ["apos;", 39]];

/** &#33; &#x21; &amp; &lt; &gt; &quot; &apos;, or -1. */
function characterReference(text: string, at: number, read: Reader): number {
  if (text.charCodeAt(at + 1) !== 35) {
    for (const [name, code] of NAMED) if (text.startsWith(name, at + 1)) return readPoint(code, at, at + 1 + name.length, read);
    return -1;
  }
  const isHex = (text.charCodeAt(at + 2) | 32) === 120;
  let point = 0;
  let i = at + (isHex ? 3 : 2);
  const digitsFrom = i;
  for (; i < text.length && i - digitsFrom < 8; i++) {
    const digit = isHex ? hex(text, i, 1) : text.charCodeAt(i) - 48;
    if (digit < 0 || digit > (isHex ? 15 : 9)) break;
    point = point * (isHex ? 16 : 10) + digit;
  }
  if (i === digitsFrom || text.charCodeAt(i) !== 59 || point === 0 || point > 0x10ffff) return -1;
  return readPoint(point, at, i + 1, read);
}
