// The changes the demo makes between its two syncs, and what the second sync must then send. Search streams
// are read from `gte` their bookmark (inclusive, as Singer taps do), so besides the changed records the second
// sync re-sends the records that share the bookmark's instant; they are counted from the simulator's data.
// Modified records are chosen among those the first sync loaded, so the tables grow by exactly the created
// records: a modified record older than search's 2-year horizon would be new to them.

/** One hour of sim time between the syncs. */
export const CLOCK_ADVANCE_MS = 3_600_000;

/** A few streams change: some records modified, some new conversations. */
export const UPDATES = [
  { stream: 'conversations', kind: 'conversation', modify: 50, create: 20 },
  { stream: 'customers', kind: 'customer', modify: 30 },
  { stream: 'messages', kind: 'message', modify: 60 },
  { stream: 'kobjects', kind: 'kobject.subscription', modify: 10 },
];

/** The simulator kinds behind each incremental stream (kobjects searches every klass). */
export const SEARCH_KINDS = {
  customers: ['customer'],
  conversations: ['conversation'],
  messages: ['message'],
  notes: ['note'],
  companies: ['company'],
  kobjects: ['kobject.order', 'kobject.subscription', 'kobject.return-request'],
};

/**
 * Ids of the records whose updatedAt equals the bookmark. Call before any update: a kind's base updatedAt does
 * not decrease with its index (kustomer-sim README "Data"), so the scan stops at the first older record.
 * @param {import('@kustomer-synapse/kustomer-sim').Sim} sim @param {string} stream @param {string} bookmark
 */
export function idsAtBookmark(sim, stream, bookmark) {
  const at = Date.parse(bookmark);
  const ids = [];
  for (const kind of SEARCH_KINDS[stream] ?? []) {
    for (let i = sim.count(kind) - 1; i >= 0; i -= 1) {
      const record = sim.record(kind, i);
      const updatedAt = Date.parse(String(record.attributes?.updatedAt));
      if (updatedAt < at) break;
      if (updatedAt === at) ids.push(record.id);
    }
  }
  return ids;
}

/** `n` ids spread evenly over what search returns for a kind, but its oldest tenth (which the clock may push past the horizon). */
function newerIds(sim, kind, n) {
  const ids = sim.searchableIds(kind);
  const newer = ids.slice(Math.floor(ids.length / 10));
  if (newer.length < n) throw new Error(`kustomer-sim has ${newer.length} recent ${kind} records, fewer than the ${n} to modify; raise DEMO_SCALE`);
  return Array.from({ length: n }, (_, i) => newer[Math.floor((i * newer.length) / n)]);
}

/**
 * Advances the clock, applies UPDATES and returns, per incremental stream, what the next sync must send.
 * @param {import('@kustomer-synapse/kustomer-sim').Sim} sim
 * @param {{ bookmarks?: Record<string, { replication_key_value?: string }> }} state the state the first sync ended with
 */
export function applyUpdates(sim, state) {
  const atBookmark = new Map();
  for (const stream of Object.keys(SEARCH_KINDS)) {
    const bookmark = state.bookmarks?.[stream]?.replication_key_value;
    atBookmark.set(stream, bookmark === undefined ? [] : idsAtBookmark(sim, stream, bookmark));
  }
  sim.clock.advance(CLOCK_ADVANCE_MS);
  const changed = new Map();
  for (const { stream, kind, modify, create } of UPDATES) {
    const result = sim.update({ kind, ...(modify === undefined ? {} : { modify: newerIds(sim, kind, modify) }), ...(create === undefined ? {} : { create }) });
    const entry = changed.get(stream) ?? { modified: [], created: [] };
    entry.modified.push(...result.modified);
    entry.created.push(...result.created);
    changed.set(stream, entry);
  }
  return Object.keys(SEARCH_KINDS).map((stream) => {
    const { modified, created } = changed.get(stream) ?? { modified: [], created: [] };
    const changedIds = new Set([...modified, ...created]);
    const reread = atBookmark.get(stream).filter((id) => !changedIds.has(id));
    return { stream, modified: modified.length, created: created.length, atBookmark: reread.length, expected: changedIds.size + reread.length };
  });
}
