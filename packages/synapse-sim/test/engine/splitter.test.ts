import t from 'tap';
import { splitBatch } from '../../src/engine/splitter.js';

const texts = (sql: string): readonly string[] => splitBatch(sql).map((s) => s.text);

t.test('splits on semicolons outside quotes, brackets and comments', async (t) => {
  t.same(texts("SELECT 'a;b'; SELECT [x;y] FROM t; -- c;d\nSELECT 1 /* ; */"), ["SELECT 'a;b'", 'SELECT [x;y] FROM t', '-- c;d\nSELECT 1 /* ; */']);
});

t.test('splits statements written one per line without semicolons', async (t) => {
  t.same(texts('BEGIN TRAN\nDELETE FROM t WHERE x = 1\nINSERT INTO t SELECT * FROM s\nCOMMIT'), [
    'BEGIN TRAN', 'DELETE FROM t WHERE x = 1', 'INSERT INTO t SELECT * FROM s', 'COMMIT',
  ]);
});

t.test('keeps INSERT ... SELECT, CTAS ... AS SELECT and IF ... DROP together across lines', async (t) => {
  t.same(texts('INSERT INTO t (a)\nSELECT a FROM s'), ['INSERT INTO t (a)\nSELECT a FROM s']);
  t.same(texts('CREATE TABLE x WITH (HEAP) AS\nSELECT 1 AS a'), ['CREATE TABLE x WITH (HEAP) AS\nSELECT 1 AS a']);
  t.same(texts("IF OBJECT_ID('t') IS NOT NULL\nDROP TABLE t\nSELECT 1"), ["IF OBJECT_ID('t') IS NOT NULL\nDROP TABLE t", 'SELECT 1']);
});

t.test('keeps a line-leading WITH (...) option list and a line-leading SET with their statement', async (t) => {
  t.same(texts("COPY INTO [t]\nFROM 'https://a/c/x.csv'\nWITH (FILE_TYPE = 'CSV')"), ["COPY INTO [t]\nFROM 'https://a/c/x.csv'\nWITH (FILE_TYPE = 'CSV')"]);
  t.same(texts('CREATE TABLE [x] ([a] INT)\nWITH (HEAP)\nSELECT 1'), ['CREATE TABLE [x] ([a] INT)\nWITH (HEAP)', 'SELECT 1']);
  t.same(texts('CREATE TABLE [x]\nWITH (HEAP)\nAS\nSELECT 1 AS a'), ['CREATE TABLE [x]\nWITH (HEAP)\nAS\nSELECT 1 AS a']);
  t.same(texts('UPDATE [t]\nSET [a] = 1\nWHERE [b] = 2\nSET xact_abort off'), ['UPDATE [t]\nSET [a] = 1\nWHERE [b] = 2', 'SET xact_abort off']);
  t.same(texts('SELECT 1\nWITH cte AS (SELECT 1 AS a) SELECT a FROM cte'), ['SELECT 1', 'WITH cte AS (SELECT 1 AS a) SELECT a FROM cte']);
});

t.test('keeps a MERGE whole until its semicolon and records whether it had one', async (t) => {
  const merge = 'MERGE INTO t USING s ON t.id = s.id\nWHEN MATCHED THEN\nUPDATE SET a = s.a\nWHEN NOT MATCHED THEN\nINSERT (id) VALUES (s.id);';
  const [m] = splitBatch(merge);
  t.equal(m?.terminated, true);
  t.equal(splitBatch('MERGE INTO t USING s ON 1 = 1 WHEN MATCHED THEN DELETE').at(0)?.terminated, false);
});

t.test('handles the SET batch tedious sends after login', async (t) => {
  const login = 'set ansi_nulls on\nset ansi_padding on\nset textsize 2147483647\nset transaction isolation level read committed\nset xact_abort off';
  t.equal(splitBatch(login).length, 5);
});

t.test('an unclosed quote is an error', async (t) => {
  t.throws(() => splitBatch("SELECT 'abc"), /Unclosed quotation mark/);
});
