// What a logged-in request does: decode its payload, hand it to the session, encode the reply tokens.
// ConnectionDropFault passes through untouched; the connection destroys the socket for it.
import { SqlServerError, type SqlParameter, type SqlRequest, type SqlSession } from '../contract.js';
import { genericError, missingArgument, procedureNotFound } from '../errors.js';
import { PacketType } from './packet.js';
import { decodeRpc, ProcId, type RpcProcedure } from './requests/rpc.js';
import { decodeSqlBatch } from './requests/sql-batch.js';
import { decodeTransactionManager, type TransactionRequest } from './requests/transaction-manager.js';
import { encodeFailure, encodeOutcomes } from './response.js';
import { CurrentCommand, DONE_TOKEN, DoneStatus, encodeDone } from './tokens/done.js';
import { encodeTransactionChange } from './tokens/envchange.js';
import type { TransactionDescriptors } from './transaction-descriptors.js';


export type RequestPacketType = typeof PacketType.SQL_BATCH | typeof PacketType.RPC | typeof PacketType.TRANSACTION_MANAGER;

export function isRequestType(type: number): type is RequestPacketType {
  return type === PacketType.SQL_BATCH || type === PacketType.RPC || type === PacketType.TRANSACTION_MANAGER;
}

function procedureName(procedure: RpcProcedure): string {
  if ('name' in procedure) return procedure.name;
  const known = Object.entries(ProcId).find(([, id]) => id === procedure.id);
  return known === undefined ? `procedure id ${procedure.id}` : known[0].toLowerCase();
}

function isExecuteSql(procedure: RpcProcedure): boolean {
  if ('id' in procedure) return procedure.id === ProcId.SP_EXECUTESQL;
  return /^(\[?sys\]?\.)?\[?sp_executesql\]?$/i.test(procedure.name);
}

/** sp_executesql's arguments: @statement, then @params (the declaration) when there are inputs, then the inputs. */
function executeSqlRequest(parameters: readonly SqlParameter[]): SqlRequest {
  const [statement, , ...inputs] = parameters;
  if (statement === undefined || typeof statement.value !== 'string') {
    throw missingArgument('sp_executesql', '@statement');
  }
  return { kind: 'rpc', text: statement.value, parameters: inputs };
}

async function runTransactionRequest(
  request: TransactionRequest, session: SqlSession, transactions: TransactionDescriptors,
): Promise<Buffer> {
  const done = encodeDone(DONE_TOKEN, { status: DoneStatus.FINAL, currentCommand: CurrentCommand.NONE });
  switch (request.kind) {
    case 'begin':
      await session.beginTransaction();
      return Buffer.concat([encodeTransactionChange('begin', transactions.begin()), done]);
    case 'commit':
      await session.commit();
      return Buffer.concat([encodeTransactionChange('commit', transactions.end()), done]);
    case 'rollback':
      await session.rollback();
      return Buffer.concat([encodeTransactionChange('rollback', transactions.end()), done]);
    case 'unsupported':
      throw genericError(`TRANSACTION_MANAGER request ${request.requestType} is not supported.`);
  }
}

/** Runs one request message; SQL errors become ERROR tokens, a ConnectionDropFault is rethrown. */
export async function runRequest(
  type: RequestPacketType, payload: Buffer, session: SqlSession, transactions: TransactionDescriptors, signal: AbortSignal,
): Promise<Buffer> {
  const shape = type === PacketType.RPC ? 'rpc' : 'batch';
  try {
    switch (type) {
      case PacketType.SQL_BATCH: {
        const batch = decodeSqlBatch(payload);
        return encodeOutcomes(await session.run({ kind: 'batch', text: batch.text }, signal), 'batch', transactions);
      }
      case PacketType.RPC: {
        const rpc = decodeRpc(payload);
        if (!isExecuteSql(rpc.procedure)) {
          const name = procedureName(rpc.procedure);
          throw procedureNotFound(name);
        }
        const request = executeSqlRequest(rpc.parameters);
        return encodeOutcomes(await session.run(request, signal), 'rpc', transactions);
      }
      case PacketType.TRANSACTION_MANAGER:
        return await runTransactionRequest(decodeTransactionManager(payload), session, transactions);
    }
  } catch (error) {
    if (error instanceof SqlServerError) return encodeFailure(error, shape);
    throw error;
  }
}
