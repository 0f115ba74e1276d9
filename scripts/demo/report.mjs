// The demo's two summaries as rows: the first sync per stream, and what the incremental sync changed. Pure.
import { readFileSync } from 'node:fs';
import { streamTables } from './warehouse.mjs';
import { formatTable } from './table.mjs';

/** The tap's streams in its table order (the shipped catalog's), so the summaries read the same every run. */
const STREAM_ORDER = JSON.parse(readFileSync(new URL('../../catalog.json', import.meta.url), 'utf8')).streams.map((s) => s.tap_stream_id);
const inStreamOrder = (streams) => [...streams].sort((a, b) => STREAM_ORDER.indexOf(a) - STREAM_ORDER.indexOf(b));

/**
 * @param {import('./tap-log.mjs').TapTally} tally @param {ReadonlyMap<string, number>} counts
 */
export function firstSyncRows(tally, counts) {
  return inStreamOrder(tally.records.keys()).map((stream) => {
    const t = streamTables(counts, stream);
    return {
      stream, table: t.table ?? '(none)', rows: t.rows, childTables: t.children.length, childRows: t.childRows,
      seconds: tally.seconds.get(stream) ?? 0,
    };
  });
}

/** @param {ReturnType<typeof firstSyncRows>} rows */
export function formatFirstSync(rows) {
  return formatTable(
    ['stream', 'table', 'rows loaded', 'child tables', 'child rows', 'seconds'],
    rows.map((r) => [r.stream, r.table, r.rows, r.childTables, r.childRows, r.seconds.toFixed(1)]),
  );
}

/**
 * @param {import('./tap-log.mjs').TapTally} tally the second sync's
 * @param {ReturnType<typeof import('./updates.mjs').applyUpdates>} expected
 */
export function secondSyncRows(tally, expected) {
  const byStream = new Map(expected.map((e) => [e.stream, e]));
  return inStreamOrder(tally.records.keys()).map((stream) => {
    const sent = tally.records.get(stream) ?? 0;
    const e = byStream.get(stream);
    return e === undefined
      ? { stream, sent, kind: 'full', modified: 0, created: 0, atBookmark: 0, expected: undefined }
      : { stream, sent, kind: 'incremental', modified: e.modified, created: e.created, atBookmark: e.atBookmark, expected: e.expected };
  });
}

/** @param {ReturnType<typeof secondSyncRows>} rows */
export function formatSecondSync(rows) {
  return formatTable(
    ['stream', 'records sent', 'modified', 'created', 'at bookmark', 'as expected'],
    rows.map((r) => r.expected === undefined
      ? [r.stream, r.sent, '-', '-', '-', r.stream === 'conversation_attachments' ? 'child: re-read per conversation sent' : 'full table: re-read every run']
      : [r.stream, r.sent, r.modified, r.created, r.atBookmark, r.sent === r.expected ? 'yes' : `NO: expected ${r.expected}`]),
  );
}

/** @param {ReadonlyMap<string, number>} before @param {ReadonlyMap<string, number>} after */
export function tableChanges(before, after) {
  return [...after.entries()]
    .map(([table, rows]) => ({ table, before: before.get(table) ?? 0, after: rows }))
    .filter((c) => c.before !== c.after);
}

/** @param {ReturnType<typeof tableChanges>} changes */
export function formatTableChanges(changes) {
  if (changes.length === 0) return '(no table changed its row count: every change was an update in place)';
  return formatTable(['table', 'rows before', 'rows after', 'added'], changes.map((c) => [c.table, c.before, c.after, c.after - c.before]));
}
