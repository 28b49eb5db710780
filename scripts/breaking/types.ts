// The shapes the breaking-change modules pass around.

export interface Change {
  /** "METHOD /path", with the spec's own path template. */
  operation: string;
  breaking: boolean;
  /** redocly's rating: major (breaking), minor or patch. */
  impact: string;
  direction: "request" | "response" | "operation";
  /** Where in the operation: "request body", "response 200", "parameter limit (query)", "". */
  place: string;
  message: string;
  /** JSON pointer into the spec as written: inside the component when the change is in one. */
  pointer: string;
  /** Which version holds the pointer: the base for something removed. */
  side: "base" | "revision";
  /** The diff rule (redocly's rule id, "dependent-required", or "redocly:<Type>-<kind>" when unrated). */
  rule: string;
  /** The change's pointer in the operation's dereferenced copy. */
  at: string;
  /** Set when the line was added because the operation reaches a changed component. */
  reachedBy?: "every-reach";
}

/** A spec read for comparing (scripts/breaking/load.ts, prepareSpec). */
export interface PreparedSpec {
  file: string;
  source: Record<string, any>;
  dereferencedFile: string;
  dereferenced: Record<string, any>;
}

export type Json = any;
