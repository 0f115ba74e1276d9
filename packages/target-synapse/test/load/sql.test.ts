// The SQL text, pinned by snapshots: each statement the loader can run, with identifiers that need quoting.
import t from 'tap';
import * as sql from '../../src/load/sql.js';
import { BIGINT, TEXT, child, col, table } from './harness.js';

const odd = table('we]ird', [col('id', BIGINT, false), col('na]me', TEXT(40)), col('order', { kind: 'decimal', precision: 38, scale: 19 }), col('at', { kind: 'datetimeoffset' }), col('body', TEXT('max'))], ['id'], { distribution: { kind: 'hash', column: 'id' }, index: 'cci' });
const pair = table('pairs', [col('a', TEXT(10), false), col('b', TEXT(10), false), col('v', BIGINT)], ['a', 'b']);
const kids = child('pairs__kids', [col('_sdc_source_key_a', TEXT(10), false), col('_sdc_source_key_b', TEXT(10), false), col('_sdc_level_0_id', BIGINT, false), col('value', TEXT())], ['_sdc_source_key_a', '_sdc_source_key_b'], ['kids']);
const snap = (s: sql.Statement): string => `${s.sql}\n-- parameters: ${JSON.stringify(s.parameters, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))}`;

t.test('quoteIdent doubles ] and refuses empty, over-long and NUL names; quoteLiteral doubles quotes', async (t) => {
  t.equal(sql.quoteIdent('a]b'), '[a]]b]');
  t.equal(sql.quoteIdent(']]'), '[]]]]]');
  t.equal(sql.quoteIdent('x'.repeat(128)), `[${'x'.repeat(128)}]`);
  t.throws(() => sql.quoteIdent(''), RangeError);
  t.throws(() => sql.quoteIdent('x'.repeat(129)), RangeError);
  t.throws(() => sql.quoteIdent('a\u0000b'), RangeError);
  t.equal(sql.quoteLiteral("it's ''"), "'it''s '''''");
  t.equal(sql.tempTableName('stg1', 'x'.repeat(128)).length, 116);
  t.not(sql.tempTableName('stg1', `${'x'.repeat(120)}a`), sql.tempTableName('stg1', `${'x'.repeat(120)}b`), 'cut names stay distinct');
});

t.test('DDL: schema, CREATE TABLE with distribution and index, ADD, ALTER COLUMN, rebuild as heap, stage', async (t) => {
  t.matchSnapshot(snap(sql.createSchemaIfMissing("o'brien")), 'create schema');
  t.matchSnapshot(snap(sql.createTable(odd)), 'create table hash cci');
  t.matchSnapshot(snap(sql.createTable({ ...pair, distribution: { kind: 'replicate' } })), 'create table replicate heap');
  t.matchSnapshot(snap(sql.addColumn('tap', 'we]ird', col('new', { kind: 'date' }))), 'add column');
  t.matchSnapshot(snap(sql.alterColumn('tap', 'we]ird', col('na]me', TEXT('max')))), 'alter column');
  t.matchSnapshot(sql.rebuildAsHeap('tap', 'we]ird', { kind: 'hash', column: 'id' }).map(snap).join('\n'), 'rebuild as heap');
  t.matchSnapshot(snap(sql.createStage('#stg1_we]ird', odd)), 'stage');
  t.matchSnapshot(snap(sql.dropTempTable('#stg1_we]ird')), 'drop stage');
});

