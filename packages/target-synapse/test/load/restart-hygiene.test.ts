// Which staged folders belong to no live run: pure, from a listing.
import t from 'tap';
import { abandonedRuns } from '../../src/load/restart-hygiene.js';
import { formatRunMarker, formatStagedFile } from '../../src/load/staged-file.js';

const now = new Date('2026-12-02T12:00:00Z');
const minutesAgo = (m: number): Date => new Date(now.getTime() - m * 60_000);
const part = (loadId: string, sequence = 1): string => formatStagedFile({ loadId, table: 'orders', sequence, part: 0 });

t.test('a folder whose marker lease lapsed is abandoned; a leased one, and this run, are left alone', async (t) => {
  const entries = [
    { name: formatRunMarker('killed'), leased: false, lastModified: minutesAgo(1) },
    { name: part('killed'), leased: false, lastModified: minutesAgo(1) },
    { name: formatRunMarker('alive'), leased: true, lastModified: minutesAgo(90) },
    { name: part('alive'), leased: false, lastModified: minutesAgo(90) },
    { name: formatRunMarker('me'), leased: false, lastModified: minutesAgo(5) },
    { name: part('me'), leased: false, lastModified: minutesAgo(5) },
    { name: part('old-unmarked'), leased: false, lastModified: minutesAgo(61) },
    { name: part('new-unmarked'), leased: false, lastModified: minutesAgo(59) },
    { name: 'target-synapse/someone/notes.txt', leased: false, lastModified: minutesAgo(600) },
  ];
  t.same([...abandonedRuns(entries, 'me', now)], [
    ['killed', [formatRunMarker('killed'), part('killed')]],
    ['old-unmarked', [part('old-unmarked')]],
  ]);
});
