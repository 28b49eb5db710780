// Whether a Content-Type is JSON as the contract means it: application/json or a +json type.
export function isJsonMediaType(contentType: string | null | undefined): boolean {
  return /^application\/([\w.+-]*\+)?json\b/i.test(contentType ?? "");
}
