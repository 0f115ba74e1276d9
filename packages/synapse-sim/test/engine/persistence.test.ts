// A file-backed engine keeps its tables and their declared T-SQL types across restarts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { assertNoErrors, batch, harness, rowsOf } from './helpers.js';

t.test('the shadow catalog is stored in the DuckDB file and read back on open', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'synapse-sim-engine-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const databaseFile = join(dir, 'dw.duckdb');
  const first = await harness({ databaseFile });
  assertNoErrors(await batch(first.session, "CREATE SCHEMA [s];\nCREATE TABLE [s].[t] ([id] BIGINT NOT NULL, [name] NVARCHAR(30)) WITH (DISTRIBUTION = HASH([id]), HEAP);\nINSERT INTO [s].[t] ([id], [name]) VALUES (1, N'kept')"));
  await first.close();

  const second = await harness({ databaseFile });
  t.teardown(() => second.close());
  t.same(rowsOf(await batch(second.session, "SELECT DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, IS_NULLABLE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 't' ORDER BY ORDINAL_POSITION")), [
    { DATA_TYPE: 'bigint', CHARACTER_MAXIMUM_LENGTH: null, IS_NULLABLE: 'NO' },
    { DATA_TYPE: 'nvarchar', CHARACTER_MAXIMUM_LENGTH: 30, IS_NULLABLE: 'YES' },
  ]);
  t.same(rowsOf(await batch(second.session, 'SELECT [id], [name] FROM [s].[t]')), [{ id: 1n, name: 'kept' }]);
  t.same(rowsOf(await batch(second.session, 'SELECT name FROM sys.schemas ORDER BY name')), [{ name: 'dbo' }, { name: 's' }]);
  t.equal((await batch(second.session, "INSERT INTO [s].[t] ([id], [name]) VALUES (2, N'this name is far too long for thirty')")).at(-1)?.kind, 'error');
});
