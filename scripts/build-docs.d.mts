export function guideDescription(description: string, contract?: string): string;
export function docsFile(contract?: string): string;
export function buildDocs(outFile?: string, options?: { contract?: string }): string;
