// RPC (0x03), MS-TDS 2.2.6.6: ALL_HEADERS, then a procedure (name, or 0xFFFF and a well-known id),
// option flags u16, and parameters: name B_VARCHAR, status u8, TYPE_INFO, value.
import type { SqlParameter } from '../../contract.js';
import { readBVarchar, readU16LE, readU8, readUcs2, TdsProtocolError, type Decoded } from '../primitives.js';
import { readTypeInfo, readValue } from '../types/type-info.js';
import { decodeAllHeaders, type AllHeaders } from './all-headers.js';

/** NameLenProcID 0xFFFF announces a ProcID, MS-TDS 2.2.6.6. */
const PROC_ID_FOLLOWS = 0xffff;
/** Well-known procedure ids, MS-TDS 2.2.6.6. */
export const ProcId = {
  SP_CURSOR: 1,
  SP_EXECUTESQL: 10,
  SP_PREPARE: 11,
  SP_EXECUTE: 12,
  SP_PREPEXEC: 13,
  SP_UNPREPARE: 15,
} as const;
/** StatusFlags bit fByRefValue: an output parameter, MS-TDS 2.2.6.6. */
const STATUS_BY_REF = 0x01;
/** Batch separators between RPCs in one message (BatchFlag, NoExecFlag), MS-TDS 2.2.6.6. */
const BATCH_SEPARATORS: readonly number[] = [0x80, 0xfe, 0xff];

export type RpcProcedure = { readonly id: number } | { readonly name: string };

export interface RpcRequest {
  readonly headers: AllHeaders;
  readonly procedure: RpcProcedure;
  readonly optionFlags: number;
  readonly parameters: readonly SqlParameter[];
}

function readParameter(payload: Buffer, offset: number): Decoded<SqlParameter> {
  const name = readBVarchar(payload, offset, 'RPC parameter name');
  const status = readU8(payload, name.offset, 'RPC parameter status');
  const type = readTypeInfo(payload, status.offset);
  const value = readValue(type.value, payload, type.offset);
  const parameter: SqlParameter = {
    name: name.value,
    type: type.value,
    value: value.value,
    output: (status.value & STATUS_BY_REF) !== 0,
  };
  return { value: parameter, offset: value.offset };
}

export function decodeRpc(payload: Buffer): RpcRequest {
  const headers = decodeAllHeaders(payload, 0);
  const nameLength = readU16LE(payload, headers.offset, 'RPC procedure');
  let procedure: RpcProcedure;
  let offset: number;
  if (nameLength.value === PROC_ID_FOLLOWS) {
    const id = readU16LE(payload, nameLength.offset, 'RPC procedure id');
    procedure = { id: id.value };
    offset = id.offset;
  } else {
    const name = readUcs2(payload, nameLength.offset, nameLength.value, 'RPC procedure name');
    procedure = { name: name.value };
    offset = name.offset;
  }
  const optionFlags = readU16LE(payload, offset, 'RPC option flags');
  offset = optionFlags.offset;
  const parameters: SqlParameter[] = [];
  while (offset < payload.length) {
    if (BATCH_SEPARATORS.includes(payload.readUInt8(offset))) {
      throw new TdsProtocolError('several RPCs in one message are not supported');
    }
    const parameter = readParameter(payload, offset);
    parameters.push(parameter.value);
    offset = parameter.offset;
  }
  return { headers: headers.value, procedure, optionFlags: optionFlags.value, parameters };
}
