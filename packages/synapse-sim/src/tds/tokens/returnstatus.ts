// RETURNSTATUS (0x79), MS-TDS 2.2.7.18: the stored procedure's return value, i32.
import { i32LE } from '../primitives.js';

export const RETURNSTATUS_TOKEN = 0x79;

export function encodeReturnStatus(value: number): Buffer {
  return Buffer.concat([Buffer.from([RETURNSTATUS_TOKEN]), i32LE(value)]);
}
