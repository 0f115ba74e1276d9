// A SELECT whose result has hundreds of thousands of rows reaches the client whole (the response encoder once spread
// every row token into one call and overflowed the stack at about 120,000 rows).
import t from 'tap';
import { startHarness } from '../tds/harness.js';

t.test('a SELECT of 262,144 rows arrives complete through mssql', async (t) => {
  const pool = await (await startHarness(t, undefined)).connect({ requestTimeout: 120_000 });
  await pool.request().batch('CREATE TABLE [dbo].[big] ([k] BIGINT NOT NULL) WITH (DISTRIBUTION = ROUND_ROBIN, HEAP)');
  await pool.request().batch('INSERT INTO [dbo].[big] ([k]) VALUES (1)');
  // Each pass doubles the table: 2^18 rows after 18 passes.
  for (let pass = 0; pass < 18; pass++) await pool.request().batch('INSERT INTO [dbo].[big] ([k]) SELECT [k] + 1 FROM [dbo].[big]');
  const result = await pool.request().query('SELECT [k] FROM [dbo].[big]');
  t.equal(result.recordset.length, 262_144, 'every row');
  t.equal(result.rowsAffected[0], 262_144, 'the DONE row count');
  t.equal(result.recordset.reduce((sum: bigint, r: { k: string | number }) => sum + BigInt(r.k), 0n), 2_621_440n, 'the values: k is 1 + the passes a row went through, so the sum is 2^18 + 18 * 2^17');
});
