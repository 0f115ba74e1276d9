import t from 'tap';
import { CsvNormalizer, type CsvLayout } from '../../src/copy/csv-normalizer.js';

const layout = (over: Partial<CsvLayout> = {}): CsvLayout => ({
  fieldQuote: '"', fieldTerminator: Buffer.from(','), rowTerminator: Buffer.from('\n'), firstRow: 1,
  fieldCount: 3, exactFieldCount: true, ...over,
});

/** Feeds the input in chunks of every size from 1 to 7 bytes and checks each gives the same output. */
function normalize(input: string | Buffer, l: CsvLayout = layout()): string {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const outputs = new Set<string>();
  for (const size of [1, 2, 3, 5, 7, bytes.length || 1]) {
    const n = new CsvNormalizer(l, 1, 'f.csv');
    const parts: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += size) parts.push(n.push(bytes.subarray(i, i + size)));
    parts.push(n.end());
    outputs.add(Buffer.concat(parts).toString('utf8'));
  }
  if (outputs.size !== 1) throw new Error(`chunking changed the output: ${[...outputs].join(' | ')}`);
  return [...outputs][0] ?? '';
}

t.test('empty unquoted fields are NULL; quoted values, including "", stay values', async (t) => {
  t.equal(normalize('1,,"x"\n2,"",\n'), '1,1,,"1",,"x"\n1,2,,"2","",\n');
});

t.test('RFC 4180: doubled quotes, embedded commas and CR/LF inside quoted fields, unicode and emoji', async (t) => {
  t.equal(normalize('"a ""q"", b","line1\r\nline2","😀 naïve 日本"\n'), '1,1,,"a ""q"", b","line1\r\nline2","😀 naïve 日本"\n');
});

t.test('a final record without a terminator counts; a trailing terminator adds no record', async (t) => {
  t.equal(normalize('1,2,3'), '1,1,,"1","2","3"\n');
  t.equal(normalize('1,2,3\n'), '1,1,,"1","2","3"\n');
  t.equal(normalize(''), '');
});

t.test('FIRSTROW skips raw row terminators and still numbers rows from the top of the file', async (t) => {
  t.equal(normalize('h1,h2,h3\n1,2,3\n', layout({ firstRow: 2 })), '1,2,,"1","2","3"\n');
});

t.test('with the default \\r\\n terminator an LF-only file is one long record, which is rejected', async (t) => {
  const out = normalize('1,2,3\n4,5,6\n', layout({ rowTerminator: Buffer.from('\r\n') }));
  t.match(out, /^1,1,"4879\|Bulk load failed due to invalid column value in CSV data file f\.csv in row 1, column 4\.",,,\n$/);
});

t.test('multi-character terminators and another quote character work', async (t) => {
  const l = layout({ fieldTerminator: Buffer.from('||'), rowTerminator: Buffer.from('~\n'), fieldQuote: "'" });
  t.equal(normalize("a||'b||c'||'it''s \"x\"'~\n", l), '1,1,,"a","b||c","it\'s ""x"""\n');
});

t.test('malformed rows carry a 4879 error and the parser resynchronises at the next row', async (t) => {
  const out = normalize('1,"unterminated\n', layout());
  t.match(out, /^1,1,"4879\|.*row 1, column 2\.",,,\n$/);
  const after = normalize('1,"a"x,3\n4,5,6\n');
  t.match(after, /^1,1,"4879\|.*row 1, column 2\.",,,\n1,2,,"4","5","6"\n$/);
  t.match(normalize('1,2\n'), /row 1, column 3\./);
  t.match(normalize('1,2,3,4\n'), /row 1, column 4\./);
  t.equal(normalize('1,2,3,4\n', layout({ exactFieldCount: false })), '1,1,,"1","2","3"\n');
});

t.test('a UTF-8 byte-order mark is dropped', async (t) => {
  t.equal(normalize(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('1,2,3\n')])), '1,1,,"1","2","3"\n');
});
