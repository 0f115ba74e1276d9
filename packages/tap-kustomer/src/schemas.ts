// The committed stream schemas (schemas/<stream>.json at the repository root: the single source of truth, DESIGN.md
// section 2), read at run time. From dist/ and from src/ alike the root is three levels up.
import { readFile } from 'node:fs/promises';
import type { JsonSchema } from '@kustomer-synapse/singer';
import type { StreamSpec } from './streams.js';

const REPO_ROOT = new URL('../../../', import.meta.url);

export async function loadSchema(spec: StreamSpec): Promise<JsonSchema> {
  return JSON.parse(await readFile(new URL(spec.schemaFile, REPO_ROOT), 'utf8')) as JsonSchema;
}
