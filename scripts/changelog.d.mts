import type { Change } from "./breaking.mjs";
export function draftChangelog(argv: string[]): { text: string; version?: string; changes?: Change[] };
export function insertEntry(changelog: string, entry: string, version: string): string;
