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
 * `maxSecrets` bounds memory for a long-lived provider that issues a token an hour: the oldest
 * secrets beyond it are forgotten first (the fixed credentials are added first and kept by
 * `pinned`).
 */
export function createRedactor(pinned: Iterable<string | undefined> = [], maxSecrets = 1024): Redactor {
  // For each window length, the set of every substring of that length of every form of every
  // secret: a text position is a hit when the text's substring there is in the set.
  const secrets = new Map<string, Map<number, string[]>>();
  const fixed = new Set<string>();
  let grams = new Map<number, Set<string>>();
  let stale = false;

  function gramsOf(secret: string): Map<number, string[]> {
    const byLength = new Map<number, string[]>();
    for (const form of new Set(formsOf(secret))) {
      const length = Math.min(WINDOW, form.length);
      const list = byLength.get(length) ?? [];
      for (let i = 0; i + length <= form.length; i++) list.push(form.slice(i, i + length));
      byLength.set(length, list);
    }
    return byLength;
  }

  function rebuild() {
    grams = new Map();
    for (const byLength of secrets.values()) {
      for (const [length, list] of byLength) {
        const set = grams.get(length) ?? new Set();
        for (const gram of list) set.add(gram);
        grams.set(length, set);
      }
    }
    stale = false;
  }

  function add(secret: string | undefined, pin = false) {
    if (typeof secret !== "string" || secret.length < MIN_SECRET_LENGTH) return;
    if (pin) fixed.add(secret);
    if (secrets.has(secret)) return;
    secrets.set(secret, gramsOf(secret));
    for (const [length, list] of secrets.get(secret)!) {
      const set = grams.get(length) ?? new Set();
      for (const gram of list) set.add(gram);
      grams.set(length, set);
    }
    if (secrets.size > maxSecrets) {
      for (const old of secrets.keys()) {
        if (fixed.has(old)) continue;
        secrets.delete(old);
        stale = true; // a gram may be shared with a kept secret: rebuild rather than delete
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
      for (const [length, set] of grams) {
        for (let i = 0; i + length <= text.length; i++) {
          if (set.has(text.slice(i, i + length))) (covered ??= new Uint8Array(text.length)).fill(1, i, i + length);
        }
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
