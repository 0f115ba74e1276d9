import t from 'tap';
import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { generateTypes, OUTPUT_DIR, typeNameFor } from '../scripts/generate-types.mjs';

t.test('the committed generated types match schemas/ (run `npm run generate` when this fails)', async (t) => {
  const expected = await generateTypes();
  const committed = (await readdir(OUTPUT_DIR)).sort();
  t.same(committed, [...expected.keys()].sort(), 'one generated file per schema, plus index.ts');
  for (const [name, content] of expected) {
    t.equal(await readFile(join(OUTPUT_DIR, name), 'utf8'), content, `${name} is up to date`);
  }
});

t.test('a stream schema becomes an exported record type with nullable and nested fields', async (t) => {
  const dir = t.testdir({});
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'sla_versions.json'), JSON.stringify({
    type: 'object',
    properties: {
      id: { type: 'string' },
      updated_at: { type: ['null', 'string'], format: 'date-time' },
      tags: { type: ['null', 'array'], items: { type: 'string' } },
      meta: { type: ['null', 'object'], properties: { count: { type: 'integer' } } },
    },
    required: ['id'],
  }));
  const files = await generateTypes(dir);
  const source = files.get('sla_versions.ts') ?? '';
  t.match(source, 'export interface SlaVersionsRecord {');
  t.match(source, /id: string;/);
  t.match(source, /updated_at\?: null \| string;/);
  t.match(source, /tags\?: null \| string\[\];/);
  t.match(source, /count\?: number;/);
  t.equal(files.get('index.ts')?.includes("export type { SlaVersionsRecord } from './sla_versions.js';"), true);
  t.equal(typeNameFor('conversation_attachments'), 'ConversationAttachmentsRecord');
});
