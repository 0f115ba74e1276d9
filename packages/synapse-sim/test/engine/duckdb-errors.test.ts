// DuckDB failures surface as the SQL Server errors a T-SQL client expects.
import t from 'tap';
import { mapDuckdbError } from '../../src/engine/duckdb-errors.js';
import { assertNoErrors, batch, errorNumber, harness } from './helpers.js';

t.test('DuckDB messages map to SQL Server numbers', async (t) => {
  const cases: readonly (readonly [string, number])[] = [
    ['Invalid Input Error: synapse-sim:8152', 8152],
    ['Conversion Error: Casting value "123456.7" to type DECIMAL(5,2) failed: value is out of range!', 8115],
    ['Conversion Error: Could not cast value 1000 to DECIMAL(5,2)', 8115],
    ["Conversion Error: Could not convert string 'x' to INT32", 245],
    ['Catalog Error: Table with name nope does not exist!\nDid you mean "x"?', 208],
    ['Binder Error: Referenced column "zz" not found in FROM clause!', 207],
    ['Binder Error: Table "t" does not have a column with name "zz"', 207],
    ['Invalid Input Error: synapse-sim:241', 241],
    ['Invalid Input Error: synapse-sim:242:datetimeoffset', 242],
    ['Constraint Error: NOT NULL constraint failed: t.id', 515],
    ['Catalog Error: Table with name "t" already exists!', 2714],
    ['TransactionContext Error: Failed to commit: write-write conflict on key', 1205],
    ['Something else entirely\nsecond line', 50000],
  ];
  for (const [message, number] of cases) t.equal(mapDuckdbError(new Error(message)).number, number, message);
  t.equal(mapDuckdbError(new Error('Something else entirely\nsecond line'), 'SELECT 1').message,
    'synapse-sim could not run the statement (its engine failed with no T-SQL equivalent): SELECT 1');
});

t.test('an unmapped failure of a COPY INTO names the statement kind, never its text with the credential', async (t) => {
  const copy = "COPY INTO [t] FROM 'https://a.blob.core.windows.net/c/f.csv.gz' WITH (CREDENTIAL = (IDENTITY = 'Shared Access Signature', SECRET = 'sv=s3cr3t'))";
  const message = mapDuckdbError(new Error('incorrect header check'), copy).message;
  t.equal(message, 'synapse-sim could not run the statement (its engine failed with no T-SQL equivalent): COPY INTO');
});

t.test('concurrent writers to the same rows: the loser gets a retriable 1205, not a hang', async (t) => {
  const h = await harness();
  t.teardown(() => h.close());
  const other = await h.open();
  assertNoErrors(await batch(h.session, 'CREATE TABLE [t] ([id] INT NOT NULL, [v] INT) WITH (HEAP); INSERT INTO [t] ([id], [v]) VALUES (1, 0)'));
  assertNoErrors(await batch(h.session, 'BEGIN TRAN; UPDATE [t] SET [v] = 1 WHERE [id] = 1'));
  const loser = await batch(other, 'BEGIN TRAN; UPDATE [t] SET [v] = 2 WHERE [id] = 1');
  t.equal(errorNumber(loser), 1205);
  assertNoErrors(await batch(h.session, 'COMMIT'));
  assertNoErrors(await batch(other, 'ROLLBACK'));
});
