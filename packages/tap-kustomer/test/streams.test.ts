import t from 'tap';
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SEARCH_ROLE, STREAM_NAMES, STREAMS } from '../src/streams.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const SCHEMA_DIR = join(ROOT, 'schemas');

t.test('every stream in the table has its schema file and every schema file has a stream', async (t) => {
  const files = (await readdir(SCHEMA_DIR)).filter((name) => name.endsWith('.json')).sort();
  const fromTable = Object.values(STREAMS).map((stream) => stream.schemaFile).sort();
  t.same(fromTable.map((file) => basename(file)), files, 'the table names exactly the files in schemas/');
  for (const stream of Object.values(STREAMS)) {
    t.equal(stream.schemaFile, `schemas/${stream.name}.json`, `${stream.name}: schemas/<stream>.json`);
    const schema = JSON.parse(await readFile(join(ROOT, stream.schemaFile), 'utf8')) as { $schema?: string; type?: string };
    t.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#', `${stream.name}: a draft-07 schema`);
    t.equal(schema.type, 'object', `${stream.name}: records are objects`);
  }
});

t.test('the table holds the six search streams, the nine list streams and conversation attachments, each once', async (t) => {
  const byKind = (kind: string): string[] => STREAM_NAMES.filter((name) => STREAMS[name].endpoint.kind === kind);
  t.same(byKind('search'), ['customers', 'conversations', 'messages', 'notes', 'companies', 'kobjects']);
  t.same(byKind('list'), ['users', 'teams', 'tags', 'shortcuts', 'klasses', 'brands', 'slas', 'sla_versions', 'custom_attributes']);
  t.same(byKind('child'), ['conversation_attachments']);
  t.same(Object.keys(STREAMS), [...STREAM_NAMES], 'one entry per name, keyed by its own name');
  for (const name of STREAM_NAMES) t.equal(STREAMS[name].name, name);
});

t.test('search streams replicate by updated_at and need the search role; the others are full table', async (t) => {
  for (const stream of Object.values(STREAMS)) {
    t.same(stream.keyProperties, ['id'], `${stream.name}: key id`);
    if (stream.endpoint.kind === 'search') {
      t.equal(stream.replicationKey, 'updated_at', `${stream.name}: incremental`);
      t.equal(stream.roles[0], SEARCH_ROLE, `${stream.name}: search role first`);
      t.equal(stream.roles.length, 2, `${stream.name}: and the object's read role`);
    } else {
      t.equal(stream.replicationKey, null, `${stream.name}: full table`);
      t.notOk(stream.roles.includes(SEARCH_ROLE), `${stream.name}: no search role`);
    }
    for (const role of stream.roles) t.match(role, /^org\.permission\.[a-z]+\.(read|create)$/, `${stream.name}: ${role} is a permission-set role`);
  }
  const attachments = STREAMS.conversation_attachments.endpoint;
  t.same(attachments.kind === 'child' ? [attachments.parent, attachments.path] : [], ['conversations', '/v1/conversations/{id}/attachments']);
});
