// Calendar dates from day counts, exactly, over any range (Howard Hinnant, "chrono-Compatible Low-Level Date
// Algorithms", civil_from_days). Shared by the DuckDB result decoder and the datetime2/datetimeoffset storage.

export const pad = (n: bigint | number, width: number): string => String(n).padStart(width, '0');

/** Days between 0001-01-01 and 1970-01-01 in the proleptic Gregorian calendar. */
export const DAYS_0001_TO_1970 = 719_162n;

/** `YYYY-MM-DD` of a day count since 1970-01-01 (negative before). */
export function civilDate(daysSince1970: bigint): string {
  const z = daysSince1970 + 719_468n;
  const era = (z >= 0n ? z : z - 146_096n) / 146_097n;
  const doe = z - era * 146_097n;
  const yoe = (doe - doe / 1460n + doe / 36_524n - doe / 146_096n) / 365n;
  const doy = doe - (365n * yoe + yoe / 4n - yoe / 100n);
  const mp = (5n * doy + 2n) / 153n;
  const d = doy - (153n * mp + 2n) / 5n + 1n;
  const m = mp < 10n ? mp + 3n : mp - 9n;
  const y = yoe + era * 400n + (m <= 2n ? 1n : 0n);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}
