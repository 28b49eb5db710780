// Hides secrets in text before it reaches an error, a log or a report. A server can echo a
// credential anywhere (a requestId, a problem's detail, a header it sends back), whole, cut
// short or escaped, so a plain replace of the whole secret is not enough: any run of WINDOW or
// more consecutive characters of a secret is redacted, as sent or escaped by any encoder
// (read-escaped.ts reads every escape back). Text that contains no such run is returned unchanged.
import { BACKSLASH, ESCAPE, PERCENT, REFERENCE, TWICE, readAsWritten, readUnescaped, type Reader } from "./read-escaped.js";
import { WindowCounts } from "./window-counts.js";

/** The shortest part of a secret that is redacted; a secret shorter than this is matched whole. */
export const WINDOW = 12;
/** Secrets shorter than this cannot be told from ordinary text ("s" would redact every s): not searched for. */
export const MIN_SECRET_LENGTH = 8;
export const REDACTED = "[redacted]";

/**
 * The longest secret a header can reasonably carry: longer ones are refused where a secret
 * comes in (isHeaderValue), and the redactor keeps a secret's first this many characters only.
 */
export const MAX_SECRET_LENGTH = 16 * 1024;

/**
 * The most characters of learnt secrets (added after the redactor was made: the tokens a server
 * issues) that a redactor keeps, besides its `maxSecrets` of them: a thousand tokens of 1 kB, or
 * 64 of the longest a header carries. A server issuing a new 16 kB token per call once grew the
 * heap by up to 6 MB a call, for as many as 1024 calls; now what a redactor learns costs at
 * most about 27 MB (an index of 2^21 slots, and the secrets themselves).
 */
export const MAX_LEARNT_LENGTH = 1024 * 1024;

export interface Redactor {
  /** Remembers a secret (a token issued later, say). Ignores undefined and secrets under MIN_SECRET_LENGTH. */
  add(secret: string | undefined): void;
  /** `text` with every part of every known secret replaced by "[redacted]". */
  redact(text: string): string;
}

// A window is kept as its hash, not as a string: two polynomial hashes modulo 2^32 (Math.imul),
// rolled along the text one character at a time, so a scan is linear in the text. Equal windows
// always hash alike, so nothing is missed; a collision (64 bits) can only redact twelve innocent
// characters.
const B1 = 0x01000193;
const B2 = 0x5bd1e995;
const power = (base: number, exponent: number) => {
  let result = 1;
  for (let i = 0; i < exponent; i++) result = Math.imul(result, base);
  return result;
};

/** The hash of the last `length` characters pushed: one character in, the one `length` places back out. */
class RollingHash {
  h1 = 0;
  h2 = 0;
  private readonly out1: number;
  private readonly out2: number;
  /** Told apart by length: a whole secret of 9 characters is not a window of 12. */
  private readonly salt: number;

  constructor(readonly length: number) {
    this.out1 = power(B1, length);
    this.out2 = power(B2, length);
    this.salt = Math.imul(length, 0x27d4eb2f);
  }

  /** `gone` is the character `length` places back, 0 while there is none. */
  push(unit: number, gone: number): void {
    this.h1 = (Math.imul(this.h1, B1) + unit - Math.imul(gone, this.out1)) | 0;
    this.h2 = (Math.imul(this.h2, B2) + unit - Math.imul(gone, this.out2)) | 0;
  }

  get key(): number {
    return this.h1 ^ this.salt;
  }
}

/** The text with its escapes read back, "%25hh" as the byte hh (escaped twice), or as "%" and "hh". */
const readTwice = (text: string, read: Reader) => readUnescaped(text, read, true);
const readOnce = (text: string, read: Reader) => readUnescaped(text, read, false);
/**
 * For each kind of escape, the character that starts one and a reading of the text with that
 * kind alone read back: as an encoder of that kind alone writes a secret holding text of others.
 */
const ONE_KIND = ([[PERCENT, "%"], [BACKSLASH, "\\"], [REFERENCE, "&"]] as const).map(([kind, starts]) => [starts, (text: string, read: Reader) => readUnescaped(text, read, true, kind)] as const);

/**
 * Calls `each` with the key of every window of `text` as `readAll` reads it, for each of
 * `lengths`, and the span of text the window was read from. Returns what `readAll` returns.
 */
function eachWindow(
  text: string,
  readAll: (text: string, read: Reader) => number,
  lengths: readonly number[],
  each: (key: number, h2: number, start: number, end: number) => void,
): number {
  const hashes = lengths.map((length) => new RollingHash(length));
  // The last 16 characters read and where each started: enough to take one out of a window and place its start.
  const units = new Uint16Array(16);
  const starts = new Int32Array(16);
  let n = 0;
  const found = readAll(text, (unit, start, end) => {
    units[n & 15] = unit;
    starts[n & 15] = start;
    for (let k = 0; k < hashes.length; k++) {
      const hash = hashes[k]!;
      hash.push(unit, n >= hash.length ? units[(n - hash.length) & 15]! : 0);
      if (n >= hash.length - 1) each(hash.key, hash.h2, starts[(n - hash.length + 1) & 15]!, end);
    }
    n += 1;
  });
  return found;
}

