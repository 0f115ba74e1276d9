// Kustomer's fixed 60 s windows rebuilt from a request log, as kustomer-sim counts them (src/http/rate-limit.ts,
// research/kustomer.md 2.7): a window opens at the start of the second of the first request after the previous
// window closed, and lasts 60 s; a refused request (429) spends nothing.

const WINDOW_MS = 60_000;

export interface LoggedRequest {
  readonly atMs: number;
  readonly refused: boolean;
}

export interface Window {
  readonly startMs: number;
  /** Requests the window counted (not the refused ones). */
  readonly requests: number;
  readonly refused: number;
  readonly percentUsed: number;
  /** False for the last window when the log ends before it closes. */
  readonly whole: boolean;
}

export function serverWindows(requests: readonly LoggedRequest[], limit: number): Window[] {
  const sorted = [...requests].sort((a, b) => a.atMs - b.atMs);
  const windows: { startMs: number; requests: number; refused: number }[] = [];
  for (const request of sorted) {
    let current = windows.at(-1);
    if (current === undefined || request.atMs >= current.startMs + WINDOW_MS) {
      current = { startMs: Math.floor(request.atMs / 1000) * 1000, requests: 0, refused: 0 };
      windows.push(current);
    }
    if (request.refused) current.refused++;
    else current.requests++;
  }
  const lastMs = sorted.at(-1)?.atMs ?? 0;
  return windows.map((w) => ({ ...w, percentUsed: Math.round((w.requests * 1000) / limit) / 10, whole: w.startMs + WINDOW_MS <= lastMs }));
}
