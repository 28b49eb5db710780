export function findDrift(committedDir: string, freshDir: string, names?: string[]): string[];
export function checkDrift(committedDir?: string, options?: { contract?: string }): string[];
