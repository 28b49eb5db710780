export function guideDescription(description: string): string;
export function buildDocs(outFile?: string): string;