/**
 * `maxSecrets` bounds memory for a long-lived provider that issues a token an hour: the oldest
 * learnt secrets beyond it, or beyond MAX_LEARNT_LENGTH characters in all, are forgotten first
 * (the fixed credentials given here are kept). A secret costs a slot of 12 bytes per window
 * (per character; a window shared with another secret, or with its own escapes read back,
 * costs one slot) in an index at most three quarters full: 16 to 32 bytes a character, plus
 * the secret's own string. Forgetting one takes out its own windows only.
 */
export function createRedactor(pinned: Iterable<string | undefined> = [], maxSecrets = 1024): Redactor {
  const index = new WindowCounts((Math.random() * 2 ** 32) | 0);
  /** How many forms of secrets have each window length (WINDOW, or that of a shorter form): the lengths a scan rolls. */
  const secretsOfLength = new Uint32Array(WINDOW + 1);
  /** Every secret kept, oldest first, and whether it is pinned. */
  const secrets = new Map<string, boolean>();
  let learnt = 0;
  let learntLength = 0;

  /**
   * Adds (or takes out) the windows of a secret as written, and, if it holds something that
   * reads as an escape ("%22", "\n", "&amp;"), as read back, as a scan reads a text that holds
   * it escaped another way ("%22" left as it is by JSON.stringify, beside a "\u00e9").
   */
  function count(secret: string, by: 1 | -1) {
    const each = by > 0 ? (key: number, h2: number) => index.add(key, h2) : (key: number, h2: number) => index.remove(key, h2);
    const forms: [typeof readAsWritten, number][] = [[readAsWritten, secret.length]];
    let readLength = 0;
    if (readTwice(secret, () => (readLength += 1)) && readLength >= MIN_SECRET_LENGTH) forms.push([readTwice, readLength]);
    for (const [readAll, length] of forms) {
      const windowLength = Math.min(WINDOW, length);
      secretsOfLength[windowLength]! += by;
      eachWindow(secret, readAll, [windowLength], each);
    }
  }

  function add(whole: string | undefined, pin: boolean) {
    if (typeof whole !== "string" || whole.length < MIN_SECRET_LENGTH) return;
    // A slice of a long string can keep all of it alive (V8 shares the characters): copied instead.
    const secret = whole.length > MAX_SECRET_LENGTH ? (JSON.parse(JSON.stringify(whole.slice(0, MAX_SECRET_LENGTH))) as string) : whole;
    if (secrets.has(secret)) return;
    count(secret, 1);
    secrets.set(secret, pin);
    if (pin) return;
    learnt += 1;
    learntLength += secret.length;
    for (const [old, isPinned] of secrets) {
      if (learnt <= maxSecrets && learntLength <= MAX_LEARNT_LENGTH) break;
      if (isPinned) continue;
      secrets.delete(old);
      count(old, -1);
      learnt -= 1;
      learntLength -= old.length;
    }
  }

  for (const secret of pinned) add(secret, true);

  return {
    add: (secret) => add(secret, false),
    redact(text) {
      if (typeof text !== "string" || index.size === 0 || text.length === 0) return text;
      const lengths: number[] = [];
      for (let length = 1; length <= WINDOW; length++) if (secretsOfLength[length]) lengths.push(length);
      // +1 where a window found in the index starts, -1 where it ends: covered where the sum is positive.
      let hits: Int32Array | undefined;
      const look = (key: number, h2: number, start: number, end: number) => {
        if (!index.has(key, h2)) return;
        hits ??= new Int32Array(text.length + 1);
        hits[start]! += 1;
        hits[end]! -= 1;
      };
      // Escapes read back, "%25hh" as escaped twice (a URL in another URL's query); if that
      // read differently, "%25hh" as "%" and "hh" (a secret holding "%hh", escaped once); if
      // there were escapes, as written (a secret holding "%hh" or "\n" as it is, or a backslash
      // just before a secret's "n...", which reads as one escape with it).
      // And, where the text may hold escapes of two kinds or more, each kind read back alone (a
      // secret holding "%4D" and a backslash, written by JSON.stringify: the backslash doubled,
      // "%4D" left as it is, which no other reading gives back). Judged by the characters that
      // start them, not by what a reading found: one kind can hide another ("\&amp;" reads as
      // "\&" then "amp;").
      const found = eachWindow(text, readTwice, lengths, look);
      if (found & TWICE) eachWindow(text, readOnce, lengths, look);
      if (found & ESCAPE) eachWindow(text, readAsWritten, lengths, look);
      const kinds = ONE_KIND.filter(([starts]) => text.includes(starts));
      if (kinds.length > 1) for (const [, readOneKind] of kinds) eachWindow(text, readOneKind, lengths, look);
      if (!hits) return text;
      let out = "";
      let depth = 0;
      let from = 0;
      for (let i = 0; i < text.length; i++) {
        const before = depth;
        depth += hits[i]!;
        if (before === 0 && depth > 0) out += text.slice(from, i) + REDACTED;
        else if (before > 0 && depth === 0) from = i;
      }
      return depth > 0 ? out : out + text.slice(from);
    },
  };
}
