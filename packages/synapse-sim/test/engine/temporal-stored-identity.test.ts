// __tsql_dto at scale 7 returns a stored datetimeoffset as it is (temporal-storage.ts): for every stored value it must
// give what the decode-and-re-encode path gives, and a value that is not in __tsql_dto_enc's form still goes that path.
import t from 'tap';
import { DuckDBInstance } from '@duckdb/node-api';
import { DATABASE_SETUP_SQL, SESSION_SETUP_SQL } from '../../src/engine/session-setup.js';
import { encodeDatetimeoffset, MAX_TICKS } from '../../src/engine/temporal-storage.js';
import { mulberry32 } from '../../src/engine/faults.js';

const random = mulberry32(7);
const stored: string[] = [
  encodeDatetimeoffset({ utcTicks: 0n, offsetMinutes: 0 }), encodeDatetimeoffset({ utcTicks: MAX_TICKS, offsetMinutes: 840 }),
  encodeDatetimeoffset({ utcTicks: MAX_TICKS, offsetMinutes: -840 }), encodeDatetimeoffset({ utcTicks: 1n, offsetMinutes: -1 }),
];
for (let i = 0; i < 2000; i += 1) {
  const utcTicks = BigInt(Math.floor(random() * Number(MAX_TICKS / 1024n))) * 1024n + BigInt(Math.floor(random() * 1024));
  stored.push(encodeDatetimeoffset({ utcTicks: utcTicks > MAX_TICKS ? MAX_TICKS : utcTicks, offsetMinutes: Math.floor(random() * 1681) - 840 }));
}
/** Not __tsql_dto_enc's form: a negative zero offset, and ticks past 9999-12-31. */
const NEGATIVE_ZERO = `\u0001${'0'.repeat(18)}5${'a'.repeat(10)}A`;
const PAST_MAX = `\u0001${MAX_TICKS + 1n}${'a'.repeat(11)}`;

t.test('a stored datetimeoffset(7) converts to datetimeoffset(7) byte for byte as through decode and re-encode', async (t) => {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  t.teardown(() => { conn.closeSync(); db.closeSync(); });
  await conn.run(DATABASE_SETUP_SQL);
  for (const sql of SESSION_SETUP_SQL) await conn.run(sql);
  await conn.run('CREATE TABLE s (v VARCHAR COLLATE NOCASE)');
  const appender = await conn.createAppender('s', 'dbo');
  for (const v of stored) { appender.appendVarchar(v); appender.endRow(); }
  appender.closeSync();
  const differing = await conn.runAndReadAll(`SELECT count(*) FROM s WHERE CAST(__tsql_dto(CAST(v AS VARCHAR), typeof(v), 7) AS BLOB)
    IS DISTINCT FROM CAST(__tsql_dto_try(CAST(v AS VARCHAR), typeof(v), 7) AS BLOB)`);
  t.equal(Number(differing.getRows()[0]?.[0]), 0, `all ${stored.length} values`);
  // Those that round into range (9999-12-31 23:59:59.9999999 rounds past it and fails, as it should).
  await conn.run(`CREATE TABLE s3 AS SELECT v FROM s WHERE substr(v, 2, 19) < '${MAX_TICKS - 10_000n}'`);
  const rounded = await conn.runAndReadAll(`SELECT count(*) FROM s3 WHERE CAST(__tsql_dto(CAST(v AS VARCHAR), typeof(v), 3) AS BLOB)
    IS DISTINCT FROM CAST(__tsql_dto_try(CAST(v AS VARCHAR), typeof(v), 3) AS BLOB)`);
  t.equal(Number(rounded.getRows()[0]?.[0]), 0, 'to datetimeoffset(3) each is still rounded');
  const same = await conn.runAndReadAll(`SELECT count(*) FROM s WHERE CAST(__tsql_dto(CAST(v AS VARCHAR), typeof(v), 7) AS BLOB) = CAST(v AS BLOB)`);
  t.equal(Number(same.getRows()[0]?.[0]), stored.length, 'each comes back as it was stored');
  const zero = await conn.runAndReadAll(`SELECT __tsql_dto(CAST('${NEGATIVE_ZERO}' AS VARCHAR) COLLATE NOCASE, 'VARCHAR', 7)`);
  t.equal(zero.getRows()[0]?.[0], `\u0001${'0'.repeat(18)}5${'a'.repeat(11)}`, 'a negative zero offset is re-encoded as +00:00');
  await t.rejects(conn.run(`SELECT __tsql_dto('${PAST_MAX}', 'VARCHAR', 7)`), /./, 'ticks past 9999-12-31 still fail the range check');
});
