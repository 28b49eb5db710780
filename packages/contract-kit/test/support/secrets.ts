// The check every hostile-server test ends with: no part of a secret in what a user can see.
import { inspect } from "node:util";
import { expect } from "vitest";
import { WINDOW } from "../../src/http/redact.js";

/**
 * Fails when `text` holds any WINDOW-long run of a secret, as sent, JSON-escaped or
 * URL-encoded: the redactor's promise, checked from the outside.
 */
export function expectNoPartOf(secrets: string | readonly string[], text: string): void {
  for (const secret of [secrets].flat()) {
    for (const form of [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]) {
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

/** The error a call rejects with; fails the test if it resolves. */
export async function failure<E = Error>(promise: Promise<unknown>): Promise<E> {
  try {
    await promise;
  } catch (error) {
    return error as E;
  }
  throw new Error("expected the call to fail");
}
