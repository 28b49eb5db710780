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
export interface PreparedSpec {
  file: string;
  source: Record<string, any>;
  dereferencedFile: string;
  dereferenced: Record<string, any>;
}
export const HTTP_METHODS: string[];
export function encodeSegment(segment: string | number): string;
export function pointerSegments(pointer: string): string[];
export function toPointer(segments: string[]): string;
export function sourcePointer(source: unknown, segments: string[]): string;
export function dereference<T>(document: T): T;
export function prepareSpec(specFile: string, scratch: string, name: string): PreparedSpec;
export function operationsOf(document: unknown): { method: string; path: string; segments: string[] }[];
export function componentReach(source: unknown): Map<string, Map<string, Map<"request" | "response", Set<string>>>>;
export function redoclyDiff(base: PreparedSpec, revision: PreparedSpec, scratch: string): { changes?: unknown[] };
export function dependentRequiredChanges(base: PreparedSpec, revision: PreparedSpec): Change[];
export function everyReach(changes: Change[], base: PreparedSpec, revision: PreparedSpec): Change[];
export function compareSpecs(base: string | PreparedSpec, revision: string | PreparedSpec): { baseVersion?: string; revisionVersion?: string; changes: Change[] };
export function sortChanges(changes: Change[]): Change[];
export function formatChange(change: Change): string;
export function parseVersion(version: unknown, what?: string): [number, number, number];
export function isBreakingBump(base: string, next: string): boolean;
export function nextVersion(base: string, changes: Change[]): string;
export function changelogEntry(version: string, changes: Change[], options?: { date?: string }): string;
export function readYamlOrJson(file: string): any;
