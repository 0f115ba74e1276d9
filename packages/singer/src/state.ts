// Tap state: read in the Meltano SDK form or the flat singer-io form, written in the SDK form
// (research/singer.md 1.10; DESIGN.md section 4). Every function here is pure.
import { compareBookmarks } from './bookmark-order.js';
import { InputError } from './errors.js';
import { ExactNumber } from './exact-json.js';
import { isObject } from './messages.js';

/** A timestamp string, a number, or an integer too large for a double kept as its exact text. */
export type BookmarkValue = string | number | ExactNumber;

export interface Bookmark {
  readonly replication_key?: string;
  readonly replication_key_value?: BookmarkValue;
  readonly [key: string]: unknown;
}

export interface State {
  readonly bookmarks: { readonly [stream: string]: Bookmark };
  readonly currently_syncing?: string | null;
  readonly [key: string]: unknown;
}

export { compareBookmarks };

export const EMPTY_STATE: State = { bookmarks: {} };

/**
 * Reads a state value. Accepts the SDK form `{"bookmarks": {"s": {"replication_key": ..., "replication_key_value": ...}}}`
 * and the flat singer-io form `{"bookmarks": {"s": "2019-06-11T13:37:51Z"}}`, which becomes the SDK form.
 */
export function parseState(value: unknown, source: string): State {
  if (value === null || value === undefined) return EMPTY_STATE;
  if (!isObject(value)) throw new InputError(`${source} is not a Singer state: expected a JSON object`);
  if (Object.keys(value).length === 0) return EMPTY_STATE;
  const rawBookmarks = value.bookmarks ?? {};
  if (!isObject(rawBookmarks)) throw new InputError(`${source}: "bookmarks" must be an object of stream names`);
  const bookmarks: Record<string, Bookmark> = {};
  for (const [stream, raw] of Object.entries(rawBookmarks)) {
    // An ExactNumber (an integer above 2^53) is an object in JS but a scalar bookmark in the file.
    if (typeof raw === 'string' || typeof raw === 'number' || raw instanceof ExactNumber) {
      bookmarks[stream] = { replication_key_value: raw };
    } else if (isObject(raw)) {
      bookmarks[stream] = raw;
    } else {
      throw new InputError(`${source}: the bookmark of stream "${stream}" must be an object or a timestamp string`);
    }
  }
  return { ...value, bookmarks };
}

/** The whole bookmark of a stream (replication key, value, partitions...), if the state holds one. */
export function bookmarkOf(state: State, stream: string): Bookmark | undefined {
  return state.bookmarks[stream];
}

/** The stored replication value of a stream, if any; `progress_markers` (an unfinished SDK run) are not trusted. */
export function replicationValue(state: State, stream: string): BookmarkValue | undefined {
  return state.bookmarks[stream]?.replication_key_value;
}

/** A new state with the stream's bookmark set; other streams are untouched. */
export function withBookmark(state: State, stream: string, replicationKey: string, value: BookmarkValue): State {
  const previous = state.bookmarks[stream] ?? {};
  const { progress_markers: _dropped, ...kept } = previous;
  return {
    ...state,
    bookmarks: { ...state.bookmarks, [stream]: { ...kept, replication_key: replicationKey, replication_key_value: value } },
  };
}

/** Like withBookmark, but never moves a bookmark backwards in the order of compareBookmarks. */
export function advanceBookmark(state: State, stream: string, replicationKey: string, value: BookmarkValue): State {
  const current = replicationValue(state, stream);
  if (current !== undefined && compareBookmarks(value, current) <= 0) return state;
  return withBookmark(state, stream, replicationKey, value);
}

/** A new state naming the stream in progress (singer-python's set_currently_syncing); null once none is. */
export function withCurrentlySyncing(state: State, stream: string | null): State {
  return { ...state, currently_syncing: stream };
}
