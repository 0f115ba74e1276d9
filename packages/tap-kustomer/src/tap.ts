// The sync, as a thin orchestrator: which streams (the catalog's selection, or every stream without one), in two
// lanes at once, each in table order (the search streams; the list streams and attachments), SCHEMA before a
// stream's RECORDs, each stream read by the reader of its endpoint kind, STATE after every page (bookmarks only
// forward, only after the page is written), currently_syncing while a search stream runs, a final STATE.
import {
  InputError, advanceBookmark, isStreamSelected, replicationValue, selectedSchema, withBookmark, withCurrentlySyncing,
  type Catalog, type CatalogEntry, type LineWriter, type Logger, type State,
} from '@kustomer-synapse/singer';
import type { KustomerClient } from './http/client.js';
import { loadStreamSchema } from './schema-files.js';
import { STREAMS, STREAM_NAMES, type StreamName, type StreamSpec } from './streams.js';
import type { TapConfig } from './settings.js';
import { fieldFilter } from './sync/field-filter.js';
import type { ParentRef } from './sync/attachments.js';
import { IdFeed } from './sync/id-feed.js';
import type { SyncProgress } from './sync/progress.js';
import { readStream } from './sync/readers.js';
import { searchHorizon, streamOrder, syncFrom } from './sync/sync-state.js';

export interface SyncRun {
  readonly client: KustomerClient;
  readonly config: TapConfig;
  readonly state: State;
  readonly catalog?: Catalog;
  readonly writer: LineWriter;
  readonly logger: Logger;
  readonly progress: SyncProgress;
  readonly now?: () => number;
}

interface Selected {
  readonly spec: StreamSpec;
  readonly entry?: CatalogEntry;
}

export async function sync(run: SyncRun): Promise<void> {
  const now = run.now ?? Date.now;
  const selected = selectStreams(run.catalog);
  const entries = new Map(selected.map((s) => [s.spec.name, s.entry]));
  const ordered = streamOrder(selected.map((s) => s.spec), run.state.currently_syncing);
  let state = normaliseBookmarks(run.state, ordered);
  warnBeyondHorizon(ordered, state, run.config, now(), run.logger);
  const feeds = new Map(ordered.flatMap((spec) => (spec.endpoint.kind === 'child' ? [[spec.endpoint.parent, new IdFeed<ParentRef>()] as const] : [])));
  const childOf = new Map(ordered.flatMap((spec) => (spec.endpoint.kind === 'child' ? [[spec.endpoint.parent, spec.name] as const] : [])));
  for (const [parent, feed] of feeds) if (!ordered.some((spec) => spec.name === parent)) feed.end();
  let failure: { readonly error: unknown } | undefined;
  let searchStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (searchStarted = resolve));

  const writeState = async (): Promise<void> => {
    await run.writer.writeMessage({ type: 'STATE', value: state });
    await run.writer.flush();
  };

  /** One stream, SCHEMA first, a STATE after each page; `tracked`: it names currently_syncing. */
  const syncStream = async (spec: StreamSpec, tracked: boolean): Promise<void> => {
    const entry = entries.get(spec.name);
    const schema = entry === undefined ? await loadStreamSchema(spec) : selectedSchema(entry);
    const select = fieldFilter(entry);
    const feed = feeds.get(spec.name);
    const from = startOf(state, spec.name, childOf.get(spec.name), run.config);
    const bookmarkKey = bookmarkKeyOf(spec);
    if (tracked) {
      state = withCurrentlySyncing(state, spec.name);
      await writeState();
    }
    await run.writer.writeMessage({
      type: 'SCHEMA', stream: spec.name, schema, key_properties: spec.keyProperties,
      ...(spec.replicationKey === null ? {} : { bookmark_properties: [spec.replicationKey] }),
    });
    if (tracked) searchStarted();
    run.progress.start(spec.name);
    run.logger.info(`stream ${spec.name}: syncing${spec.endpoint.kind === 'search' ? ` records updated from ${from}${run.config.endDate === undefined ? '' : ` to ${run.config.endDate}`}` : ''}`);
    const pages = readStream({
      client: run.client, spec, pageSize: run.config.pageSize,
      window: run.config.endDate === undefined ? { from } : { from, to: run.config.endDate },
      parents: spec.endpoint.kind === 'child' ? (feeds.get(spec.endpoint.parent) ?? []) : [],
    });
    try {
      for await (const page of pages) {
        if (failure !== undefined) throw failure.error;
        const timeExtracted = new Date(now()).toISOString();
        for (const record of page.records) {
          await run.writer.writeMessage({ type: 'RECORD', stream: spec.name, record: select(record), time_extracted: timeExtracted });
          feed?.push(parentRef(record, spec));
        }
        if (page.bookmark !== undefined && bookmarkKey !== null) {
          state = advanceBookmark(state, spec.name, bookmarkKey, page.bookmark);
        }
        await writeState();
        run.progress.page(spec.name, page.records.length, page.bookmark);
      }
    } catch (error) {
      run.progress.finish(spec.name, 'failed');
      throw error;
    }
    feed?.end();
    run.progress.finish(spec.name, 'done');
  };

  // Two lanes at once, so that each budget is spent while the other is (issue 8 "Budgets"): the search streams,
  // which spend the search budget and carry the bookmarks, and the rest (lists, attachments), which spend only the
  // org budget; lists restart from nothing on a resumed run. Attachments read each conversation as the search lane
  // writes it, and keep their own bookmark (see startOf). Only the search lane names currently_syncing (a STATE from either lane carries it); the other lane
  // starts once the search lane has written its first SCHEMA, so a resumed run still opens with the stream it was on.
  const lane = async (specs: readonly StreamSpec[], tracked: boolean): Promise<void> => {
    try {
      for (const spec of specs) {
        if (failure !== undefined) return;
        await syncStream(spec, tracked);
      }
    } catch (error) {
      failure ??= { error };
      for (const feed of feeds.values()) feed.fail(error);
      throw error;
    } finally {
      if (tracked) searchStarted();
    }
  };
  const searchLane = ordered.filter((spec) => spec.endpoint.kind === 'search');
  const otherLane = ordered.filter((spec) => spec.endpoint.kind !== 'search');
  const lanes = [lane(searchLane, true), started.then(() => lane(otherLane, false))];
  const outcomes = await Promise.allSettled(lanes);
  if (failure !== undefined) throw failure.error;
  for (const outcome of outcomes) if (outcome.status === 'rejected') throw outcome.reason;
  state = withCurrentlySyncing(state, null);
  await writeState();
}

