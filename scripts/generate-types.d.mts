export const SCHEMA_DIR: string;
export const OUTPUT_DIR: string;
export function typeNameFor(stream: string): string;
export const STREAM_TABLE: string;
export function generateTypes(schemaDir?: string, streamTable?: string): Promise<Map<string, string>>;
