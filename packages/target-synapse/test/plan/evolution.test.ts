import t from 'tap';
import type { JsonSchema } from '@kustomer-synapse/singer';
import { planStream, sqlTypeText, type LiveTable, type SqlType, type StreamPlan, type TableChange, type TablePlan } from '../../src/plan/index.js';
import { planOptions, schemaMessage } from './helpers.js';

/** The tables a plan's create-table changes would leave in the database, as Loader.describe reports them. */
function liveOf(plan: StreamPlan): Map<string, LiveTable> {
  const live = new Map<string, LiveTable>();
  for (const table of [plan.root, ...plan.children]) live.set(table.name, toLive(table));
  return live;
}

function toLive(table: TablePlan, overrides: Partial<LiveTable> = {}): LiveTable {
  return { schema: table.schema, name: table.name, columns: table.columns.map((c) => ({ name: c.name, type: c.type, nullable: c.nullable })), index: table.index, distribution: table.distribution, ...overrides };
}

function change(c: TableChange): string {
  switch (c.kind) {
    case 'create-table': return `create ${c.table.name}`;
    case 'add-column': return `add ${c.table}.${c.column.name} ${sqlTypeText(c.column.type)}${c.column.nullable ? ' NULL' : ' NOT NULL'}`;
    case 'alter-column': return `alter ${c.table}.${c.column.name} ${sqlTypeText(c.from)} -> ${sqlTypeText(c.column.type)}${c.column.nullable ? ' NULL' : ' NOT NULL'}`;
    case 'rebuild-as-heap': return `heap ${c.table}`;
  }
}

function evolve(before: Record<string, JsonSchema>, after: Record<string, JsonSchema>, keys: readonly string[] = ['id'], afterKeys = keys) {
  const logged = planOptions();
  const first = planStream(schemaMessage('s', before, keys), logged.options, new Map());
  const second = planStream(schemaMessage('s', after, afterKeys), logged.options, liveOf(first.plan));
  return { first, second, changes: second.changes.map(change), lines: logged.lines };
}

const columnType = (plan: StreamPlan, name: string): string | undefined => {
  const c = plan.root.columns.find((col) => col.name === name);
  return c === undefined ? undefined : sqlTypeText(c.type);
};

t.test('a new table is created; the same schema again changes nothing', async (t) => {
  const { first, changes } = evolve({ id: { type: 'integer' } }, { id: { type: 'integer' } });
  t.same(first.changes.map(change), ['create s']);
  t.same(changes, []);
});

t.test('a new property is added as a nullable column, also a new nested field', async (t) => {
  const { second, changes, lines } = evolve(
    { id: { type: 'integer' }, o: { type: 'object', properties: { a: { type: 'string' } } } },
    { id: { type: 'integer' }, o: { type: 'object', properties: { a: { type: 'string' }, b: { type: 'boolean' } } }, n: { type: 'integer' } },
  );
  t.same(changes, ['add s.o__b BIT NULL', 'add s.n BIGINT NULL']);
  t.same(second.plan.root.columns.map((c) => c.name), ['id', 'o__a', 'o__b', 'n']);
  t.match(lines.join(''), /adding column n BIGINT NULL/);
});

t.test('integer -> number never rounds a stored BIGINT: FLOAT values go to a suffixed column', async (t) => {
  const { second, changes, lines } = evolve({ id: { type: 'integer' }, v: { type: 'integer' } }, { id: { type: 'integer' }, v: { type: 'number' } });
  t.same(changes, ['add s.v__fl FLOAT NULL']);
  t.equal(columnType(second.plan, 'v'), undefined, 'the old column is no longer loaded');
  const suffixed = second.plan.root.columns.find((c) => c.name === 'v__fl');
  t.same(suffixed?.source, { kind: 'property', path: ['v'], asJson: false });
  t.match(lines.join(''), /column v is BIGINT, which cannot hold FLOAT exactly; its values stay and new values go to a new column v__fl/);
});

t.test('integer -> a decimal number widens BIGINT in place to DECIMAL(38,s), which holds every BIGINT', async (t) => {
  const { second, changes } = evolve({ id: { type: 'integer' }, v: { type: 'integer' } }, { id: { type: 'integer' }, v: { type: 'number', multipleOf: 0.01 } });
  t.same(changes, ['alter s.v BIGINT -> DECIMAL(38,2) NULL']);
  t.equal(columnType(second.plan, 'v'), 'DECIMAL(38,2)');
  const tooFine = evolve({ id: { type: 'integer' }, v: { type: 'integer' } }, { id: { type: 'integer' }, v: { type: 'number', multipleOf: 1e-20 } });
  t.same(tooFine.changes, ['add s.v__de DECIMAL(38,20) NULL'], '18 integer digits cannot hold a BIGINT: a suffixed column');
});

t.test('number -> integer keeps a DECIMAL column that holds it and suffixes a FLOAT one', async (t) => {
  const dec = evolve({ id: { type: 'integer' }, v: { type: 'number', multipleOf: 0.01 } }, { id: { type: 'integer' }, v: { type: 'integer' } });
  t.same(dec.changes, []);
  t.equal(columnType(dec.second.plan, 'v'), 'DECIMAL(38,2)', 'the plan loads integers into the DECIMAL as it is');
  const float = evolve({ id: { type: 'integer' }, v: { type: 'number' } }, { id: { type: 'integer' }, v: { type: 'integer' } });
  t.same(float.changes, ['add s.v__bi BIGINT NULL'], 'a double cannot hold 2^53 + 1');
});

