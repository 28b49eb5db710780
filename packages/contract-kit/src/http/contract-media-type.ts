// Whether a response's Content-Type is what the contracts document, for judging a server rather
// than reading it: verify's checks and the client's drift check. A module of its own, apart
// from the client's looser reader (media-type.ts), so that the lazily loaded drift check
// shares no module with the client's entry.

/**
 * Whether a response's Content-Type is exactly what the contract documents: application/json,
 * optionally with charset=utf-8. Stricter than isJsonMediaType, for judging a server:
 * application/json-seq, a +json type or another charset is a departure from the contract.
 */
export function isContractJsonMediaType(contentType: string | null | undefined): boolean {
  return /^application\/json[ \t]*(;[ \t]*charset[ \t]*=[ \t]*("utf-8"|utf-8)[ \t]*)?$/i.test(contentType ?? "");
}
