// JSON pointers (RFC 6901): the spec's "#/paths/~1v1~1token/post" and ajv's "/data/0".

/** Escapes one key (or array index) for use in a JSON pointer ("a/b~c" → "a~1b~0c"). */
export function pointerSegment(key: string | number): string {
  return String(key).replaceAll("~", "~0").replaceAll("/", "~1");
}

/** ["a", "b/c"] → "#/a/b~1c". */
export const toPointer = (keys: readonly (string | number)[]): string => `#${keys.map((key) => `/${pointerSegment(key)}`).join("")}`;

/** The keys of a pointer, unescaped; a leading "#" is allowed. */
export function pointerKeys(pointer: string): string[] {
  return pointer
    .replace(/^#/, "")
    .split("/")
    .slice(1)
    .map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~"));
}

/** The value at `pointer` inside `root`, or undefined. */
export function lookup(root: unknown, pointer: string): unknown {
  return pointerKeys(pointer).reduce<unknown>(
    (node, key) => (node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined),
    root,
  );
}

/** Follows `$ref`s ("#/...") from `node` to the object they name, and the last pointer followed. */
export function deref(document: unknown, node: unknown): { node: Record<string, any>; pointer?: string } {
  let current = node as Record<string, any>;
  let pointer: string | undefined;
  while (typeof current?.$ref === "string") {
    pointer = current.$ref as string;
    current = lookup(document, pointer) as Record<string, any>;
  }
  return { node: current, pointer };
}
