import t from 'tap';
import { growForLengths, planStream, sqlTypeText, StringTooLongError, type TableChange } from '../../src/plan/index.js';
import { planOptions, schemaMessage } from './helpers.js';

const MESSAGE = schemaMessage('s', { id: { type: 'string' }, note: { type: 'string', maxLength: 100 }, items: { type: 'array', items: { type: 'string' } } }, ['id']);

function lengths(entries: Record<string, Record<string, number>>): ReadonlyMap<string, ReadonlyMap<string, number>> {
  return new Map(Object.entries(entries).map(([table, columns]) => [table, new Map(Object.entries(columns))]));
}

const describe = (c: TableChange): string => (c.kind === 'alter-column' ? `alter ${c.table}.${c.column.name} ${sqlTypeText(c.from)} -> ${sqlTypeText(c.column.type)}` : `${c.kind} ${'table' in c && typeof c.table === 'string' ? c.table : ''}`);

t.test('a string longer than its column grows it to 4000, then MAX after a rebuild as heap', async (t) => {
  const { options } = planOptions();
  const { plan } = planStream(MESSAGE, options, new Map());
  t.same(growForLengths(plan, lengths({ s: { note: 100 } }), options).changes, [], 'a value that fits changes nothing');
  const to4000 = growForLengths(plan, lengths({ s: { note: 101 } }), options);
  t.same(to4000.changes.map(describe), ['alter s.note NVARCHAR(100) -> NVARCHAR(4000)']);
  const toMax = growForLengths(to4000.plan, lengths({ s: { note: 4001 }, s__items: { value: 5_000_000 } }), options);
  t.same(toMax.changes.map(describe), ['rebuild-as-heap s', 'alter s.note NVARCHAR(4000) -> NVARCHAR(MAX)', 'rebuild-as-heap s__items', 'alter s__items.value NVARCHAR(4000) -> NVARCHAR(MAX)']);
  t.equal(toMax.plan.root.index, 'heap');
  t.equal(sqlTypeText(toMax.plan.children[0]!.columns[2]!.type), 'NVARCHAR(MAX)');
});

t.test('past string_max_length the run fails naming the stream, the column and the size', async (t) => {
  const { options } = planOptions({ stringMaxLength: 5000 });
  const { plan } = planStream(MESSAGE, options, new Map());
  const error = t.throws(() => growForLengths(plan, lengths({ s: { note: 5001 } }), options)) as StringTooLongError;
  t.type(error, StringTooLongError);
  t.equal(error.message, 'stream "s": column note of table s: a value of 5001 characters is longer than string_max_length (5000); raise string_max_length or shorten the value at the source');
  t.same([error.stream, error.table, error.column, error.length], ['s', 's', 'note', 5001]);
  t.doesNotThrow(() => growForLengths(plan, lengths({ s: { note: 5000 } }), options));
});

t.test('a key column never grows past NVARCHAR(4000)', async (t) => {
  const { options } = planOptions();
  const { plan } = planStream(MESSAGE, options, new Map());
  t.throws(() => growForLengths(plan, lengths({ s: { id: 4001 } }), options), /column id of table s: a value of 4001 characters does not fit NVARCHAR\(4000\), and a hash distribution column cannot grow/);
  t.throws(() => growForLengths(plan, lengths({ s__items: { _sdc_source_key_id: 4001 } }), options), /hash distribution column cannot grow/);
});
