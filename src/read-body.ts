// Reads a response body as text, at most `maxBytes` of it. A server can send a body of any
// size (or claim one in Content-Length), and buffering it whole is how a client runs out of
// memory; past the limit the stream is cancelled, so its connection is closed, and nothing
// more is read. The deadline is the request's signal: when it aborts, fetch errors the body
// stream and the read rejects with the signal's reason.

/** The body is larger than the reader was allowed to take. */
export class BodyTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`body larger than ${maxBytes} bytes`);
  }
}
BodyTooLargeError.prototype.name = "BodyTooLargeError";

export async function readBodyText(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get("content-length"));
  const body = response.body;
  if (!body) return "";
  if (declared > maxBytes) {
    await body.cancel().catch(() => undefined);
    throw new BodyTooLargeError(maxBytes);
  }
  // Within a declared length (checked above): fetch reads no more than a server declares.
  if (declared >= 0 && response.headers.has("content-length")) return response.text();
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let received = 0;
  let text = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return text + decoder.decode();
      received += value.byteLength;
      if (received > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new BodyTooLargeError(maxBytes);
      }
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    reader.releaseLock();
  }
}
