export const repoRoot: string;
export function contractArgs(argv?: string[]): { contract: string; rest: string[] };
export function runTool(tool: string, args: string[], options?: { cwd?: string; quiet?: boolean }): string;
