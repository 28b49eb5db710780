// Shared by the client tests: the error a call rejects with, and every view of an error a log
// line or crash report could show.
import { inspect } from "node:util";
import { expect } from "vitest";
import type { AvaraError } from "../../src/index.js";

export async function failure(promise: Promise<unknown>): Promise<AvaraError & { status?: number; body?: unknown }> {
  try {
    await promise;
  } catch (error) {
    return error as AvaraError;
  }
  throw new Error("expected the call to fail");
}

export const everyView = (error: unknown) =>
  [String(error), (error as Error).message, (error as Error).stack, JSON.stringify(error), inspect(error, { depth: 10, showHidden: true })].join("\n");

/** Fails when any 12 consecutive characters of the secret, as sent, JSON-escaped or URL-encoded, appear in the text. */
export function expectNoPartOf(secret: string, text: string) {
  for (const form of [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]) {
    for (let i = 0; i + 12 <= form.length; i++) expect(text, `a part of the key: ${form.slice(i, i + 12)}`).not.toContain(form.slice(i, i + 12));
  }
}
