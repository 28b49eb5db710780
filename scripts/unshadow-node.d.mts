export const shadowingNode: string;
export function shadowTarget(): string | undefined;