t.test('COPY INTO with each credential; the secret is masked for logs', async (t) => {
  const files = ['https://acct.blob.core.windows.net/staging/target-synapse/r1/we]ird/b000000001-p00000.csv.gz', "https://acct.blob.core.windows.net/staging/o'k.csv.gz"];
  const sas = sql.copyIntoStage('#stg1_we]ird', odd, files, { kind: 'sas', token: "?sv=2024&sig=fake'sig" });
  t.matchSnapshot(snap(sas), 'copy into with a SAS');
  t.matchSnapshot(snap(sql.copyIntoStage('#s', pair, files.slice(0, 1), { kind: 'key', key: 'ZmFrZS1rZXk=' })), 'copy into with a key');
  t.matchSnapshot(snap(sql.copyIntoStage('#s', pair, files.slice(0, 1), { kind: 'managed-identity' })), 'copy into with managed identity');
  t.match(sas.sql, /SECRET = 'sv=2024&sig=fake''sig'/, 'the SAS is one escaped literal, without its ?');
  const masked = sql.maskCredential(sas.sql);
  t.notMatch(masked, /sig=|fake/);
  t.match(masked, /SECRET = '\*\*\*'\),/);
  t.equal(sql.maskCredential("COPY ... SECRET = 'unterminated"), "COPY ... SECRET = '***'");
  t.throws(() => sql.copyIntoStage('#s', pair, [], { kind: 'managed-identity' }), RangeError);
});

t.test('dedupe, DELETE + INSERT, MERGE, children, overwrite, ACTIVATE_VERSION, describe', async (t) => {
  t.matchSnapshot(snap(sql.dedupeStage('#stg1_pairs', '#dd1_pairs', pair)), 'dedupe');
  t.matchSnapshot(snap(sql.deleteMatching(pair, '#dd1_pairs')), 'delete matching keys');
  t.matchSnapshot(snap(sql.insertFrom(pair, '#dd1_pairs')), 'insert from the deduped stage');
  t.matchSnapshot(snap(sql.mergeInto(odd, '#dd1_we]ird')), 'merge');
  t.throws(() => sql.mergeInto(pair, '#dd1_pairs'), RangeError, 'MERGE is refused for a non-HASH table');
  t.matchSnapshot(snap(sql.deleteChildrenOf(kids, pair.keyColumns, '#dd1_pairs')), 'delete children of the staged parents');
  t.matchSnapshot(snap(sql.insertChildrenOfWinners(kids, '#stg1_pairs__kids', '#dd1_pairs')), 'insert children of the winners');
  t.matchSnapshot(snap(sql.deleteAll('tap', 'pairs')), 'overwrite');
  t.matchSnapshot(snap(sql.deleteOlderVersions('tap', 'pairs', 5n)), 'activate version hard');
  t.matchSnapshot(snap(sql.softDeleteOlderVersions('tap', 'pairs', 5n, '2026-12-02T10:00:00.000Z')), 'activate version soft');
  t.matchSnapshot(snap(sql.deleteOrphans(kids, pair)), 'orphans');
  t.matchSnapshot([sql.beginTransaction, sql.commitTransaction, sql.rollbackIfOpen].map(snap).join('\n'), 'transaction');
  t.matchSnapshot(snap(sql.describeColumns('tap', ['a', 'b'])), 'describe columns');
  t.matchSnapshot(snap(sql.describeTables('tap', ['a'])), 'describe tables');
  t.matchSnapshot(snap(sql.describeHashColumns('tap', ['a'])), 'describe hash columns');
});

t.test('the batch ledger: created when missing, written in the transaction, confirmed by a write, pruned', async (t) => {
  const key = { schema: "o'brien", loadId: '20261202T100000Z-abcdef', table: 'we]ird', sequence: 3 };
  t.matchSnapshot(snap(sql.createLedgerIfMissing("o'brien")), 'create ledger');
  t.matchSnapshot(snap(sql.recordBatch(key, 'We]ird stream', 42, '2026-12-02T10:00:00.000Z')), 'record batch');
  t.matchSnapshot(snap(sql.confirmBatch(key)), 'confirm batch');
  t.matchSnapshot(snap(sql.forgetLedgerRows("o'brien", key.loadId, '2026-11-25T10:00:00.000Z')), 'forget ledger rows');
});

t.test('statements are frozen', async (t) => {
  const s = sql.deleteOlderVersions('tap', 'pairs', 5n);
  t.ok(Object.isFrozen(s) && Object.isFrozen(s.parameters) && Object.isFrozen(s.parameters[0]));
});
