// Fast paths for the one text form of datetime2/datetimeoffset that loads carry by the million: the form SQL Server
// prints and target-synapse writes, `YYYY-MM-DD hh:mm:ss.fffffff[+hh:mm]` (a `T` for the space too). Fixed positions,
// so substr and CAST do what the general macros (temporal-storage.ts) do with a regex extract and a lambda per value.
// Each expression is NULL unless the text has that exact form and the general path would accept it, and then yields
// what the general path yields; callers COALESCE it with the general path (DuckDB evaluates the second argument only
// for the rows the first left NULL), so every other text, and every rejected one, still takes the general path.
import { MARKER, MAX_OFFSET_MINUTES, MAX_TICKS, OFFSET_BITS, TICK_DIGITS, TICKS_PER_MINUTE, TICKS_PER_SECOND } from './temporal-storage.js';

/**
 * The general path's ranges as a pattern, so the arithmetic below needs no CASE (DuckDB repeats every use of a
 * subexpression): hours 00-23, minutes and seconds 00-59, offsets up to +-14:00. Digits are ASCII, as RE2's \d.
 * Year 0000 and impossible dates (02-30) are left to the date cast and the year test.
 */
const TIME = '([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]';
const OFFSET = '[+-](0[0-9]:[0-5][0-9]|1[0-3]:[0-5][0-9]|14:00)';
const SHAPE = String.raw`[0-9]{4}-[0-9]{2}-[0-9]{2}[ T]${TIME}\.[0-9]{7}`;
const LOCAL_LENGTH = 27;
const OFFSET_LENGTH = 33;

const int = (v: string, from: number, length: number): string => `CAST(substr(${v}, ${from}, ${length}) AS BIGINT)`;

/** Local ticks of a text of the shape; NULL where it is no calendar date. */
const localTicks = (v: string): string => `((date_diff('day', DATE '0001-01-01', TRY_CAST(substr(${v}, 1, 10) AS DATE)) * 86400`
  + ` + ${int(v, 12, 2)} * 3600 + ${int(v, 15, 2)} * 60 + ${int(v, 18, 2)}) * ${TICKS_PER_SECOND} + ${int(v, 21, 7)})`;

/** Offset minutes of a text of the shape with an offset. */
const offsetMinutes = (v: string): string =>
  `(CASE WHEN substr(${v}, 28, 1) = '-' THEN -1 ELSE 1 END * (${int(v, 29, 2)} * 60 + ${int(v, 32, 2)}))`;

/** Rounded half up to 10^-scale s, NULL outside 0001-9999: __tsql_round with the unit known in advance. */
function rounded(ticks: string, scale: number): string {
  const unit = 10n ** BigInt(7 - scale);
  const r = unit === 1n ? ticks : `((${ticks} + ${unit / 2n}) // ${unit} * ${unit})`;
  return `CASE WHEN ${ticks} >= 0 AND ${r} <= ${MAX_TICKS} THEN ${r} END`;
}

const notYearZero = (v: string): string => `substr(${v}, 1, 4) <> '0000'`;

/** __tsql_dt2_try(v, 'VARCHAR', scale) for the form; the offset, as there, is dropped without a look at its value. */
export function fastDatetime2Sql(v: string, scale: number): string {
  const shape = `length(${v}) IN (${LOCAL_LENGTH}, ${OFFSET_LENGTH}) AND regexp_full_match(${v}, '${SHAPE}([+-][0-9]{2}:[0-9]{2})?')`;
  return `CASE WHEN ${shape} AND ${notYearZero(v)} THEN CAST(${rounded(localTicks(v), scale)} AS UHUGEINT) END`;
}

const MAGNITUDE_BITS = OFFSET_BITS - 1;
/**
 * The a/A letters of every offset magnitude 0 to 14:00, low bit first (encodeDatetimeoffset), end to end: a substr of
 * this constant costs a fraction of building the letters per row.
 */
const MAGNITUDE_LETTERS = Array.from({ length: MAX_OFFSET_MINUTES + 1 }, (_, minutes) =>
  Array.from({ length: MAGNITUDE_BITS }, (_, bit) => ((minutes >> bit) & 1 ? 'A' : 'a')).join('')).join('');

/** __tsql_dto_try(v, 'VARCHAR', scale) for the form: MARKER, UTC ticks, the offset's bits low first as a/A. */
export function fastDatetimeoffsetSql(v: string, scale: number): string {
  const encode = (off: string): string => {
    const utc = rounded(`(${localTicks(v)} - ${off} * ${TICKS_PER_MINUTE})`, scale);
    const magnitude = `substr('${MAGNITUDE_LETTERS}', abs(${off}) * ${MAGNITUDE_BITS} + 1, ${MAGNITUDE_BITS})`;
    return `'${MARKER}' || lpad(CAST(${utc} AS VARCHAR), ${TICK_DIGITS}, '0') || ${magnitude} || CASE WHEN ${off} < 0 THEN 'A' ELSE 'a' END`;
  };
  return `CASE WHEN ${notYearZero(v)} THEN CASE`
    + ` WHEN length(${v}) = ${LOCAL_LENGTH} AND regexp_full_match(${v}, '${SHAPE}') THEN ${encode('0')}`
    + ` WHEN length(${v}) = ${OFFSET_LENGTH} AND regexp_full_match(${v}, '${SHAPE}${OFFSET}') THEN ${encode(offsetMinutes(v))} END END`;
}
