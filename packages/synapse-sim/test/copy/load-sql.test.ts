// Pins the DuckDB SQL COPY INTO generates (STYLE.md 9).
import t from 'tap';
import { createStageSql, insertTargetSql, raiseRejectSql, insertRejectsSql, dropSql } from '../../src/copy/load-sql.js';
import { planColumns } from '../../src/copy/column-plan.js';
import { int, nvarchar } from './fixtures.js';

const names = { stage: 'stage_1', rejects: 'rejects_1' };
const plan = planColumns([int('id', false), nvarchar('na"me', 5)], undefined);

t.test('the stage reads every field as VARCHAR and keeps quoted empty strings', async (t) => {
  t.equal(createStageSql(names, "/tmp/it's/rows.csv", 2, 10),
    `CREATE TEMP TABLE "stage_1" AS SELECT * FROM read_csv('/tmp/it''s/rows.csv', header = false, delim = ',', quote = '"', escape = '"', new_line = '\\n', allow_quoted_nulls = false, auto_detect = false, max_line_size = 2097152, columns = {'f': 'INTEGER', 'r': 'BIGINT', 'e': 'VARCHAR', 'c1': 'VARCHAR', 'c2': 'VARCHAR'})`);
  t.match(createStageSql(names, '/x', 1, 5_000_000), /max_line_size = 5000001/);
});

t.test('the insert converts each field and skips rejected rows only when there are some', async (t) => {
  const sql = insertTargetSql(names, 'main."t"', plan, undefined, false);
  t.equal(sql, `INSERT INTO main."t" ("id", "na""me") SELECT CASE WHEN regexp_full_match(NULLIF(s.c1, ''), '\\s*[+-]?[0-9]+\\s*') THEN TRY_CAST(trim(NULLIF(s.c1, '')) AS INTEGER) END, s.c2 FROM temp.main."stage_1" s`);
  t.match(insertTargetSql(names, 'main."t"', plan, undefined, true), / WHERE NOT EXISTS \(SELECT 1 FROM temp\.main\."rejects_1" x WHERE x\.f = s\.f AND x\.r = s\.r\)$/);
});

t.test('rejects carry "<number>|<message>" and the first over MAXERRORS is raised through error()', async (t) => {
  const sql = insertRejectsSql(names, plan, ['a.csv'], undefined);
  t.match(sql, /'4864\|Bulk load data conversion error \(type mismatch or invalid character for the specified codepage\) for row ' \|\| s\.r \|\| ', column 1 \(id\) in data file ' \|\| \['a\.csv'\]\[s\.f\] \|\| '\.'/);
  t.match(sql, /'4869\|The bulk load failed\. Unexpected NULL value in data file row ' \|\| s\.r \|\| ', column 1\. The destination column \(id\) is defined as NOT NULL\.'/);
  t.match(sql, /'4863\|Bulk load data conversion error \(truncation\) for row ' \|\| s\.r \|\| ', column 2 \(na"me\) in data file '/);
  t.equal(raiseRejectSql(names, 3), `SELECT error('\u00a7COPYERR\u00a7' || msg) FROM (SELECT msg FROM temp.main."rejects_1" ORDER BY f, r LIMIT 1 OFFSET 3)`);
  t.equal(dropSql('stage_1'), 'DROP TABLE IF EXISTS temp.main."stage_1"');
});
