// Pure decisions about where a sync starts and in what order streams run (STYLE 5: state is pure).
import { InputError, replicationValue, type State } from '@kustomer-synapse/singer';
import type { StreamSpec } from '../streams.js';

/** research/kustomer.md 2.5: search covers objects whose updatedAt is within the last 2 years (calendar years, as kustomer-sim models it). */
export const SEARCH_HORIZON_YEARS = 2;

/** The oldest instant search reaches at `nowMs`. */
export function searchHorizon(nowMs: number): Date {
  const horizon = new Date(nowMs);
  horizon.setUTCFullYear(horizon.getUTCFullYear() - SEARCH_HORIZON_YEARS);
  return horizon;
}

/**
 * The `gte` of a stream's first query: max(start_date, bookmark - lookback_seconds). A bookmark that does not
 * parse as a timestamp is a user error (it would silently restart from start_date).
 */
export function syncFrom(state: State, stream: string, startDate: string, lookbackSeconds: number): string {
  const bookmark = replicationValue(state, stream);
  const start = Date.parse(startDate);
  if (bookmark === undefined) return new Date(start).toISOString();
  const at = typeof bookmark === 'string' ? Date.parse(bookmark) : Number.NaN;
  if (Number.isNaN(at)) throw new InputError(`the state's bookmark of stream ${stream} (${String(bookmark)}) is not a timestamp; fix or remove it in the --state file`);
  return new Date(Math.max(start, at - lookbackSeconds * 1000)).toISOString();
}

/**
 * Streams in table order, except that an interrupted run's `currently_syncing` stream goes first (singer-python's
 * resume rule). A child stream is not moved: it reads the parents synced in this run, so it runs after them.
 */
export function streamOrder(selected: readonly StreamSpec[], currentlySyncing: string | null | undefined): readonly StreamSpec[] {
  const resumed = selected.find((spec) => spec.name === currentlySyncing);
  if (resumed === undefined || resumed.endpoint.kind === 'child') return selected;
  return [resumed, ...selected.filter((spec) => spec !== resumed)];
}
