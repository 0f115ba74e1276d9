/* IMPORTANT
 * This snapshot file is auto-generated, but designed for humans.
 * It should be checked into source control and tracked carefully.
 * Re-generate by setting TAP_SNAPSHOT=1 and running tests.
 * Make sure to inspect the output below.  Do not ignore changes!
 */
'use strict'
exports[`packages/target-synapse/test/load/sql.test.ts > TAP > COPY INTO with each credential; the secret is masked for logs > copy into with a key 1`] = `
COPY INTO [#s] ([_sdc_ordinal] 1, [a] 2, [b] 3, [v] 4)
FROM 'https://acct.blob.core.windows.net/staging/target-synapse/r1/we]ird/b000000001-p00000.csv.gz'
WITH (
  FILE_TYPE = 'CSV',
  CREDENTIAL = (IDENTITY = 'Storage Account Key', SECRET = 'ZmFrZS1rZXk='),
  COMPRESSION = 'GZIP',
  FIELDQUOTE = '"',
  FIELDTERMINATOR = ',',
  ROWTERMINATOR = '0x0A',
  ENCODING = 'UTF8',
  FIRSTROW = 1,
  MAXERRORS = 0
)
-- parameters: []
`

exports[`packages/target-synapse/test/load/sql.test.ts > TAP > COPY INTO with each credential; the secret is masked for logs > copy into with a SAS 1`] = `
COPY INTO [#stg1_we]]ird] ([_sdc_ordinal] 1, [id] 2, [na]]me] 3, [order] 4, [at] 5, [body] 6)
FROM 'https://acct.blob.core.windows.net/staging/target-synapse/r1/we]ird/b000000001-p00000.csv.gz',
     'https://acct.blob.core.windows.net/staging/o''k.csv.gz'
WITH (
  FILE_TYPE = 'CSV',
  CREDENTIAL = (IDENTITY = 'Shared Access Signature', SECRET = 'sv=2024&sig=fake''sig'),
  COMPRESSION = 'GZIP',
  FIELDQUOTE = '"',
  FIELDTERMINATOR = ',',
  ROWTERMINATOR = '0x0A',
  ENCODING = 'UTF8',
  FIRSTROW = 1,
  MAXERRORS = 0
)
-- parameters: []
`

exports[`packages/target-synapse/test/load/sql.test.ts > TAP > COPY INTO with each credential; the secret is masked for logs > copy into with managed identity 1`] = `
COPY INTO [#s] ([_sdc_ordinal] 1, [a] 2, [b] 3, [v] 4)
FROM 'https://acct.blob.core.windows.net/staging/target-synapse/r1/we]ird/b000000001-p00000.csv.gz'
WITH (
  FILE_TYPE = 'CSV',
  CREDENTIAL = (IDENTITY = 'Managed Identity'),
  COMPRESSION = 'GZIP',
  FIELDQUOTE = '"',
  FIELDTERMINATOR = ',',
  ROWTERMINATOR = '0x0A',
  ENCODING = 'UTF8',
  FIRSTROW = 1,
  MAXERRORS = 0
)
-- parameters: []
`

exports[`packages/target-synapse/test/load/sql.test.ts > TAP > DDL: schema, CREATE TABLE with distribution and index, ADD, ALTER COLUMN, rebuild as heap, stage > add column 1`] = `
ALTER TABLE [tap].[we]]ird] ADD [new] DATE NULL
-- parameters: []
`

exports[`packages/target-synapse/test/load/sql.test.ts > TAP > DDL: schema, CREATE TABLE with distribution and index, ADD, ALTER COLUMN, rebuild as heap, stage > alter column 1`] = `
ALTER TABLE [tap].[we]]ird] ALTER COLUMN [na]]me] NVARCHAR(MAX) NULL
-- parameters: []
`

exports[`packages/target-synapse/test/load/sql.test.ts > TAP > DDL: schema, CREATE TABLE with distribution and index, ADD, ALTER COLUMN, rebuild as heap, stage > create schema 1`] = `
IF NOT EXISTS (SELECT 1 FROM sys.schemas WHERE name = 'o''brien') EXEC('CREATE SCHEMA [o''brien]')
-- parameters: []
`

exports[`packages/target-synapse/test/load/sql.test.ts > TAP > DDL: schema, CREATE TABLE with distribution and index, ADD, ALTER COLUMN, rebuild as heap, stage > create table hash cci 1`] = `
CREATE TABLE [tap].[we]]ird] (
  [id] BIGINT NOT NULL,
  [na]]me] NVARCHAR(40) NULL,
  [order] DECIMAL(38,19) NULL,
  [at] DATETIMEOFFSET(7) NULL,
  [body] NVARCHAR(MAX) NULL
)
WITH (DISTRIBUTION = HASH([id]), CLUSTERED COLUMNSTORE INDEX)
-- parameters: []
`