/**
 * A child stream's bookmark is its parent's replication value up to which every parent's children were written
 * (`conversations.updated_at` for conversation_attachments); other streams use their own replication key.
 */
function bookmarkKeyOf(spec: StreamSpec): string | null {
  if (spec.endpoint.kind !== 'child') return spec.replicationKey;
  const parentKey = STREAMS[spec.endpoint.parent].replicationKey;
  return parentKey === null ? null : `${spec.endpoint.parent}.${parentKey}`;
}

function parentRef(record: Readonly<Record<string, unknown>>, spec: StreamSpec): ParentRef {
  const value = spec.replicationKey === null ? undefined : record[spec.replicationKey];
  return typeof value === 'string' ? { id: String(record['id']), bookmark: value } : { id: String(record['id']) };
}

/**
 * Where a stream's search starts. A parent whose child stream is selected starts at the earlier of its own start
 * and its child's, so that a run stopped after the parent's bookmark moved but before the child read those parents
 * (or a child newly selected) gets their children: the parents in between are written again (an upsert absorbs them).
 */
function startOf(state: State, stream: string, child: string | undefined, config: TapConfig): string {
  const own = syncFrom(state, stream, config.startDate, config.lookbackSeconds);
  if (child === undefined) return own;
  const childs = syncFrom(state, child, config.startDate, config.lookbackSeconds);
  return Date.parse(childs) < Date.parse(own) ? childs : own;
}

function selectStreams(catalog: Catalog | undefined): readonly Selected[] {
  if (catalog === undefined) return STREAM_NAMES.map((name) => ({ spec: STREAMS[name] }));
  const byName = new Map<string, CatalogEntry>();
  for (const entry of catalog.streams) {
    if (!(STREAM_NAMES as readonly string[]).includes(entry.tap_stream_id)) {
      throw new InputError(`the catalog names stream ${entry.tap_stream_id}, which tap-kustomer does not have (it has ${STREAM_NAMES.join(', ')}); run --discover for a current catalog`);
    }
    byName.set(entry.tap_stream_id, entry);
  }
  return STREAM_NAMES.flatMap((name) => {
    const entry = byName.get(name);
    return entry !== undefined && isStreamSelected(entry) ? [{ spec: STREAMS[name], entry }] : [];
  });
}

/** A flat singer-io bookmark (`"<stream>": "<iso>"`) is written back in the SDK form even when no page moves it. */
function normaliseBookmarks(state: State, specs: readonly StreamSpec[]): State {
  let out = state;
  for (const spec of specs) {
    const value = replicationValue(state, spec.name);
    if (spec.replicationKey !== null && value !== undefined && state.bookmarks[spec.name]?.replication_key === undefined) {
      out = withBookmark(out, spec.name, spec.replicationKey, value);
    }
  }
  return out;
}

function warnBeyondHorizon(specs: readonly StreamSpec[], state: State, config: TapConfig, nowMs: number, logger: Logger): void {
  const horizon = searchHorizon(nowMs);
  const early = specs.filter((spec) => spec.endpoint.kind === 'search' && Date.parse(syncFrom(state, spec.name, config.startDate, config.lookbackSeconds)) < horizon.getTime());
  if (early.length === 0) return;
  logger.warning(`start_date ${config.startDate} is older than Kustomer search reaches: search only finds records updated in the last 2 years, from ${horizon.toISOString()}; ${early.map((s) => s.name).join(', ')} will have nothing older (the archive search is not supported)`);
}
