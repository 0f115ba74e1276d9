export const README: string;
export function firstTable(markdown: string): string[];
export function settingsSubsection(readme: string, name: string): string;
