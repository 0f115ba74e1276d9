import t, { type Test } from 'tap';


import { isCopyInto, parseCopyInto } from '../../src/copy/parser.js';
import { SqlServerError } from '../../src/contract.js';

const LOC = "'https://acct.blob.core.windows.net/staging/run-1/orders/part-0001.csv.gz'";

function fails(t: Test, sql: string, number: number, pattern?: RegExp): void {
  let caught: unknown;
  try { parseCopyInto(sql); } catch (error) { caught = error; }
  t.ok(caught instanceof SqlServerError, `fails with a SqlServerError: ${sql}`);
  t.match(caught, { number, ...(pattern === undefined ? {} : { message: pattern }) }, sql);
}

t.test('the simplest form takes the documented defaults', async (t) => {
  const s = parseCopyInto(`COPY INTO dbo.[lineitem] FROM ${LOC}`);
  t.equal(s.table, 'dbo.[lineitem]');
  t.same(s.locations, ['https://acct.blob.core.windows.net/staging/run-1/orders/part-0001.csv.gz']);
  t.equal(s.columns, undefined);
  t.equal(s.options.maxErrors, 0);
  t.equal(s.options.fieldQuote, '"');
  t.same([...s.options.fieldTerminator], [...Buffer.from(',')]);
  t.same([...s.options.rowTerminator], [...Buffer.from('\r\n')]);
  t.equal(s.options.firstRow, 1);
  t.equal(s.options.encoding, 'UTF8');
  t.equal(s.options.compression, undefined);
  t.equal(s.options.credential, undefined);
});

t.test('every option the target uses is read', async (t) => {
  const s = parseCopyInto(`COPY INTO [#stg_orders] ([id] 1, [name] 2, [payload] 3)
    FROM ${LOC}, 'https://acct.blob.core.windows.net/staging/run-1/orders/part-0002.csv.gz'
    WITH (
      FILE_TYPE = 'CSV',
      CREDENTIAL = (IDENTITY = 'Shared Access Signature', SECRET = '?sv=2020&sig=abc'),
      FIELDQUOTE = '"', FIELDTERMINATOR = ';', ROWTERMINATOR = '0x0A',
      ENCODING = 'UTF16', FIRSTROW = 2, COMPRESSION = 'GZIP', MAXERRORS = 10, DATEFORMAT = 'dmy'
    );`);
  t.equal(s.table, '[#stg_orders]');
  t.same(s.columns, [{ name: 'id', fieldNumber: 1 }, { name: 'name', fieldNumber: 2 }, { name: 'payload', fieldNumber: 3 }]);
  t.equal(s.locations.length, 2);
  t.same(s.options.credential, { kind: 'sas', secret: '?sv=2020&sig=abc' });
  t.equal(s.options.fieldTerminator.toString(), ';');
  t.same([...s.options.rowTerminator], [0x0a]);
  t.equal(s.options.encoding, 'UTF16');
  t.equal(s.options.firstRow, 2);
  t.equal(s.options.compression, 'GZIP');
  t.equal(s.options.maxErrors, 10);
  t.equal(s.options.dateFormat, 'dmy');
});

t.test("ROWTERMINATOR '\\n' becomes \\r\\n, as the docs warn; hex and other escapes are taken as written", async (t) => {
  const rt = (v: string): number[] => [...parseCopyInto(`COPY INTO t FROM ${LOC} WITH (ROWTERMINATOR = '${v}')`).options.rowTerminator];
  t.same(rt('\\n'), [0x0d, 0x0a]);
  t.same(rt('\\r\\n'), [0x0d, 0x0a]);
  t.same(rt('0x0A'), [0x0a]);
  t.same(rt('0X0a'), [0x0a]);
  t.same(rt('0x0D0A'), [0x0d, 0x0a]);
  t.same(rt('|\\n'), [0x7c, 0x0a]);
  const ft = parseCopyInto(`COPY INTO t FROM ${LOC} WITH (FIELDTERMINATOR = '\\t')`).options.fieldTerminator;
  t.same([...ft], [0x09]);
  const multi = parseCopyInto(`COPY INTO t FROM ${LOC} WITH (FIELDTERMINATOR = '||')`).options.fieldTerminator;
  t.equal(multi.toString(), '||');
  fails(t, `COPY INTO t FROM ${LOC} WITH (ROWTERMINATOR = '0xZZ')`, 105208, /ROWTERMINATOR/);
});

t.test('column lists take defaults and field numbers, or map by position', async (t) => {
  const s = parseCopyInto(`COPY INTO test_1 (Col_one default 'myStringDefault' 1, Col_two default 1 3, Col_three) FROM ${LOC}`);
  t.same(s.columns, [
    { name: 'Col_one', defaultValue: 'myStringDefault', fieldNumber: 1 },
    { name: 'Col_two', defaultValue: '1', fieldNumber: 3 },
    { name: 'Col_three' },
  ]);
  fails(t, `COPY INTO t (a 0) FROM ${LOC}`, 103010);
});

t.test('the three credential forms are read; a service principal is refused as not emulated', async (t) => {
  const cred = (c: string): unknown => parseCopyInto(`COPY INTO t FROM ${LOC} WITH (CREDENTIAL = ${c})`).options.credential;
  t.same(cred(`(IDENTITY = 'Storage Account Key', SECRET = 'a2V5')`), { kind: 'accountKey', secret: 'a2V5' });
  t.same(cred(`(IDENTITY = 'Managed Identity')`), { kind: 'managedIdentity' });
  t.same(cred(`(IDENTITY= 'shared access signature', SECRET='sv=1')`), { kind: 'sas', secret: 'sv=1' });
  fails(t, `COPY INTO t FROM ${LOC} WITH (CREDENTIAL = (IDENTITY = 'Shared Access Signature'))`, 105208, /CREDENTIAL/);
  fails(t, `COPY INTO t FROM ${LOC} WITH (CREDENTIAL = (IDENTITY = 'id@https://login.microsoftonline.com/x/oauth2/token', SECRET = 's'))`, 105208, /service principal/);
  fails(t, `COPY INTO t FROM ${LOC} WITH (CREDENTIAL = 'x')`, 103010);
});

