// The breaking-change comparison, one module per part: JSON pointers (pointer.ts), reading a
// spec (load.ts), which operations reach a component (reach.ts), redocly diff and its report
// (redocly-diff.ts), the rules of our own (rules.ts), all of it together (compare.ts), and
// versions and the changelog entry (versions.ts).
export * from "./types.js";
export * from "./pointer.js";
export * from "./load.js";
export * from "./reach.js";
export * from "./redocly-diff.js";
export * from "./rules.js";
export * from "./compare.js";
export * from "./versions.js";
