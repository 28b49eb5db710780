export function withoutNode20Notice(text: string): string;
