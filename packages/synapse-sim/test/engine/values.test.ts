// Exact formatting of DuckDB integers-with-units into the contract's value strings.
import t from 'tap';
import { formatDecimal, formatNanos } from '../../src/engine/values.js';

t.test('decimals keep every digit and the sign', async (t) => {
  t.equal(formatDecimal(-12345n, 3), '-12.345');
  t.equal(formatDecimal(5n, 9), '0.000000005');
  t.equal(formatDecimal(-5n, 2), '-0.05');
  t.equal(formatDecimal(99999999999999999999999999999999999999n, 0), '99999999999999999999999999999999999999');
});

t.test('timestamps format with 7 fractional digits, before and after the epoch', async (t) => {
  t.equal(formatNanos(0n), '1970-01-01 00:00:00.0000000');
  t.equal(formatNanos(100n), '1970-01-01 00:00:00.0000001');
  t.equal(formatNanos(-100n), '1969-12-31 23:59:59.9999999');
  t.equal(formatNanos(951_782_400_000_000_000n + 1_234_567_800n), '2000-02-29 00:00:01.2345678');
  t.equal(formatNanos(-62_135_596_800_000_000_000n), '0001-01-01 00:00:00.0000000');
  t.equal(formatNanos(253_402_300_799_999_999_900n), '9999-12-31 23:59:59.9999999');
});
