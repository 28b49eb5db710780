// A response whose body an attempt has already read into memory, within the deadline and the
// size cap (its JSON, for the hooks and the drift check: response-json.ts).
//
// The client's own methods hand it to openapi-fetch as it is: with `parseAs: "text"`,
// openapi-fetch reads only `status`, `ok`, `headers` and `text()` of what its fetch returns, so
// no stream is made to be read again (on Node 20 a ReadableStream costs more than the rest of
// the call's own work). Raw calls give the caller a real Response: `toResponse()`.

const decoder = new TextDecoder();

// Statuses whose Response cannot have a body (the constructor throws on one).
const NULL_BODY = new Set([101, 204, 205, 304]);

/** What a client reads of a response before its body: every reader of a BufferedResponse and a Response alike. */
export type ResponseHead = Pick<Response, "status" | "ok" | "headers">;

export class BufferedResponse implements ResponseHead {
  constructor(
    readonly status: number,
    readonly headers: Headers,
    readonly bytes: Uint8Array<ArrayBuffer>,
  ) {}

  get ok(): boolean {
    return this.status >= 200 && this.status <= 299;
  }

  /** The body decoded as UTF-8, as Response.text() decodes it. */
  text(): Promise<string> {
    return Promise.resolve(decoder.decode(this.bytes));
  }

  /**
   * A platform Response of the same status, headers and bytes. No statusText: a reason phrase
   * outside Latin-1 (a server's own words) would make the constructor throw, and nothing here
   * reads it.
   */
  toResponse(): Response {
    return new Response(NULL_BODY.has(this.status) ? null : this.bytes, { status: this.status, headers: this.headers });
  }
}