t.test('a string that grows is altered up to MAX, rebuilding a columnstore table as a heap first', async (t) => {
  const grow = evolve({ id: { type: 'integer' }, s: { type: 'string', maxLength: 10 } }, { id: { type: 'integer' }, s: { type: 'string', maxLength: 100 } });
  t.same(grow.changes, ['alter s.s NVARCHAR(10) -> NVARCHAR(100) NULL']);
  t.equal(grow.first.plan.root.index, 'cci');
  const max = evolve({ id: { type: 'integer' }, s: { type: 'string' } }, { id: { type: 'integer' }, s: { type: 'string', maxLength: 5000 } });
  t.same(max.changes, ['heap s', 'alter s.s NVARCHAR(4000) -> NVARCHAR(MAX) NULL']);
  t.equal(max.second.plan.root.index, 'heap');
  const shrink = evolve({ id: { type: 'integer' }, s: { type: 'string', maxLength: 5000 } }, { id: { type: 'integer' }, s: { type: 'string', maxLength: 10 } });
  t.same(shrink.changes, [], 'a shorter maxLength keeps the longer column');
  t.equal(columnType(shrink.second.plan, 's'), 'NVARCHAR(MAX)');
});

t.test('a new MAX column in a columnstore table rebuilds it as a heap before the ADD', async (t) => {
  const { changes, second } = evolve({ id: { type: 'integer' } }, { id: { type: 'integer' }, blob: { type: 'object' } });
  t.same(changes, ['heap s', 'add s.blob NVARCHAR(MAX) NULL']);
  t.equal(second.plan.root.index, 'heap');
});

t.test('a string becoming a date-time keeps loading into the NVARCHAR column as text', async (t) => {
  const { changes, second } = evolve({ id: { type: 'integer' }, d: { type: 'string' } }, { id: { type: 'integer' }, d: { type: 'string', format: 'date-time' } });
  t.same(changes, []);
  t.equal(columnType(second.plan, 'd'), 'NVARCHAR(4000)');
});

t.test('a property that disappears keeps its column, made nullable when it was NOT NULL', async (t) => {
  const { changes, second } = evolve({ id: { type: 'integer' }, k: { type: 'string' }, x: { type: 'string' } }, { id: { type: 'integer' } }, ['id', 'k'], ['id']);
  t.same(changes, ['alter s.k NVARCHAR(4000) -> NVARCHAR(4000) NULL'], 'k was a NOT NULL key; x was nullable already');
  t.same(second.plan.root.columns.map((c) => c.name), ['id'], 'k and x are not loaded; the table keeps them');
  const kept = evolve({ id: { type: 'integer' }, k: { type: 'string' } }, { id: { type: 'integer' }, k: { type: 'string' } }, ['id', 'k'], ['id']);
  t.same(kept.changes, ['alter s.k NVARCHAR(4000) -> NVARCHAR(4000) NULL'], 'a key that stays as a plain property becomes NULL-able too');
});

t.test('a changed key set uses the new keys for dedupe and keeps every column; the hash column is never altered', async (t) => {
  const schema = { id: { type: 'integer' }, name: { type: 'string' }, email: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } } as const;
  const { second, changes, lines } = evolve(schema, schema, ['id'], ['email']);
  t.same(second.plan.keyProperties, ['email']);
  t.same(second.plan.root.keyColumns, ['email']);
  t.same(second.plan.root.distribution, { kind: 'hash', column: 'id' }, 'an existing table keeps its distribution');
  t.same(changes, ['add s__tags._sdc_source_key_email NVARCHAR(4000) NULL'], 'id stays NOT NULL: it is the hash column');
  t.match(lines.join(''), /column id is now optional but is the hash distribution column/);
  t.same(second.plan.children[0]?.sourceKeyColumns, ['_sdc_source_key_email']);
  t.same(second.plan.children[0]?.keyColumns, ['_sdc_source_key_email', '_sdc_level_0_id']);
});

t.test('a column whose type changes twice reuses its suffixed column', async (t) => {
  const logged = planOptions();
  const first = planStream(schemaMessage('s', { id: { type: 'integer' }, v: { type: 'integer' } }, ['id']), logged.options, new Map());
  const live = liveOf(first.plan);
  const root = live.get('s')!;
  const withSuffix: LiveTable = { ...root, columns: [...root.columns, { name: 'v__fl', type: { kind: 'float' } as SqlType, nullable: true }] };
  const again = planStream(schemaMessage('s', { id: { type: 'integer' }, v: { type: 'number' } }, ['id']), logged.options, new Map([['s', withSuffix]]));
  t.same(again.changes.map(change), []);
  t.ok(again.plan.root.columns.some((c) => c.name === 'v__fl'));
});

t.test('live tables are matched case-insensitively and keep their own spelling', async (t) => {
  const logged = planOptions();
  const first = planStream(schemaMessage('s', { id: { type: 'integer' }, v: { type: 'string' } }, ['id']), logged.options, new Map());
  const live = toLive(first.plan.root, { name: 'S', columns: [{ name: 'ID', type: { kind: 'bigint' }, nullable: false }, { name: 'V', type: { kind: 'nvarchar', length: 4000 }, nullable: true }] });
  const again = planStream(schemaMessage('s', { id: { type: 'integer' }, v: { type: 'string' } }, ['id']), logged.options, new Map([['s', live]]));
  t.same(again.changes, []);
  t.same(again.plan.root.columns.map((c) => c.name), ['ID', 'V']);
  t.equal(again.plan.root.name, 'S');
  t.same(again.plan.root.keyColumns, ['ID']);
});
