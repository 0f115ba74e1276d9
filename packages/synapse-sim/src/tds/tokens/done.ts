// DONE (0xFD), DONEPROC (0xFE), DONEINPROC (0xFF), MS-TDS 2.2.7.6 / 2.2.7.7 / 2.2.7.8:
// status u16, current command u16, row count u64 (TDS 7.2+; u32 before).
import { u16LE, u32LE, u64LE } from '../primitives.js';

export const DONE_TOKEN = 0xfd;
export const DONEPROC_TOKEN = 0xfe;
export const DONEINPROC_TOKEN = 0xff;

/** DONE status bits, MS-TDS 2.2.7.6. */
export const DoneStatus = {
  FINAL: 0x0000,
  MORE: 0x0001,
  ERROR: 0x0002,
  INXACT: 0x0004,
  COUNT: 0x0010,
  ATTN: 0x0020,
  SRVERROR: 0x0100,
} as const;

/** CurCmd values SQL Server reports; clients only display them. https://learn.microsoft.com/openspecs MS-TDS 2.2.7.6 */
export const CurrentCommand = {
  NONE: 0x0000,
  SELECT: 0x00c1,
} as const;

export type DoneToken = typeof DONE_TOKEN | typeof DONEPROC_TOKEN | typeof DONEINPROC_TOKEN;

export interface Done {
  readonly status: number;
  readonly currentCommand?: number;
  readonly rowCount?: number;
}

/** `beforeTds72`: the 4-byte row count of clients older than TDS 7.2 (only a login refusal speaks to them). */
export function encodeDone(token: DoneToken, done: Done, beforeTds72 = false): Buffer {
  return Buffer.concat([
    Buffer.from([token]),
    u16LE(done.status),
    u16LE(done.currentCommand ?? CurrentCommand.NONE),
    beforeTds72 ? u32LE(done.rowCount ?? 0) : u64LE(BigInt(done.rowCount ?? 0)),
  ]);
}
