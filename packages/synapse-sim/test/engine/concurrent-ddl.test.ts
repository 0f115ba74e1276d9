// DDL from several sessions at once: a dedicated SQL pool takes schema locks and runs each statement, one after
// another; none fails because another session changed the catalog meanwhile. (The sim keeps its shadow catalog
// in one DuckDB row, which two sessions' DDL used to write at once: "write-write conflict", error 50000.)
import t from 'tap';
import { errorMessage, batch, harness } from './helpers.js';

t.test('sessions creating schemas and tables at the same moment all succeed', async (t) => {
  const h = await harness();
  t.teardown(() => h.close());
  const sessions = [h.session, await h.open(), await h.open(), await h.open()];
  const failures: string[] = [];
  for (let round = 0; round < 15; round += 1) {
    const outcomes = await Promise.all(sessions.map((session, i) => batch(session,
      `CREATE SCHEMA [s${round}_${i}];\nCREATE TABLE [s${round}_${i}].[t] ([id] BIGINT NOT NULL) WITH (DISTRIBUTION = ROUND_ROBIN, HEAP)`)));
    outcomes.forEach((outcome, i) => {
      const message = errorMessage(outcome);
      if (message !== undefined) failures.push(`round ${round} session ${i}: ${message}`);
    });
  }
  t.same(failures, [], 'no DDL statement failed');
  const [count] = (await batch(h.session, "SELECT COUNT(*) AS n FROM sys.tables WHERE name = 't'")).flatMap((o) => (o.kind === 'rows' ? o.rows : []));
  t.same(count, [60n], 'all 60 tables exist');
});
