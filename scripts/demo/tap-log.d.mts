export type TapEvent =
  | { readonly kind: 'records'; readonly stream: string; readonly count: number }
  | { readonly kind: 'done'; readonly stream: string; readonly seconds: number };

export function parseTapLine(line: string): TapEvent | undefined;

export class TapTally {
  readonly records: Map<string, number>;
  readonly seconds: Map<string, number>;
  current: string | undefined;
  /** Whether the line changed the tally. */
  add(line: string): boolean;
  total(): number;
}
