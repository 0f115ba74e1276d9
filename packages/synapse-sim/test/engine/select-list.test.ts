// T-SQL select-list naming: unaliased expressions come back with an empty name; `alias = expr` is accepted.
import t from 'tap';
import { significant, tokenize } from '../../src/engine/lexer.js';
import { analyzeSelectList } from '../../src/engine/shapes/select-list.js';
import { assertNoErrors, batch, harness } from './helpers.js';

const unnamed = (sql: string): readonly number[] => analyzeSelectList(significant(tokenize(sql))).unnamed;

t.test('expressions without an alias are unnamed; columns, aliases and stars are named', async (t) => {
  t.same(unnamed('SELECT COUNT(*) FROM t'), [0]);
  t.same(unnamed("SELECT TOP (1) [a], t.[b], 1 AS one, 2 two, 'x', @@VERSION, CAST(a AS INT), CASE WHEN a = 1 THEN 2 END FROM t"), [4, 5, 6, 7]);
  t.same(unnamed('SELECT *, COUNT(*) FROM t'), []);
  t.same(unnamed('SELECT [a] + 1, [n] = COUNT(*) FROM t'), [0]);
});

t.test('through the engine: empty names for unnamed columns, `alias = expr` renamed', async (t) => {
  const h = await harness();
  t.teardown(() => h.close());
  assertNoErrors(await batch(h.session, 'CREATE TABLE [t] ([a] INT) WITH (HEAP); INSERT INTO [t] ([a]) VALUES (1)'));
  const [out] = assertNoErrors(await batch(h.session, 'SELECT COUNT(*), [n] = MAX([a]), MIN([a]) AS [a] FROM [t]'));
  t.same(out?.kind === 'rows' ? out.columns.map((c) => c.name) : [], ['', 'n', 'a']);
  t.same(out?.kind === 'rows' ? out.rows : [], [[1, 1, 1]]);
});
