// Hides secrets in text before it reaches an error, a log or a report. A server can echo a
// credential anywhere (a requestId, a problem's detail, a header it sends back), whole, cut
// short or escaped, so a plain replace of the whole secret is not enough: any run of
// WINDOW or more consecutive characters of a secret, as sent, JSON-escaped or URL-encoded,
// is redacted. Text that contains no such run is returned unchanged.

/** The shortest part of a secret that is redacted; a secret shorter than this is matched whole. */
export const WINDOW = 12;
/** Secrets shorter than this cannot be told from ordinary text ("s" would redact every s): not searched for. */
export const MIN_SECRET_LENGTH = 8;
export const REDACTED = "[redacted]";

export interface Redactor {
  /** Remembers a secret (a token issued later, say). Ignores undefined and secrets under MIN_SECRET_LENGTH. */
  add(secret: string | undefined): void;
  /** `text` with every part of every known secret replaced by "[redacted]". */
  redact(text: string): string;
}

/**
 * The ways a secret can be written back to us: as sent, lower-cased (a host name), inside a JSON
 * string, and URL-encoded as each encoder does it: a component, a form (space as +), a whole URI,
 * and the WHATWG URL parser's path and query (what `new URL` makes of a Location header).
 */
function formsOf(secret: string): string[] {
  const forms = [secret, secret.toLowerCase(), JSON.stringify(secret).slice(1, -1)];
  const encoders = [
    encodeURIComponent,
    (text: string) => encodeURIComponent(text).replace(/%20/g, "+"),
    encodeURI,
    (text: string) => new URL(`http://h/${text}`).pathname.slice(1),
    (text: string) => new URL(`http://h/?${text}`).search.slice(1),
  ];
  for (const encode of encoders) {
    try {
      const encoded = encode(secret);
      forms.push(encoded, encoded.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()));
    } catch {
      // A lone surrogate cannot be URL-encoded, so it cannot come back that way either.
    }
  }
  return forms;
}

/**
 * The longest secret a header can reasonably carry: longer ones are refused where a secret
 * comes in (isHeaderValue), and the redactor keeps the windows of a secret's first this many
 * characters only, so that its memory per secret is bounded (a 3 MB accessToken once cost
 * 512 MB of heap and 3.3 s here).
 */
export const MAX_SECRET_LENGTH = 16 * 1024;

// Windows are kept as hashes, not strings: two polynomial hashes modulo 2^32 (Math.imul),
// rolled along the text one character at a time, so a scan is linear in the text and each
// window of a secret costs one number. Equal windows always hash alike, so nothing is
// missed; a collision can only redact twelve innocent characters, and with 53 bits of the
// two hashes kept that is about one position in 10^10 per thousand secrets.
const B1 = 0x01000193;
const B2 = 0x5bd1e995;
/** B^(length-1) mod 2^32, to take a character off the front of a rolled window. */
const lead = (base: number, length: number) => {
  let power = 1;
  for (let i = 1; i < length; i++) power = Math.imul(power, base);
  return power;
};

/** Calls `each` with the hash of every `length`-character window of `text` and the index just past it. */
function windowHashes(text: string, length: number, each: (hash: number, end: number) => void): void {
  if (text.length < length) return;
  const lead1 = lead(B1, length);
  const lead2 = lead(B2, length);
  let h1 = 0;
  let h2 = 0;
  for (let i = 0; i < text.length; i++) {
    if (i >= length) {
      const gone = text.charCodeAt(i - length);
      h1 = (h1 - Math.imul(gone, lead1)) | 0;
      h2 = (h2 - Math.imul(gone, lead2)) | 0;
    }
    const code = text.charCodeAt(i);
    h1 = (Math.imul(h1, B1) + code) | 0;
    h2 = (Math.imul(h2, B2) + code) | 0;
    // (h1 >>> 0) < 2^32 and (h2 >>> 11) < 2^21: their combination is an exact double below 2^53.
    if (i >= length - 1) each((h1 >>> 0) * 2_097_152 + (h2 >>> 11), i + 1);
  }
}

/**
 * `maxSecrets` bounds memory for a long-lived provider that issues a token an hour: the oldest
 * secrets beyond it are forgotten first (the fixed credentials are added first and kept by
 * `pinned`). Each secret costs at most a number per window of each of its forms.
 */
export function createRedactor(pinned: Iterable<string | undefined> = [], maxSecrets = 1024): Redactor {
  // For each window length, the hashes of every window of that length of every form of every
  // secret: a text position is a hit when the hash of the text's window ending there is one.
  const secrets = new Map<string, Map<number, number[]>>();
  const fixed = new Set<string>();
  let hashes = new Map<number, Set<number>>();
  let stale = false;

  function hashesOf(secret: string): Map<number, number[]> {
    const byLength = new Map<number, number[]>();
    for (const form of new Set(formsOf(secret))) {
      const length = Math.min(WINDOW, form.length);
      const list = byLength.get(length) ?? [];
      windowHashes(form, length, (hash) => list.push(hash));
      byLength.set(length, list);
    }
    return byLength;
  }

  function include(byLength: Map<number, number[]>) {
    for (const [length, list] of byLength) {
      const set = hashes.get(length) ?? new Set();
      for (const hash of list) set.add(hash);
      hashes.set(length, set);
    }
  }

  function rebuild() {
    hashes = new Map();
    for (const byLength of secrets.values()) include(byLength);
    stale = false;
  }

  function add(whole: string | undefined, pin = false) {
    if (typeof whole !== "string" || whole.length < MIN_SECRET_LENGTH) return;
    const secret = whole.length > MAX_SECRET_LENGTH ? whole.slice(0, MAX_SECRET_LENGTH) : whole;
    if (pin) fixed.add(secret);
    if (secrets.has(secret)) return;
    const byLength = hashesOf(secret);
    secrets.set(secret, byLength);
    include(byLength);
    if (secrets.size > maxSecrets) {
      for (const old of secrets.keys()) {
        if (fixed.has(old)) continue;
        secrets.delete(old);
        stale = true; // a hash may be shared with a kept secret: rebuild rather than delete
        if (secrets.size <= maxSecrets) break;
      }
    }
  }

  for (const secret of pinned) add(secret, true);

  return {
    add: (secret) => add(secret),
    redact(text) {
      if (typeof text !== "string" || secrets.size === 0 || text.length === 0) return text;
      if (stale) rebuild();
      // Marks every character covered by a hit, then replaces each covered run once.
      let covered: Uint8Array | undefined;
      for (const [length, set] of hashes) {
        windowHashes(text, length, (hash, end) => {
          if (set.has(hash)) (covered ??= new Uint8Array(text.length)).fill(1, end - length, end);
        });
      }
      if (!covered) return text;
      let out = "";
      for (let i = 0; i < text.length; ) {
        const start = i;
        const hidden = covered[i];
        while (i < text.length && covered[i] === hidden) i++;
        out += hidden ? REDACTED : text.slice(start, i);
      }
      return out;
    },
  };
}
