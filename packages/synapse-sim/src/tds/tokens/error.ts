// ERROR (0xAA), MS-TDS 2.2.7.10: length u16, number i32, state u8, class u8, message US_VARCHAR, server B_VARCHAR,
// procedure B_VARCHAR, line i32 (u16 before TDS 7.2). INFO (0xAB, MS-TDS 2.2.7.13) has the same layout.
import { bVarchar, i32LE, u16LE, usVarchar } from '../primitives.js';

export const ERROR_TOKEN = 0xaa;
export const INFO_TOKEN = 0xab;

export interface ServerMessage {
  readonly number: number;
  readonly state: number;
  /** Severity; 11 and above are errors, 10 and below informational. */
  readonly severity: number;
  readonly message: string;
  readonly serverName: string;
  readonly procedureName?: string;
  readonly lineNumber?: number;
}

function encode(token: number, message: ServerMessage, beforeTds72: boolean): Buffer {
  const body = Buffer.concat([
    i32LE(message.number),
    Buffer.from([message.state & 0xff, message.severity & 0xff]),
    usVarchar(message.message),
    bVarchar(message.serverName),
    bVarchar(message.procedureName ?? ''),
    beforeTds72 ? u16LE(message.lineNumber ?? 1) : i32LE(message.lineNumber ?? 1),
  ]);
  return Buffer.concat([Buffer.from([token]), u16LE(body.length), body]);
}

/** `beforeTds72`: the layout of clients older than TDS 7.2 (only a login refusal speaks to them). */
export const encodeError = (message: ServerMessage, beforeTds72 = false): Buffer => encode(ERROR_TOKEN, message, beforeTds72);
/** An informational message (severity 10 or below), such as 5701 after USE. */
export const encodeInfo = (message: ServerMessage): Buffer => encode(INFO_TOKEN, message, false);