exports[`packages/target-synapse/test/load/sql.test.ts > TAP > DDL: schema, CREATE TABLE with distribution and index, ADD, ALTER COLUMN, rebuild as heap, stage > create table replicate heap 1`] = `
CREATE TABLE [tap].[pairs] (
  [a] NVARCHAR(10) NOT NULL,
  [b] NVARCHAR(10) NOT NULL,
  [v] BIGINT NULL
)
WITH (DISTRIBUTION = REPLICATE, HEAP)
-- parameters: []
`

exports[`packages/target-synapse/test/load/sql.test.ts > TAP > DDL: schema, CREATE TABLE with distribution and index, ADD, ALTER COLUMN, rebuild as heap, stage > drop stage 1`] = `
IF OBJECT_ID('tempdb..[#stg1_we]]ird]') IS NOT NULL DROP TABLE [#stg1_we]]ird]
-- parameters: []
`

exports[`packages/target-synapse/test/load/sql.test.ts > TAP > DDL: schema, CREATE TABLE with distribution and index, ADD, ALTER COLUMN, rebuild as heap, stage > rebuild as heap 1`] = `
CREATE TABLE [tap].[we]]ird__sdc_rebuild] WITH (DISTRIBUTION = HASH([id]), HEAP) AS SELECT * FROM [tap].[we]]ird]
-- parameters: []
RENAME OBJECT [tap].[we]]ird] TO [we]]ird__sdc_old]
-- parameters: []
RENAME OBJECT [tap].[we]]ird__sdc_rebuild] TO [we]]ird]
-- parameters: []
DROP TABLE [tap].[we]]ird__sdc_old]
-- parameters: []
`

exports[`packages/target-synapse/test/load/sql.test.ts > TAP > DDL: schema, CREATE TABLE with distribution and index, ADD, ALTER COLUMN, rebuild as heap, stage > stage 1`] = `
CREATE TABLE [#stg1_we]]ird] (
  [_sdc_ordinal] BIGINT NOT NULL,
  [id] BIGINT NOT NULL,
  [na]]me] NVARCHAR(40) NULL,
  [order] DECIMAL(38,19) NULL,
  [at] DATETIMEOFFSET(7) NULL,
  [body] NVARCHAR(MAX) NULL
)
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP)
-- parameters: []
`

exports[`packages/target-synapse/test/load/sql.test.ts > TAP > dedupe, DELETE + INSERT, MERGE, children, overwrite, ACTIVATE_VERSION, describe > activate version hard 1`] = `
DELETE FROM [tap].[pairs] WHERE ([_sdc_table_version] IS NULL OR [_sdc_table_version] < @version)
-- parameters: [{"name":"version","type":"bigint","value":"5n"}]
`

exports[`packages/target-synapse/test/load/sql.test.ts > TAP > dedupe, DELETE + INSERT, MERGE, children, overwrite, ACTIVATE_VERSION, describe > activate version soft 1`] = `
UPDATE [tap].[pairs] SET [_sdc_deleted_at] = @deletedAt WHERE [_sdc_deleted_at] IS NULL AND ([_sdc_table_version] IS NULL OR [_sdc_table_version] < @version)
-- parameters: [{"name":"deletedAt","type":"datetimeoffset","value":"2026-12-02T10:00:00.000Z"},{"name":"version","type":"bigint","value":"5n"}]
`

exports[`packages/target-synapse/test/load/sql.test.ts > TAP > dedupe, DELETE + INSERT, MERGE, children, overwrite, ACTIVATE_VERSION, describe > dedupe 1`] = `
CREATE TABLE [#dd1_pairs] WITH (DISTRIBUTION = ROUND_ROBIN, HEAP) AS
SELECT [_sdc_ordinal], [a], [b], [v] FROM (
  SELECT [_sdc_ordinal], [a], [b], [v], ROW_NUMBER() OVER (PARTITION BY [a], [b] ORDER BY [_sdc_ordinal] DESC) AS [_sdc_rank]
  FROM [#stg1_pairs]
) AS [ranked]
WHERE [_sdc_rank] = 1
-- parameters: []
`

exports[`packages/target-synapse/test/load/sql.test.ts > TAP > dedupe, DELETE + INSERT, MERGE, children, overwrite, ACTIVATE_VERSION, describe > delete children of the staged parents 1`] = `
DELETE FROM [tap].[pairs__kids] WHERE EXISTS (SELECT 1 FROM [#dd1_pairs] AS [src] WHERE [src].[a] = [tap].[pairs__kids].[_sdc_source_key_a] AND [src].[b] = [tap].[pairs__kids].[_sdc_source_key_b])
-- parameters: []
`

