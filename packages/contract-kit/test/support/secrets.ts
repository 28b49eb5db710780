// The check every hostile-server test ends with: no part of a secret in what a user can see.
import { inspect } from "node:util";
import v8 from "node:v8";
import vm from "node:vm";
import { expect } from "vitest";
import { WINDOW } from "../../src/http/redact.js";

/** A secret as Python's urllib.parse.quote and Java's URLEncoder write it: ! ' ( ) * escaped too (Java writes a space as +). */
export const pythonQuote = (secret: string) => encodeURIComponent(secret).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
/** A secret inside a JSON string as PHP's json_encode writes it: "/" as "\/" and every non-ASCII character as \uXXXX. */
export const phpJson = (secret: string) =>
  JSON.stringify(secret)
    .slice(1, -1)
    .replace(/[/\u0080-\uffff]/g, (c) => (c === "/" ? "\\/" : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`));

/**
 * Fails when `text` holds any WINDOW-long run of a secret, as sent, JSON-escaped (by
 * JavaScript or PHP) or URL-encoded (by JavaScript or Python, in upper- or lower-case hex):
 * the redactor's promise, checked from the outside.
 */
export function expectNoPartOf(secrets: string | readonly string[], text: string): void {
  for (const secret of [secrets].flat()) {
    const encoded = [encodeURIComponent(secret), pythonQuote(secret)];
    const forms = [secret, JSON.stringify(secret).slice(1, -1), phpJson(secret), ...encoded, ...encoded.map((form) => form.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()))];
    for (const form of new Set(forms)) {
      for (let i = 0; i + WINDOW <= form.length; i++) {
        const part = form.slice(i, i + WINDOW);
        expect(text.includes(part), `a part of a secret, ${JSON.stringify(part)}, in:\n${text.slice(0, 2000)}`).toBe(false);
      }
    }
  }
}

/** Everything a log line or a crash report could show of a value (an error, usually). */
export function everyView(value: unknown): string {
  const error = value as Error | undefined;
  return [String(value), error?.message, error?.stack, JSON.stringify(value), inspect(value, { depth: 20, showHidden: true, getters: true })].join("\n");
}

/**
 * The memory in use after a full garbage collection, JavaScript heap and array buffers (typed
 * arrays keep their contents outside the heap), so that a test can bound what something keeps.
 * Vitest's workers do not run with --expose-gc: the flag is set here, and a new context gets
 * the gc function it exposes. Array buffers are released after the collection that finds them
 * garbage: it waits a moment and collects again.
 */
export async function memoryUsedAfterGc(): Promise<number> {
  v8.setFlagsFromString("--expose-gc");
  const gc = vm.runInNewContext("gc") as () => void;
  gc();
  await new Promise((resolve) => setTimeout(resolve, 20));
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

/** The error a call rejects with; fails the test if it resolves. */
export async function failure<E = Error>(promise: Promise<unknown>): Promise<E> {
  try {
    await promise;
  } catch (error) {
    return error as E;
  }
  throw new Error("expected the call to fail");
}
