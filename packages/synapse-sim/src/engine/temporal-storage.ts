// How datetime2 and datetimeoffset live in DuckDB. Synapse spans 0001-01-01 to 9999-12-31 at 100 ns
// (learn.microsoft.com/sql/t-sql/data-types/datetime2-transact-sql, .../datetimeoffset-transact-sql); DuckDB's
// TIMESTAMP_NS spans only 1677-2262 and TIMESTAMPTZ drops the offset. So both are stored as 100 ns ticks since
// 0001-01-01 00:00:
// - datetime2: UHUGEINT, a type no other T-SQL type maps to (tsql-types.ts), so a computed result (MAX, CASE,
//   COALESCE) is still recognised as datetime2; it compares, sorts, groups, joins and BETWEENs as an integer.
// - datetimeoffset: VARCHAR COLLATE NOCASE holding MARKER, the UTC ticks as 19 digits, and the offset as the upper/
//   lower case of 11 letters. Under NOCASE the case is invisible, so `=`, `<`, ORDER BY, GROUP BY, DISTINCT, JOIN and
//   MERGE ON see only the instant, as SQL Server compares datetimeoffset; the offset written is still in the text.
// The macros below (SESSION_SETUP_SQL) convert any value, given as its VARCHAR text and DuckDB type name, into either form and round it to a
// declared scale; the TypeScript half encodes parameters and decodes results.
import { civilDate, DAYS_0001_TO_1970, pad } from './civil-date.js';
import { TEMPORAL_CONVERSION_MARKER, TEMPORAL_RANGE_MARKER } from './duckdb-errors.js';

export const DT2_STORAGE = 'UHUGEINT';
export const DTO_STORAGE = 'VARCHAR COLLATE NOCASE';
/** A control character no T-SQL literal the target writes starts with; tells a datetimeoffset apart from text. */
const MARKER = '\u0001';
const TICK_DIGITS = 19;
const OFFSET_BITS = 11;
const OFFSET_SIGN_BIT = 1 << (OFFSET_BITS - 1);
export const TICKS_PER_SECOND = 10_000_000n;
const TICKS_PER_MINUTE = 60n * TICKS_PER_SECOND;
const TICKS_PER_DAY = 86_400n * TICKS_PER_SECOND;
/** Days from 0001-01-01 to 10000-01-01: the first tick past 9999-12-31 23:59:59.9999999. */
const DAYS_0001_TO_10000 = 3_652_059n;
export const MAX_TICKS = DAYS_0001_TO_10000 * TICKS_PER_DAY - 1n;
/** Offsets SQL Server accepts: -14:00 through +14:00 (datetimeoffset doc, "Time zone offset range"). */
export const MAX_OFFSET_MINUTES = 14 * 60;
const DTO_PATTERN = new RegExp(`^${MARKER}\\d{${TICK_DIGITS}}[aA]{${OFFSET_BITS}}$`);

export interface StoredOffset {
  readonly utcTicks: bigint;
  readonly offsetMinutes: number;
}

export function isStoredDatetimeoffset(v: unknown): v is string {
  return typeof v === 'string' && DTO_PATTERN.test(v);
}

export function encodeDatetimeoffset({ utcTicks, offsetMinutes }: StoredOffset): string {
  const code = (offsetMinutes < 0 ? OFFSET_SIGN_BIT : 0) | Math.abs(offsetMinutes);
  let letters = '';
  for (let bit = 0; bit < OFFSET_BITS; bit++) letters += (code >> bit) & 1 ? 'A' : 'a';
  return `${MARKER}${utcTicks.toString().padStart(TICK_DIGITS, '0')}${letters}`;
}

export function decodeDatetimeoffset(v: string): StoredOffset {
  const utcTicks = BigInt(v.slice(1, 1 + TICK_DIGITS));
  let code = 0;
  for (let bit = 0; bit < OFFSET_BITS; bit++) if (v[1 + TICK_DIGITS + bit] === 'A') code |= 1 << bit;
  const minutes = code & (OFFSET_SIGN_BIT - 1);
  return { utcTicks, offsetMinutes: code & OFFSET_SIGN_BIT ? -minutes : minutes };
}