exports[`packages/target-synapse/test/load/sql.test.ts > TAP > dedupe, DELETE + INSERT, MERGE, children, overwrite, ACTIVATE_VERSION, describe > delete matching keys 1`] = `
DELETE FROM [tap].[pairs] WHERE EXISTS (SELECT 1 FROM [#dd1_pairs] AS [src] WHERE [src].[a] = [tap].[pairs].[a] AND [src].[b] = [tap].[pairs].[b])
-- parameters: []
`

exports[`packages/target-synapse/test/load/sql.test.ts > TAP > dedupe, DELETE + INSERT, MERGE, children, overwrite, ACTIVATE_VERSION, describe > describe columns 1`] = `
SELECT c.TABLE_NAME AS table_name, c.COLUMN_NAME AS column_name, c.DATA_TYPE AS data_type,
  c.CHARACTER_MAXIMUM_LENGTH AS max_length, c.NUMERIC_PRECISION AS numeric_precision, c.NUMERIC_SCALE AS numeric_scale,
  c.IS_NULLABLE AS is_nullable, c.ORDINAL_POSITION AS ordinal
FROM INFORMATION_SCHEMA.COLUMNS AS c
WHERE c.TABLE_SCHEMA = @schema AND c.TABLE_NAME IN (@t0, @t1)
ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION
-- parameters: [{"name":"schema","type":"nvarchar","value":"tap"},{"name":"t0","type":"nvarchar","value":"a"},{"name":"t1","type":"nvarchar","value":"b"}]
`

exports[`packages/target-synapse/test/load/sql.test.ts > TAP > dedupe, DELETE + INSERT, MERGE, children, overwrite, ACTIVATE_VERSION, describe > describe hash columns 1`] = `
SELECT t.name AS table_name, c.name AS column_name
FROM sys.tables AS t
INNER JOIN sys.schemas AS s ON s.schema_id = t.schema_id
INNER JOIN sys.columns AS c ON c.object_id = t.object_id
INNER JOIN sys.pdw_column_distribution_properties AS d ON d.object_id = c.object_id AND d.column_id = c.column_id
WHERE s.name = @schema AND t.name IN (@t0) AND d.distribution_ordinal = 1
-- parameters: [{"name":"schema","type":"nvarchar","value":"tap"},{"name":"t0","type":"nvarchar","value":"a"}]
`

exports[`packages/target-synapse/test/load/sql.test.ts > TAP > dedupe, DELETE + INSERT, MERGE, children, overwrite, ACTIVATE_VERSION, describe > describe tables 1`] = `
SELECT s.name AS schema_name, t.name AS table_name, i.type AS index_type, p.distribution_policy_desc AS distribution
FROM sys.tables AS t
INNER JOIN sys.schemas AS s ON s.schema_id = t.schema_id
INNER JOIN sys.indexes AS i ON i.object_id = t.object_id
INNER JOIN sys.pdw_table_distribution_properties AS p ON p.object_id = t.object_id
WHERE s.name = @schema AND t.name IN (@t0) AND i.index_id <= 1
-- parameters: [{"name":"schema","type":"nvarchar","value":"tap"},{"name":"t0","type":"nvarchar","value":"a"}]
`

exports[`packages/target-synapse/test/load/sql.test.ts > TAP > dedupe, DELETE + INSERT, MERGE, children, overwrite, ACTIVATE_VERSION, describe > insert children of the winners 1`] = `
INSERT INTO [tap].[pairs__kids] ([_sdc_source_key_a], [_sdc_source_key_b], [_sdc_level_0_id], [value])
SELECT [c].[_sdc_source_key_a], [c].[_sdc_source_key_b], [c].[_sdc_level_0_id], [c].[value] FROM [#stg1_pairs__kids] AS [c]
WHERE EXISTS (SELECT 1 FROM [#dd1_pairs] AS [w] WHERE [w].[_sdc_ordinal] = [c].[_sdc_ordinal])
-- parameters: []
`

exports[`packages/target-synapse/test/load/sql.test.ts > TAP > dedupe, DELETE + INSERT, MERGE, children, overwrite, ACTIVATE_VERSION, describe > insert from the deduped stage 1`] = `
INSERT INTO [tap].[pairs] ([a], [b], [v])
SELECT [a], [b], [v] FROM [#dd1_pairs]
-- parameters: []
`

