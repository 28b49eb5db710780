// Whether a Content-Type is JSON as a client reads it: application/json or a +json type
// (application/problem+json), with any parameters; not application/json-seq or the like.
export function isJsonMediaType(contentType: string | null | undefined): boolean {
  return /^application\/([\w.+-]*\+)?json[ \t]*(;|$)/i.test(contentType ?? "");
}

/**
 * Whether a response's Content-Type is exactly what the contract documents: application/json,
 * optionally with charset=utf-8. Stricter than isJsonMediaType, for judging a server (verify):
 * application/json-seq, a +json type or another charset is a departure from the contract.
 */
export function isContractJsonMediaType(contentType: string | null | undefined): boolean {
  return /^application\/json[ \t]*(;[ \t]*charset[ \t]*=[ \t]*("utf-8"|utf-8)[ \t]*)?$/i.test(contentType ?? "");
}
