export function formatCount(n: number): string;
export function formatTable(headers: readonly string[], rows: readonly (readonly (string | number)[])[]): string;
