// Turns the engine's statement outcomes into the token stream SQL Server sends back (research/synapse.md 3.3):
// a batch answers each statement with DONE (MORE on all but the last); an RPC answers each with DONEINPROC,
// then RETURNSTATUS and DONEPROC.
import type { StatementOutcome } from '../contract.js';
import { SqlServerError } from '../contract.js';
import { SERVER_NAME } from './server-identity.js';
import { encodeColMetadata } from './tokens/colmetadata.js';
import {
  CurrentCommand, DONE_TOKEN, DONEINPROC_TOKEN, DONEPROC_TOKEN, DoneStatus, encodeDone, type Done,
} from './tokens/done.js';
import { EnvChangeType, encodeTextChange, encodeTransactionChange } from './tokens/envchange.js';
import { encodeError, encodeInfo } from './tokens/error.js';
import { encodeReturnStatus } from './tokens/returnstatus.js';
import { encodeRow } from './tokens/row.js';
import type { TransactionDescriptors } from './transaction-descriptors.js';

export type ResponseShape = 'batch' | 'rpc';
/** sp_executesql returns 0 when its statement ran, as SQL Server's RETURNSTATUS shows. */
const RETURN_STATUS_OK = 0;
/** "Changed database context to '%.*ls'." sys.messages 5701, informational. */
const CHANGED_DATABASE_CONTEXT = 5701;

export function encodeSqlError(error: SqlServerError, beforeTds72 = false): Buffer {
  return encodeError(
    { number: error.number, state: error.state, severity: error.severity, message: error.message, serverName: SERVER_NAME },
    beforeTds72,
  );
}

/** Tokens for one outcome, and the DONE that closes it (status without MORE; the caller adds it). */
function encodeOutcome(outcome: StatementOutcome, transactions: TransactionDescriptors): { tokens: Buffer[]; done: Done } {
  switch (outcome.kind) {
    case 'rows': {
      const tokens = outcome.columns.length === 0 ? [] : [encodeColMetadata(outcome.columns)];
      for (const row of outcome.rows) tokens.push(encodeRow(outcome.columns, row));
      return { tokens, done: { status: DoneStatus.COUNT, currentCommand: CurrentCommand.SELECT, rowCount: outcome.rows.length } };
    }
    case 'done':
      return {
        tokens: [],
        done: outcome.rowCount === undefined ? { status: DoneStatus.FINAL } : { status: DoneStatus.COUNT, rowCount: outcome.rowCount },
      };
    case 'transaction': {
      const descriptor = outcome.change === 'begin' ? transactions.begin() : transactions.end();
      return { tokens: [encodeTransactionChange(outcome.change, descriptor)], done: { status: DoneStatus.FINAL } };
    }
    case 'database':
      // SQL Server answers USE with ENVCHANGE 1 (new and old name) and INFO 5701 (MS-TDS 2.2.7.9; sys.messages 5701).
      return {
        tokens: [
          encodeTextChange(EnvChangeType.DATABASE, outcome.name, outcome.name),
          encodeInfo({ number: CHANGED_DATABASE_CONTEXT, state: 1, severity: 0, message: `Changed database context to '${outcome.name}'.`, serverName: SERVER_NAME }),
        ],
        done: { status: DoneStatus.FINAL },
      };
    case 'error':
      return { tokens: [encodeSqlError(outcome.error)], done: { status: DoneStatus.ERROR } };
  }
}

export function encodeOutcomes(
  outcomes: readonly StatementOutcome[], shape: ResponseShape, transactions: TransactionDescriptors,
): Buffer {
  const parts: Buffer[] = [];
  const failed = outcomes.some((outcome) => outcome.kind === 'error');
  outcomes.forEach((outcome, index) => {
    const { tokens, done } = encodeOutcome(outcome, transactions);
    const last = index === outcomes.length - 1;
    const more = shape === 'rpc' || !last ? DoneStatus.MORE : 0;
    // One push per token: spreading a result of a few hundred thousand rows overflows the call stack.
    for (const token of tokens) parts.push(token);
    parts.push(encodeDone(shape === 'rpc' ? DONEINPROC_TOKEN : DONE_TOKEN, { ...done, status: done.status | more }));
  });
  if (shape === 'rpc') {
    parts.push(
      encodeReturnStatus(RETURN_STATUS_OK),
      encodeDone(DONEPROC_TOKEN, { status: failed ? DoneStatus.ERROR : DoneStatus.FINAL }),
    );
  } else if (outcomes.length === 0) {
    parts.push(encodeDone(DONE_TOKEN, { status: DoneStatus.FINAL }));
  }
  return Buffer.concat(parts);
}

/** A request that failed as a whole: ERROR, then the closing DONE with its ERROR bit. */
export function encodeFailure(error: SqlServerError, shape: ResponseShape): Buffer {
  if (shape === 'rpc') {
    return Buffer.concat([
      encodeSqlError(error),
      encodeDone(DONEPROC_TOKEN, { status: DoneStatus.ERROR }),
    ]);
  }
  return Buffer.concat([encodeSqlError(error), encodeDone(DONE_TOKEN, { status: DoneStatus.ERROR })]);
}

export function encodeAttentionAck(): Buffer {
  return encodeDone(DONE_TOKEN, { status: DoneStatus.ATTN });
}

export function encodeEmptyDone(): Buffer {
  return encodeDone(DONE_TOKEN, { status: DoneStatus.FINAL });
}
