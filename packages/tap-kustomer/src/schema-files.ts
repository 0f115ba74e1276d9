// The schema a stream is synced with when no catalog is given: schemas/<stream>.json at the repository root,
// the single source of truth (DESIGN.md section 2). `custom` is an open object there; discovery types it.
import { readFile } from 'node:fs/promises';
import type { JsonSchema } from '@kustomer-synapse/singer';
import type { StreamSpec } from './streams.js';

/** dist/ and src/ sit two levels below the repository root's packages/tap-kustomer. */
const REPOSITORY_ROOT = new URL('../../../', import.meta.url);

export async function loadStreamSchema(spec: StreamSpec): Promise<JsonSchema> {
  return JSON.parse(await readFile(new URL(spec.schemaFile, REPOSITORY_ROOT), 'utf8')) as JsonSchema;
}