function daysFromCivil(y: bigint, m: bigint, d: bigint): bigint {
  const yy = m <= 2n ? y - 1n : y;
  const era = yy / 400n;
  const yoe = yy - era * 400n;
  const doy = (153n * (m > 2n ? m - 3n : m + 9n) + 2n) / 5n + d - 1n;
  const doe = yoe * 365n + yoe / 4n - yoe / 100n + doy;
  return era * 146_097n + doe - 719_468n + DAYS_0001_TO_1970;
}

/** Ticks since 0001-01-01 to "YYYY-MM-DD hh:mm:ss.fffffff", the seam's form (contract.ts SqlValue). */
export function formatTicks(ticks: bigint): string {
  const days = ticks / TICKS_PER_DAY;
  const rest = ticks - days * TICKS_PER_DAY;
  const seconds = rest / TICKS_PER_SECOND;
  const clock = `${pad(seconds / 3600n, 2)}:${pad((seconds / 60n) % 60n, 2)}:${pad(seconds % 60n, 2)}`;
  return `${civilDate(days - DAYS_0001_TO_1970)} ${clock}.${pad(rest % TICKS_PER_SECOND, 7)}`;
}

export function formatOffset(minutes: number): string {
  const a = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(a / 60), 2)}:${pad(a % 60, 2)}`;
}

/** A stored datetimeoffset as the seam's "local time" + "+hh:mm". */
export function formatStoredOffset(v: string): string {
  const { utcTicks, offsetMinutes } = decodeDatetimeoffset(v);
  return `${formatTicks(utcTicks + BigInt(offsetMinutes) * TICKS_PER_MINUTE)}${formatOffset(offsetMinutes)}`;
}

const SEAM = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?\s*(?:([+-])(\d{2}):(\d{2}))?$/;

/** The seam's text of an RPC parameter (tds/types decoders) to ticks and offset; the wire already bounds it. */
export function parseSeamValue(text: string): { readonly localTicks: bigint; readonly offsetMinutes: number } {
  const m = SEAM.exec(text);
  if (m === null) throw new TypeError(`not a datetime: ${text}`);
  const n = (k: number): bigint => BigInt(m[k] ?? '0');
  const days = daysFromCivil(n(1), n(2), n(3));
  const seconds = (n(4) * 60n + n(5)) * 60n + n(6);
  const localTicks = days * TICKS_PER_DAY + seconds * TICKS_PER_SECOND + BigInt((m[7] ?? '').padEnd(7, '0'));
  const offset = Number(m[9] ?? 0) * 60 + Number(m[10] ?? 0);
  return { localTicks, offsetMinutes: m[8] === '-' ? -offset : offset };
}

export function datetime2Bind(text: string): bigint {
  return parseSeamValue(text).localTicks;
}

export function datetimeoffsetBind(text: string): string {
  const { localTicks, offsetMinutes } = parseSeamValue(text);
  return encodeDatetimeoffset({ utcTicks: localTicks - BigInt(offsetMinutes) * TICKS_PER_MINUTE, offsetMinutes });
}

/** The macros take any value as its text and its DuckDB type name, which tells a datetime2 (UHUGEINT) apart. */
const macro = (name: string, v: string, ...rest: readonly (string | number)[]): string =>
  `${name}(CAST(${v} AS VARCHAR), typeof(${v})${rest.map((r) => `, ${r}`).join('')})`;
/** SQL that converts `v` (any value) to the datetime2 storage at `scale`, or fails with 241/242. */
export const toDatetime2Sql = (v: string, scale: number): string => macro('__tsql_dt2', v, scale);
export const toDatetimeoffsetSql = (v: string, scale: number): string => macro('__tsql_dto', v, scale);
/** The same conversions, NULL where the text is no datetime or out of range (COPY's per-row checks). */
export const tryDatetime2Sql = (v: string, scale: number): string => macro('__tsql_dt2_try', v, scale);
export const tryDatetimeoffsetSql = (v: string, scale: number): string => macro('__tsql_dto_try', v, scale);
/**
 * A value going into a datetime or date column: a datetime2 or datetimeoffset (SQL Server converts them implicitly,
 * a datetimeoffset by its local time, as CAST does) or anything DuckDB reads as a timestamp.
 */
export const toTimestampSql = (v: string): string => macro('__tsql_as_timestamp', v);
/** Text of a value as CAST(... AS nvarchar) prints it; stored temporals are decoded, other text passes. */
export const toTextSql = (v: string): string => macro('__tsql_text', v);

const fail = (marker: string): string => `error('${marker}')`;
/**
 * The literal forms of the datetime2/datetimeoffset docs ("Supported string literal formats"): ISO 8601
 * `YYYY-MM-DDThh:mm[:ss[.fffffff]]`, `YYYY-MM-DD[ hh:mm[:ss[.fffffff]]]`, unseparated `YYYYMMDD[ hh:mm...]`, each with an
 * optional offset `[ ]{+|-}hh:mm` or `Z`. 1-7 fractional digits. Other orders (`mdy`) are COPY's DATEFORMAT business.
 */
const LITERAL = String.raw`^\s*(\d{4})-?(\d{2})-?(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:[.](\d{1,7}))?)?)?\s*(Z|[+-]\d{2}:?\d{2}|[+-]\d{2})?\s*$`;

/**
 * `let name = value in body`: DuckDB macros are substituted as text, so a macro argument used n times is expanded n times
 * (and binding time grows with every level); a one-element list_transform evaluates and binds `value` once.
 */
const bind = (value: string, name: string, body: string): string => `list_transform([${value}], ${name} -> ${body})[1]`;
const TPM = `CAST(${TICKS_PER_MINUTE} AS BIGINT)`;
/** `v` is a datetimeoffset in storage exactly as __tsql_dto_enc writes it: ticks in range, no negative zero offset (sign letter A, all others a). */
const storedCanonical = (v: string): string => `regexp_full_match(${v}, '${MARKER}[0-9]{${TICK_DIGITS}}[aA]{${OFFSET_BITS}}')`
  + ` AND substr(${v}, 2, ${TICK_DIGITS}) <= '${MAX_TICKS}'`
  // A regex, not `=` or contains(): a stored value compares under NOCASE, which cannot see the letters.
  + ` AND NOT regexp_full_match(${v}, '.{${1 + TICK_DIGITS}}a{${OFFSET_BITS - 1}}A')`;
const BITS: readonly number[] = Array.from({ length: OFFSET_BITS }, (_, i) => i);

/** DuckDB macros, one per connection (TEMP), in dependency order. */
export const TEMPORAL_MACROS: readonly string[] = [
  `CREATE OR REPLACE TEMP MACRO __tsql_parts(s) AS regexp_extract(s, '${LITERAL}', ['y', 'mo', 'd', 'h', 'mi', 'se', 'f', 'z'])`,
  // Local ticks of a literal's parts; NULL when malformed or not a calendar date.
  `CREATE OR REPLACE TEMP MACRO __tsql_lit_ticks(parts) AS ${bind('parts', 'p', bind(`struct_pack(y := TRY_CAST(nullif(p.y, '') AS INTEGER),
     dt := TRY_CAST(p.y || '-' || p.mo || '-' || p.d AS DATE), h := CAST(coalesce(nullif(p.h, ''), '0') AS BIGINT),
     mi := CAST(coalesce(nullif(p.mi, ''), '0') AS BIGINT), se := CAST(coalesce(nullif(p.se, ''), '0') AS BIGINT),
     f := CAST(rpad(p.f, 7, '0') AS BIGINT))`, '__n', `CASE WHEN __n.y IS NULL OR __n.y < 1 OR __n.dt IS NULL OR __n.h > 23
     OR __n.mi > 59 OR __n.se > 59 THEN NULL
     ELSE (date_diff('day', DATE '0001-01-01', __n.dt) * 86400 + __n.h * 3600 + __n.mi * 60 + __n.se) * ${TICKS_PER_SECOND} + __n.f END`))}`,
  // Offset minutes of a literal's zone part ('' and Z are UTC); NULL when beyond +-14:00.
  `CREATE OR REPLACE TEMP MACRO __tsql_lit_offset(zone) AS ${bind('zone', 'z', `CASE WHEN z = '' OR z = 'Z' THEN 0 ELSE ${bind(`struct_pack(
     sign := CASE WHEN z[1] = '-' THEN -1 ELSE 1 END, hh := CAST(substr(replace(z, ':', ''), 2, 2) AS INTEGER),
     mm := CAST(coalesce(nullif(substr(replace(z, ':', ''), 4, 2), ''), '0') AS INTEGER))`, '__o',
     `CASE WHEN __o.mm > 59 OR __o.hh * 60 + __o.mm > ${MAX_OFFSET_MINUTES} THEN NULL ELSE __o.sign * (__o.hh * 60 + __o.mm) END`)} END`)}`,
  `CREATE OR REPLACE TEMP MACRO __tsql_dto_utc(v) AS CAST(substr(v, 2, ${TICK_DIGITS}) AS BIGINT)`,
  // Written out bit by bit: a lambda here is evaluated for every row of a CASE, not only the rows of its branch.
  `CREATE OR REPLACE TEMP MACRO __tsql_dto_off(v) AS (CASE WHEN ascii(substr(v, ${1 + TICK_DIGITS + OFFSET_BITS}, 1)) = 65 THEN -1 ELSE 1 END)
     * (${BITS.slice(0, -1).map((i) => `CASE WHEN ascii(substr(v, ${2 + TICK_DIGITS + i}, 1)) = 65 THEN ${1 << i} ELSE 0 END`).join(' + ')})`,
  `CREATE OR REPLACE TEMP MACRO __tsql_is_dto(v) AS ascii(v) = 1`,
  `CREATE OR REPLACE TEMP MACRO __tsql_is_dt2(ty) AS ty = '${DT2_STORAGE}'`,
  `CREATE OR REPLACE TEMP MACRO __tsql_unit(scale) AS CAST(pow(10, 7 - scale) AS BIGINT)`,
  // Ticks rounded half up to 10^-scale s (SQL Server rounds to the declared scale); NULL outside 0001-9999.
  `CREATE OR REPLACE TEMP MACRO __tsql_round(t, scale) AS ${bind('(t + __tsql_unit(scale) // 2) // __tsql_unit(scale) * __tsql_unit(scale)', '__r',
    `CASE WHEN t >= 0 AND __r <= ${MAX_TICKS} THEN __r END`)}`,
  `CREATE OR REPLACE TEMP MACRO __tsql_dto_enc(utc, off) AS ${bind('CASE WHEN off < 0 THEN ' + String(OFFSET_SIGN_BIT) + ' ELSE 0 END | abs(off)', '__c',
    `CASE WHEN utc IS NOT NULL AND off IS NOT NULL THEN chr(1) || lpad(CAST(utc AS VARCHAR), ${TICK_DIGITS}, '0')
     || ${BITS.map((i) => `CASE WHEN (__c >> ${i}) & 1 = 1 THEN 'A' ELSE 'a' END`).join(' || ')} END`)}`,
  // Local ticks of any value's text (a literal keeps its wall-clock time and drops an offset, as CAST to datetime2 does).
  `CREATE OR REPLACE TEMP MACRO __tsql_local(v, ty) AS CAST(CASE WHEN __tsql_is_dt2(ty) THEN CAST(v AS BIGINT)
     WHEN __tsql_is_dto(v) THEN __tsql_dto_utc(v) + __tsql_dto_off(v) * ${TPM}
     ELSE __tsql_lit_ticks(__tsql_parts(v)) END AS BIGINT)`,
  `CREATE OR REPLACE TEMP MACRO __tsql_dt2_try(v, ty, scale) AS ${bind('v', '__v', bind('__tsql_local(__v, ty)', '__l', `CAST(__tsql_round(__l, scale) AS ${DT2_STORAGE})`))}`,
  `CREATE OR REPLACE TEMP MACRO __tsql_dt2(v, ty, scale) AS ${bind('v', '__v', bind('__tsql_local(__v, ty)', '__l', bind('__tsql_round(__l, scale)', '__t',
    `CASE WHEN __v IS NULL THEN NULL WHEN __l IS NULL THEN ${fail(TEMPORAL_CONVERSION_MARKER)} WHEN __t IS NULL THEN ${fail(`${TEMPORAL_RANGE_MARKER}:datetime2`)}
     ELSE CAST(__t AS ${DT2_STORAGE}) END`)))}`,
  // UTC ticks and offset of any value's text: a stored datetimeoffset's own, a datetime2's at +00:00, a literal's
  // local time minus its offset. Both at once, so a literal is parsed once: {u: UTC ticks, o: offset minutes}.
  `CREATE OR REPLACE TEMP MACRO __tsql_uo(v, ty) AS CASE WHEN __tsql_is_dt2(ty) THEN struct_pack(u := CAST(v AS BIGINT), o := CAST(0 AS INTEGER))
     WHEN __tsql_is_dto(v) THEN struct_pack(u := __tsql_dto_utc(v), o := CAST(__tsql_dto_off(v) AS INTEGER))
     ELSE ${bind('__tsql_parts(v)', '__p', bind('__tsql_lit_offset(__p.z)', '__z',
       `struct_pack(u := CAST(__tsql_lit_ticks(__p) - __z * ${TPM} AS BIGINT), o := CAST(__z AS INTEGER))`))} END`,
  `CREATE OR REPLACE TEMP MACRO __tsql_dto_try(v, ty, scale) AS ${bind('v', '__v', bind('__tsql_uo(__v, ty)', '__uo',
    '__tsql_dto_enc(__tsql_round(__uo.u, scale), __uo.o)'))}`,
  // A value stored at scale 7 (an INSERT ... SELECT between datetimeoffset(7) columns) converts to itself: returned as
  // it is, which skips the decode and re-encode. The test admits only what __tsql_dto_enc writes (no "-00:00").
  `CREATE OR REPLACE TEMP MACRO __tsql_dto(v, ty, scale) AS CASE WHEN scale = 7 AND ${storedCanonical('v')} THEN v ELSE ${bind('v', '__v', bind('__tsql_uo(__v, ty)', '__uo',
    bind('__tsql_round(__uo.u, scale)', '__t', `CASE WHEN __v IS NULL THEN NULL
     WHEN __uo.u IS NULL OR __uo.o IS NULL THEN ${fail(TEMPORAL_CONVERSION_MARKER)} WHEN __t IS NULL THEN ${fail(`${TEMPORAL_RANGE_MARKER}:datetimeoffset`)}
     ELSE __tsql_dto_enc(__t, __uo.o) END`)))} END`,
  `CREATE OR REPLACE TEMP MACRO __tsql_as_timestamp(v, ty) AS CASE WHEN __tsql_is_dt2(ty) OR __tsql_is_dto(v)
     THEN TIMESTAMP '0001-01-01' + to_microseconds(CAST(__tsql_local(v, ty) // 10 AS BIGINT)) ELSE CAST(v AS TIMESTAMP) END`,
  `CREATE OR REPLACE TEMP MACRO __tsql_tick_text(t) AS strftime(TIMESTAMP '0001-01-01' + to_microseconds(CAST(t // 10 AS BIGINT)), '%Y-%m-%d %H:%M:%S')
     || '.' || lpad(CAST(t % ${TICKS_PER_SECOND} AS VARCHAR), 7, '0')`,
  `CREATE OR REPLACE TEMP MACRO __tsql_text(v, ty) AS CASE WHEN __tsql_is_dt2(ty) THEN __tsql_tick_text(CAST(v AS BIGINT))
     WHEN __tsql_is_dto(v) THEN ${bind('__tsql_dto_off(v)', '__o', `__tsql_tick_text(__tsql_dto_utc(v) + __o * ${TPM}) || ' '
       || CASE WHEN __o < 0 THEN '-' ELSE '+' END || lpad(CAST(abs(__o) // 60 AS VARCHAR), 2, '0') || ':' || lpad(CAST(abs(__o) % 60 AS VARCHAR), 2, '0')`)}
     ELSE v END`,
];
