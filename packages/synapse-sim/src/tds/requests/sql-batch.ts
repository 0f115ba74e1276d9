// SQL_BATCH (0x01), MS-TDS 2.2.6.7: ALL_HEADERS, then the batch text in UCS-2 to the end of the message.
import { decodeAllHeaders, type AllHeaders } from './all-headers.js';

export interface SqlBatch {
  readonly headers: AllHeaders;
  readonly text: string;
}

export function decodeSqlBatch(payload: Buffer): SqlBatch {
  const headers = decodeAllHeaders(payload, 0);
  return { headers: headers.value, text: payload.toString('utf16le', headers.offset) };
}
