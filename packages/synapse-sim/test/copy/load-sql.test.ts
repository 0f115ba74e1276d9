// Pins the DuckDB SQL COPY INTO generates (STYLE.md 9). What a client observes is tested through Azurite and mssql
// (load-azurite, types-azurite, e2e-mssql); these pin the shape: one conversion pass, errors carried as data.
import t from 'tap';
import { countRejectsSql, createStageSql, dropSql, firstRejectOverLimitSql, insertTargetSql } from '../../src/copy/load-sql.js';
import { planColumns } from '../../src/copy/column-plan.js';
import { int, nvarchar } from './fixtures.js';

const plan = planColumns([int('id', false), nvarchar('na"me', 5)], undefined);
const input = { csvPath: "/tmp/it's/rows.csv", fieldCount: 2, maxRecordBytes: 10, files: ['a.csv', "b'.csv"], dateFormat: undefined };

t.test('the stage reads every field as VARCHAR, keeps quoted empty strings and converts each column once', async (t) => {
  const sql = createStageSql('stage_1', plan, input);
  t.match(sql, /^CREATE TEMP TABLE "stage_1" AS SELECT f, r, v1, v2, COALESCE\(e, CASE WHEN .* END\) AS msg FROM \(SELECT \*, /);
  t.ok(sql.includes(`read_csv('/tmp/it''s/rows.csv', header = false, delim = ',', quote = '"', escape = '"', new_line = '\\n', allow_quoted_nulls = false, auto_detect = false, max_line_size = 2097152, columns = {'f': 'INTEGER', 'r': 'BIGINT', 'e': 'VARCHAR', 'c1': 'VARCHAR', 'c2': 'VARCHAR'})`));
  t.ok(sql.includes(`SELECT f, r, e, NULLIF(c1, '') AS raw1, c2 AS raw2 FROM read_csv(`), 'the empty-field rule is applied once, into raw columns');
  t.equal(sql.split('TRY_CAST(trim(raw1) AS INTEGER)').length - 1, 1, 'the int conversion appears once');
  t.match(createStageSql('s', plan, { ...input, maxRecordBytes: 5_000_000 }), /max_line_size = 5000001/);
});

t.test('each check writes "<number>|<message>" naming row, column and file', async (t) => {
  const sql = createStageSql('stage_1', plan, input);
  t.ok(sql.includes(`'4864|Bulk load data conversion error (type mismatch or invalid character for the specified codepage) for row ' || r || ', column 1 (id) in data file ' || ['a.csv', 'b''.csv'][f] || '.'`));
  t.ok(sql.includes(`'4869|The bulk load failed. Unexpected NULL value in data file row ' || r || ', column 1. The destination column (id) is defined as NOT NULL.'`));
  t.ok(sql.includes(`'4863|Bulk load data conversion error (truncation) for row ' || r || ', column 2 (na"me) in data file '`));
  t.ok(sql.includes('4867|'), 'an int column can overflow');
});

t.test('rejects are counted and read back as rows; the insert copies the converted values of good rows', async (t) => {
  t.equal(countRejectsSql('stage_1'), 'SELECT count(*) FROM temp.main."stage_1" WHERE msg IS NOT NULL');
  t.equal(firstRejectOverLimitSql('stage_1', 3), 'SELECT msg FROM temp.main."stage_1" WHERE msg IS NOT NULL ORDER BY f, r LIMIT 1 OFFSET 3');
  t.equal(insertTargetSql('stage_1', 'main."t"', plan, false), 'INSERT INTO main."t" ("id", "na""me") SELECT v1, v2 FROM temp.main."stage_1"');
  t.equal(insertTargetSql('stage_1', 'main."t"', plan, true), 'INSERT INTO main."t" ("id", "na""me") SELECT v1, v2 FROM temp.main."stage_1" WHERE msg IS NULL');
  t.equal(dropSql('stage_1'), 'DROP TABLE IF EXISTS temp.main."stage_1"');
});
