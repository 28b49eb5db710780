// Whether a Content-Type is JSON as a client reads it: application/json or a +json type
// (application/problem+json), with any parameters; not application/json-seq or the like.
export function isJsonMediaType(contentType: string | null | undefined): boolean {
  return /^application\/([\w.+-]*\+)?json[ \t]*(;|$)/i.test(contentType ?? "");
}