t.test('invalid values fail with 105208 naming the option', async (t) => {
  for (const [option, value] of [
    ['FILE_TYPE', "'JSON'"], ['MAXERRORS', '-1'], ['MAXERRORS', "'3'"], ['FIRSTROW', '0'], ['ENCODING', "'LATIN1'"],
    ['DATEFORMAT', "'yyyy'"], ['COMPRESSION', "'Snappy'"], ['COMPRESSION', "'zip'"], ['FIELDQUOTE', "'ab'"],
  ] as const) {
    fails(t, `COPY INTO t FROM ${LOC} WITH (${option} = ${value})`, 105208, new RegExp(`option '${option}'`));
  }
  fails(t, `COPY INTO t FROM ${LOC} WITH (MAXERRORS = 1, MAXERRORS = 2)`, 105208, /more than once/);
});

t.test('with UTF8, extended ASCII or multi-byte quote and terminators are refused, as the docs say; UTF16 allows them', async (t) => {
  for (const [option, value] of [
    ['FIELDTERMINATOR', "'§'"], ['FIELDTERMINATOR', "'0xA7'"], ['ROWTERMINATOR', "'¶'"], ['ROWTERMINATOR', "'0x0A85'"], ['FIELDQUOTE', "'0xB4'"],
  ] as const) {
    fails(t, `COPY INTO t FROM ${LOC} WITH (${option} = ${value})`, 105208, /Extended ASCII and multi-byte characters are not supported with UTF-8/);
    fails(t, `COPY INTO t FROM ${LOC} WITH (ENCODING = 'UTF8', ${option} = ${value})`, 105208, new RegExp(`option '${option}'`));
  }
  t.equal(parseCopyInto(`COPY INTO t FROM ${LOC} WITH (ENCODING = 'UTF16', FIELDTERMINATOR = '§')`).options.fieldTerminator.toString(), '§');
});

t.test('unknown options and broken syntax are parse errors (103010) with a position', async (t) => {
  fails(t, `COPY INTO t FROM ${LOC} WITH (NULL_VALUES = 'x')`, 103010, /Incorrect syntax near 'NULL_VALUES'/);
  fails(t, `COPY INTO t FROM ${LOC} WITH (FIRSTROW 2)`, 103010);
  fails(t, `COPY INTO t FROM`, 103010);
  fails(t, `COPY INTO t FROM ${LOC} extra`, 103010, /near 'extra'/);
  fails(t, `COPY INTO t\nFROM 'unterminated`, 103010, /line: 2, column: 6/);
  fails(t, `COPY INTO t FROM ${LOC} WITH (CREDENTIAL = (IDENTITY = 'Storage Account Key', SECRET = 'sekrit-key`, 103010, /near '''\.$/);
  let leaked = '';
  try { parseCopyInto(`COPY INTO t FROM ${LOC} WITH (CREDENTIAL = (IDENTITY = 'Storage Account Key', SECRET = 'sekrit-key' 2))`); } catch (e) { leaked = String(e); }
  t.notMatch(leaked, /sekrit/, 'a parse error never quotes the secret');
});

t.test('features the simulator does not emulate are refused loudly', async (t) => {
  fails(t, `COPY INTO t FROM ${LOC} WITH (FILE_TYPE = 'PARQUET')`, 105208, /does not emulate/);
  fails(t, `COPY INTO t FROM ${LOC} WITH (IDENTITY_INSERT = 'ON')`, 105208, /does not emulate/);
  fails(t, `COPY INTO t FROM ${LOC} WITH (AUTO_CREATE_TABLE = 'ON')`, 105208, /does not emulate/);
  t.equal(parseCopyInto(`COPY INTO t FROM ${LOC} WITH (ERRORFILE = '/errors', IDENTITY_INSERT = 'OFF')`).options.errorFile, '/errors');
});

t.test('comments, N-strings and doubled quotes are handled; isCopyInto spots the statement', async (t) => {
  const s = parseCopyInto(`-- load\nCOPY /* x */ INTO [dbo].[we]]ird] FROM N'https://acct.blob.core.windows.net/c/it''s.csv'`);
  t.equal(s.table, '[dbo].[we]]ird]');
  t.same(s.locations, ["https://acct.blob.core.windows.net/c/it's.csv"]);
  t.ok(isCopyInto('  copy into t from x'));
  t.ok(isCopyInto('/* c */ COPY INTO t'));
  t.notOk(isCopyInto('SELECT 1'));
});

t.test('block comments nest, as in T-SQL: the comment ends at the */ matching its /*', async (t) => {
  const s = parseCopyInto(`COPY INTO t /* outer /* inner */ still the comment */ FROM ${LOC} /* a /* b */ c */`);
  t.same(s.locations, ['https://acct.blob.core.windows.net/staging/run-1/orders/part-0001.csv.gz']);
  t.ok(isCopyInto('/* a /* b */ c */ COPY INTO t'));
  t.notOk(isCopyInto('/* a /* b */ COPY INTO t'), 'an unclosed outer comment hides the statement');
  fails(t, `COPY INTO t /* outer /* inner */ FROM ${LOC}`, 103010, /near '\/\*/);
});
