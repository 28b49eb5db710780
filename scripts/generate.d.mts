export const GENERATED_FILES: string[];
export function generate(outDir?: string, options?: { contract?: string }): string[];
