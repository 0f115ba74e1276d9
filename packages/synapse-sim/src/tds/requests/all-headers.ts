// ALL_HEADERS, MS-TDS 2.2.5.3: total length u32 (itself included), then headers (length u32, type u16, data).
// Required before SQL_BATCH, RPC and TRANSACTION_MANAGER payloads from TDS 7.2 on.
import { need, readU32LE, TdsProtocolError, type Decoded } from '../primitives.js';

/** Header types, MS-TDS 2.2.5.3. */
export const HeaderType = { QUERY_NOTIFICATIONS: 1, TRANSACTION_DESCRIPTOR: 2, TRACE_ACTIVITY: 3 } as const;
const TRANSACTION_DESCRIPTOR_LENGTH = 8;

export interface AllHeaders {
  /** The descriptor the client believes current (zeros outside a transaction). */
  readonly transactionDescriptor?: Buffer;
  readonly outstandingRequestCount?: number;
}

export function decodeAllHeaders(payload: Buffer, offset: number): Decoded<AllHeaders> {
  const total = readU32LE(payload, offset, 'ALL_HEADERS');
  const end = offset + total.value;
  if (total.value < 4 || end > payload.length) throw new TdsProtocolError(`ALL_HEADERS length ${total.value}`);
  let headers: AllHeaders = {};
  let at = total.offset;
  while (at < end) {
    need(payload, at, 6, 'ALL_HEADERS header');
    const length = payload.readUInt32LE(at);
    const type = payload.readUInt16LE(at + 4);
    if (length < 6 || at + length > end) throw new TdsProtocolError(`ALL_HEADERS header length ${length}`);
    if (type === HeaderType.TRANSACTION_DESCRIPTOR && length >= 6 + TRANSACTION_DESCRIPTOR_LENGTH + 4) {
      headers = {
        transactionDescriptor: Buffer.from(payload.subarray(at + 6, at + 6 + TRANSACTION_DESCRIPTOR_LENGTH)),
        outstandingRequestCount: payload.readUInt32LE(at + 6 + TRANSACTION_DESCRIPTOR_LENGTH),
      };
    }
    at += length;
  }
  return { value: headers, offset: end };
}
