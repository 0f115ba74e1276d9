/** Validates shaped records against a stream's committed schema with ajv and its formats, as schemas-sim.test.ts does. */
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STREAMS, type StreamName } from '../../src/streams.js';

export const REPO_ROOT = fileURLToPath(new URL('../../../..', import.meta.url));
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export const readSchema = async (stream: StreamName): Promise<Record<string, unknown>> =>
  JSON.parse(await readFile(join(REPO_ROOT, STREAMS[stream].schemaFile), 'utf8')) as Record<string, unknown>;

/** The first few records that fail their schema, as `id: errors`; empty when all are valid. */
export async function invalidRecords(stream: StreamName, records: readonly unknown[], schema?: object): Promise<string[]> {
  const ajv = addFormats(new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }));
  const validate = ajv.compile(schema ?? (await readSchema(stream)));
  const failures: string[] = [];
  for (const record of records) {
    if (!validate(record)) failures.push(`${String((record as { id?: unknown }).id)}: ${ajv.errorsText(validate.errors)}`);
  }
  return failures.slice(0, 5);
}
