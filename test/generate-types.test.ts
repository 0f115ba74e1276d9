import t from 'tap';
import { spawnSync } from 'node:child_process';
import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateTypes, OUTPUT_DIR, typeNameFor } from '../scripts/generate-types.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const STREAM_TABLE_SOURCE = "export const STREAMS = [{ name: 'customers' }] as const;\n";

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

t.test('once the tap has a stream table, a missing schemas/ folder fails generation', async (t) => {
  const dir = t.testdir({ 'streams.ts': STREAM_TABLE_SOURCE });
  await t.rejects(generateTypes(join(dir, 'schemas'), join(dir, 'streams.ts')), {
    message: /streams\.ts declares the tap's streams, but \S*schemas does not exist; add one JSON Schema per stream as schemas\/<stream>\.json$/,
  });
});

t.test('once the tap has a stream table, a schemas/ folder without any *.json fails generation', async (t) => {
  const dir = t.testdir({ 'streams.ts': STREAM_TABLE_SOURCE, schemas: {}, notes: { 'README.md': 'not a schema' } });
  await t.rejects(generateTypes(join(dir, 'schemas'), join(dir, 'streams.ts')), { message: /schemas holds no \*\.json file; add one JSON Schema per stream/ });
  await t.rejects(generateTypes(join(dir, 'notes'), join(dir, 'streams.ts')), { message: /notes holds no \*\.json file/ }, 'other files do not count');
});

t.test('before the tap has a stream table, a missing schemas/ folder generates only an empty index', async (t) => {
  const dir = t.testdir({});
  const files = await generateTypes(join(dir, 'schemas'), join(dir, 'streams.ts'));
  t.same([...files.keys()], ['index.ts']);
  t.match(files.get('index.ts'), /export \{\};/);
});

t.test('a schemas path that is not a folder is an error, not an empty list', async (t) => {
  const dir = t.testdir({ schemas: 'a file' });
  await t.rejects(generateTypes(join(dir, 'schemas'), join(dir, 'streams.ts')), { code: 'ENOTDIR' });
});

t.test('npm run generate exits with 1 and says why when the stream table exists without schemas', async (t) => {
  const dir = t.testdir({
    scripts: { 'generate-types.mjs': await readFile(join(ROOT, 'scripts', 'generate-types.mjs'), 'utf8') },
    packages: { 'tap-kustomer': { src: { 'streams.ts': STREAM_TABLE_SOURCE } } },
    node_modules: t.fixture('symlink', join(ROOT, 'node_modules')),
  });
  const run = spawnSync(process.execPath, [join(dir, 'scripts', 'generate-types.mjs')], { encoding: 'utf8' });
  t.equal(run.status, 1);
  t.equal(run.stderr, "generate-types: packages/tap-kustomer/src/streams.ts declares the tap's streams, but schemas does not exist; add one JSON Schema per stream as schemas/<stream>.json\n");
  const generated = await readdir(join(dir, 'packages', 'tap-kustomer', 'src'));
  t.same(generated, ['streams.ts'], 'nothing was generated');
});
