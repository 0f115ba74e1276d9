export const SCHEMA_DIR: string;
export const OUTPUT_DIR: string;
export function typeNameFor(stream: string): string;
export function generateTypes(schemaDir?: string): Promise<Map<string, string>>;
