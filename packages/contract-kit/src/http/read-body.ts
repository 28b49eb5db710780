// Reads a response body, at most `maxBytes` of it. A server can send a body of any
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

/** The body's bytes, at most `maxBytes` of them (BodyTooLargeError past that). */
export async function readBody(response: Response, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(response.headers.get("content-length"));
  const body = response.body;
  if (!body) return new Uint8Array(0);
  if (declared > maxBytes) {
    await body.cancel().catch(() => undefined);
    throw new BodyTooLargeError(maxBytes);
  }
  // Every body is read chunk by chunk and counted, within a declared length too: a compressed
  // body's length is of its compressed bytes (a gzip of zeros inflates a thousandfold), and a
  // fetch other than the platform's can hand on more than its Content-Length says.
  // The reader is never released: the stream is read to its end or cancelled, and no one else
  // reads it (releasing costs a rejected promise per body on Node 20).
  const reader = body.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  // One chunk (a small body) is the body: no copy.
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(received);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}
