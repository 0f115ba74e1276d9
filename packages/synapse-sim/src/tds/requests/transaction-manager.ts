// TRANSACTION_MANAGER (0x0E), MS-TDS 2.2.6.9: ALL_HEADERS, RequestType u16, then a request payload.
// tedious sends begin (isolation level u8, name B_VARCHAR), commit and rollback (name B_VARCHAR, flags u8).
import { readBVarchar, readU16LE, readU8, TdsProtocolError } from '../primitives.js';
import { decodeAllHeaders, type AllHeaders } from './all-headers.js';

/** RequestType values, MS-TDS 2.2.6.9. */
export const TmRequestType = {
  TM_GET_DTC_ADDRESS: 0,
  TM_PROPAGATE_XACT: 1,
  TM_BEGIN_XACT: 5,
  TM_PROMOTE_XACT: 6,
  TM_COMMIT_XACT: 7,
  TM_ROLLBACK_XACT: 8,
  TM_SAVE_XACT: 9,
} as const;

export type TransactionRequest =
  | { readonly kind: 'begin'; readonly headers: AllHeaders; readonly isolationLevel: number; readonly name: string }
  | { readonly kind: 'commit' | 'rollback'; readonly headers: AllHeaders; readonly name: string }
  | { readonly kind: 'unsupported'; readonly headers: AllHeaders; readonly requestType: number };

export function decodeTransactionManager(payload: Buffer): TransactionRequest {
  const headers = decodeAllHeaders(payload, 0);
  const requestType = readU16LE(payload, headers.offset, 'TM request type');
  switch (requestType.value) {
    case TmRequestType.TM_BEGIN_XACT: {
      const isolation = readU8(payload, requestType.offset, 'TM isolation level');
      const name = readBVarchar(payload, isolation.offset, 'TM transaction name');
      return { kind: 'begin', headers: headers.value, isolationLevel: isolation.value, name: name.value };
    }
    case TmRequestType.TM_COMMIT_XACT:
    case TmRequestType.TM_ROLLBACK_XACT: {
      const kind = requestType.value === TmRequestType.TM_COMMIT_XACT ? 'commit' : 'rollback';
      const name = requestType.offset < payload.length ? readBVarchar(payload, requestType.offset, 'TM name').value : '';
      return { kind, headers: headers.value, name };
    }
    default:
      if (requestType.value > TmRequestType.TM_SAVE_XACT) {
        throw new TdsProtocolError(`TRANSACTION_MANAGER request type ${requestType.value}`);
      }
      return { kind: 'unsupported', headers: headers.value, requestType: requestType.value };
  }
}
