// What a thrown value may contribute to an error: a copy with its name, code and a redacted
// message, never the object itself (a custom fetch may throw with the request's headers in
// its message, or hang them on the error).

/**
 * A thrown value as a cause an error may keep: its name, its `code` and a redacted message,
 * with the same for its own cause (undici hides the socket error there), never the object.
 * A custom fetch may throw with the request's headers in its message.
 */
export function safeCause(thrown: unknown, redact: (text: string) => string, depth = 0): Error | undefined {
  if (thrown === undefined || thrown === null || depth > 2) return undefined;
  const source = thrown as { name?: unknown; message?: unknown; code?: unknown; cause?: unknown };
  const message = typeof thrown === "object" ? String(source.message ?? "") : String(thrown);
  const copy = new Error(redact(message), { cause: safeCause(source.cause, redact, depth + 1) });
  if (copy.cause === undefined) delete copy.cause;
  copy.name = typeof source.name === "string" ? redact(source.name) : "Error";
  if (typeof source.code === "string") Object.assign(copy, { code: redact(source.code) });
  copy.stack = `${copy.name}: ${copy.message}`; // the frames are ours, not the thrower's
  return copy;
}

/** "fetch failed: connect ECONNREFUSED 127.0.0.1:4010": a cause and its own cause, in words. */
export function describeCause(cause: Error | undefined): string {
  const parts: string[] = [];
  for (let error = cause; error; error = error.cause as Error | undefined) if (error.message) parts.push(error.message);
  return parts.join(": ");
}