exports[`packages/target-synapse/test/load/sql.test.ts > TAP > dedupe, DELETE + INSERT, MERGE, children, overwrite, ACTIVATE_VERSION, describe > merge 1`] = `
MERGE INTO [tap].[we]]ird] AS [tgt]
USING [#dd1_we]]ird] AS [src]
ON [tgt].[id] = [src].[id]
WHEN MATCHED THEN UPDATE SET [na]]me] = [src].[na]]me], [order] = [src].[order], [at] = [src].[at], [body] = [src].[body]
WHEN NOT MATCHED BY TARGET THEN INSERT ([id], [na]]me], [order], [at], [body]) VALUES ([src].[id], [src].[na]]me], [src].[order], [src].[at], [src].[body]);
-- parameters: []
`

exports[`packages/target-synapse/test/load/sql.test.ts > TAP > dedupe, DELETE + INSERT, MERGE, children, overwrite, ACTIVATE_VERSION, describe > orphans 1`] = `
DELETE FROM [tap].[pairs__kids] WHERE NOT EXISTS (SELECT 1 FROM [tap].[pairs] AS [p] WHERE [p].[a] = [tap].[pairs__kids].[_sdc_source_key_a] AND [p].[b] = [tap].[pairs__kids].[_sdc_source_key_b])
-- parameters: []
`

exports[`packages/target-synapse/test/load/sql.test.ts > TAP > dedupe, DELETE + INSERT, MERGE, children, overwrite, ACTIVATE_VERSION, describe > overwrite 1`] = `
DELETE FROM [tap].[pairs]
-- parameters: []
`

exports[`packages/target-synapse/test/load/sql.test.ts > TAP > dedupe, DELETE + INSERT, MERGE, children, overwrite, ACTIVATE_VERSION, describe > transaction 1`] = `
BEGIN TRANSACTION
-- parameters: []
COMMIT TRANSACTION
-- parameters: []
IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION
-- parameters: []
`

exports[`packages/target-synapse/test/load/sql.test.ts > TAP > the batch ledger: created when missing, written in the transaction, confirmed by a write, pruned > confirm batch 1`] = `
UPDATE [o'brien].[_sdc_batch] SET [sequence] = [sequence] WHERE [load_id] = @loadId AND [table_name] = @table AND [sequence] = @sequence
-- parameters: [{"name":"loadId","type":"nvarchar","value":"20261202T100000Z-abcdef"},{"name":"table","type":"nvarchar","value":"we]ird"},{"name":"sequence","type":"bigint","value":"3n"}]
`

exports[`packages/target-synapse/test/load/sql.test.ts > TAP > the batch ledger: created when missing, written in the transaction, confirmed by a write, pruned > create ledger 1`] = `
IF OBJECT_ID('[o''brien].[_sdc_batch]') IS NULL EXEC('CREATE TABLE [o''brien].[_sdc_batch] (
  [load_id] NVARCHAR(64) NOT NULL,
  [table_name] NVARCHAR(128) NOT NULL,
  [sequence] BIGINT NOT NULL,
  [stream] NVARCHAR(4000) NULL,
  [rows_loaded] BIGINT NULL,
  [committed_at] DATETIMEOFFSET(7) NOT NULL
) WITH (DISTRIBUTION = ROUND_ROBIN, HEAP)')
-- parameters: []
`

exports[`packages/target-synapse/test/load/sql.test.ts > TAP > the batch ledger: created when missing, written in the transaction, confirmed by a write, pruned > forget ledger rows 1`] = `
DELETE FROM [o'brien].[_sdc_batch] WHERE [load_id] = @loadId OR [committed_at] < @before
-- parameters: [{"name":"loadId","type":"nvarchar","value":"20261202T100000Z-abcdef"},{"name":"before","type":"datetimeoffset","value":"2026-11-25T10:00:00.000Z"}]
`

exports[`packages/target-synapse/test/load/sql.test.ts > TAP > the batch ledger: created when missing, written in the transaction, confirmed by a write, pruned > record batch 1`] = `
INSERT INTO [o'brien].[_sdc_batch] ([load_id], [table_name], [sequence], [stream], [rows_loaded], [committed_at])
VALUES (@loadId, @table, @sequence, @stream, @rows, @committedAt)
-- parameters: [{"name":"loadId","type":"nvarchar","value":"20261202T100000Z-abcdef"},{"name":"table","type":"nvarchar","value":"we]ird"},{"name":"sequence","type":"bigint","value":"3n"},{"name":"stream","type":"nvarchar","value":"We]ird stream"},{"name":"rows","type":"bigint","value":"42n"},{"name":"committedAt","type":"datetimeoffset","value":"2026-12-02T10:00:00.000Z"}]
`
