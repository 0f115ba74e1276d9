// The state gate (STYLE.md target pattern 2; research/singer.md 1.11). Pure: every function takes a gate and
// returns the next one with the line to print, if any, and does no I/O.
//
// Work is a batch (or an ACTIVATE_VERSION) of one stream, from its first record until it is committed. Each
// STATE waits on the work that was pending when it arrived:
// - When all of it has committed, the state is released whole and printed exactly as received.
// - Per-stream release, as pipelinewise does: when the state has the `bookmarks.<stream>` shape, the bookmark
//   of stream X advances in the printed state as soon as the work of X that the state waited on has
//   committed, together with the work of every stream that has no bookmark of its own in that state (such a
//   stream, a child stream say, is covered by some other stream's bookmark, and which one cannot be known).
//   The printed state is then the last state released whole, with each such bookmark replaced (or added)
//   from the latest state that allows it; its other keys are those of the state released whole.
// - Before any state is released whole, nothing is printed: the state of the previous run (which the tap
//   started from) stays the resume point, rather than a state missing the bookmarks of streams still
//   buffering, which would make a resumed tap start those streams over.
// - A line equal to the last line printed is not printed again.
import { isObject, stringifyJson } from '@kustomer-synapse/singer';

export type WorkId = number;

interface WaitingState {
  readonly value: unknown;
  /** Work pending when the state arrived and not committed yet, with its stream. */
  readonly waitsOn: ReadonlyMap<WorkId, string>;
  /** The state's `bookmarks` when it has the `bookmarks.<stream>` shape. */
  readonly bookmarks?: { readonly [stream: string]: unknown };
}

export interface StateGate {
  readonly pending: ReadonlyMap<WorkId, string>;
  /** In arrival order. */
  readonly waiting: readonly WaitingState[];
  /** The last state released whole. */
  readonly released?: { readonly value: unknown };
  readonly lastPrinted?: string;
}

export interface GateStep {
  readonly gate: StateGate;
  /** A state line to print, without its newline. */
  readonly print?: string;
}

export const EMPTY_GATE: StateGate = { pending: new Map(), waiting: [] };

/** A stream's batch received its first record (or an ACTIVATE_VERSION was queued): later states wait on it. */
export function workStarted(gate: StateGate, id: WorkId, stream: string): StateGate {
  if (gate.pending.has(id)) throw new Error(`state gate: work ${id} started twice`);
  return { ...gate, pending: new Map(gate.pending).set(id, stream) };
}

export function stateReceived(gate: StateGate, value: unknown): GateStep {
  const bookmarks = bookmarksOf(value);
  const waiting: WaitingState = { value, waitsOn: gate.pending, ...(bookmarks ? { bookmarks } : {}) };
  // A state that waits on exactly the work the previous one waits on (no batch started or committed in
  // between) is released with it, and supersedes it: only the latest is kept, so a tap that sends a state
  // per record keeps one waiting state per batch, not one per record.
  const last = gate.waiting.at(-1);
  const kept = last !== undefined && last.waitsOn === gate.pending ? gate.waiting.slice(0, -1) : gate.waiting;
  return settle({ ...gate, waiting: [...kept, waiting] });
}

/** The work committed: states waiting on it may be printed. */
export function workCommitted(gate: StateGate, id: WorkId): GateStep {
  if (!gate.pending.has(id)) throw new Error(`state gate: work ${id} committed but never started`);
  const pending = new Map(gate.pending);
  pending.delete(id);
  const waiting = gate.waiting.map((state) => {
    if (!state.waitsOn.has(id)) return state;
    const waitsOn = new Map(state.waitsOn);
    waitsOn.delete(id);
    return { ...state, waitsOn };
  });
  return settle({ ...gate, pending, waiting });
}

/** Whether every state received has been released whole (at the end of a run, after the last commit). */
export function allReleased(gate: StateGate): boolean {
  return gate.waiting.length === 0;
}

function settle(gate: StateGate): GateStep {
  let lastWhole = -1;
  gate.waiting.forEach((state, index) => {
    if (state.waitsOn.size === 0) lastWhole = index;
  });
  const released = lastWhole >= 0 ? { value: gate.waiting[lastWhole]!.value } : gate.released;
  const waiting = gate.waiting.slice(lastWhole + 1);
  const next: StateGate = { ...gate, waiting, ...(released ? { released } : {}) };
  if (released === undefined) return { gate: next };
  const text = stringifyJson(withReleasedBookmarks(released.value, waiting));
  if (text === gate.lastPrinted) return { gate: next };
  return { gate: { ...next, lastPrinted: text }, print: text };
}

/** The state released whole, with each bookmark that a later state may already advance. */
function withReleasedBookmarks(base: unknown, waiting: readonly WaitingState[]): unknown {
  const advanced: Record<string, unknown> = {};
  for (const state of waiting) {
    if (state.bookmarks === undefined) continue;
    for (const [stream, bookmark] of Object.entries(state.bookmarks)) {
      if (streamReleased(state, stream)) advanced[stream] = bookmark;
    }
  }
  if (Object.keys(advanced).length === 0) return base;
  const baseObject = isObject(base) ? base : {};
  const baseBookmarks = isObject(baseObject.bookmarks) ? baseObject.bookmarks : {};
  return { ...baseObject, bookmarks: { ...baseBookmarks, ...advanced } };
}

function streamReleased(state: WaitingState, stream: string): boolean {
  const own = state.bookmarks ?? {};
  for (const waitedStream of state.waitsOn.values()) {
    if (waitedStream === stream || !Object.hasOwn(own, waitedStream)) return false;
  }
  return true;
}

function bookmarksOf(value: unknown): { readonly [stream: string]: unknown } | undefined {
  if (!isObject(value) || !isObject(value.bookmarks)) return undefined;
  return value.bookmarks;
}
