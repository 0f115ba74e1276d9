// Control shapes: transactions as text, SET options (ignored), IF <condition> <statement>, EXEC('<sql>'), COPY INTO.
import { genericError, parseError, useOtherDatabase } from '../../errors.js';
import { isPunct, isWord, type Token } from '../lexer.js';
import { RewriteAcc, rewriteTokens } from '../rewrite.js';
import { joinSql } from '../render.js';
import { startsWith, type Shape } from './shape.js';

const TRAN_WORDS = ['TRAN', 'TRANSACTION', 'WORK'];

const beginTran: Shape = {
  name: 'BEGIN TRANSACTION',
  matches: (sig) => startsWith(sig, 'BEGIN') && isWord(sig[1], 'TRAN', 'TRANSACTION'),
  translate: ({ sig }) => {
    // Synapse: "No named transactions" (develop-transactions doc, Limitations).
    if (sig.length > 2) throw genericError('Named transactions are not supported in Azure Synapse Analytics.');
    return { kind: 'transaction', change: 'begin' };
  },
};

const commitTran: Shape = {
  name: 'COMMIT',
  matches: (sig) => startsWith(sig, 'COMMIT') && sig.length <= 2 && (sig.length === 1 || isWord(sig[1], ...TRAN_WORDS)),
  translate: () => ({ kind: 'transaction', change: 'commit' }),
};

const rollbackTran: Shape = {
  name: 'ROLLBACK',
  matches: (sig) => startsWith(sig, 'ROLLBACK') && sig.length <= 2 && (sig.length === 1 || isWord(sig[1], ...TRAN_WORDS)),
  translate: () => ({ kind: 'transaction', change: 'rollback' }),
};

/** The session options tedious sends after login (research/synapse.md 3.3) and others of the same form. */
const setOption: Shape = {
  name: 'SET option',
  matches: (sig) => startsWith(sig, 'SET') && sig[1]?.kind === 'word',
  translate: () => ({ kind: 'ignored' }),
};

const STATEMENT_START = ['DROP', 'CREATE', 'EXEC', 'EXECUTE', 'ROLLBACK', 'COMMIT', 'BEGIN', 'INSERT', 'UPDATE', 'DELETE', 'SELECT', 'PRINT', 'TRUNCATE', 'ALTER', 'RENAME'];

function execBody(sig: readonly Token[], from: number): string | undefined {
  if (!isWord(sig[from], 'EXEC', 'EXECUTE')) return undefined;
  const inner = isPunct(sig[from + 1], '(') ? sig.slice(from + 2, sig.length - 1) : sig.slice(from + 1);
  if (inner.length !== 1 || inner[0]?.kind !== 'string') throw genericError('synapse-sim supports EXEC only with one literal string.');
  return inner[0].value;
}

const ifStatement: Shape = {
  name: 'IF',
  matches: (sig) => startsWith(sig, 'IF'),
  translate: ({ sig }, ctx) => {
    let depth = 0;
    let bodyAt = -1;
    for (let i = 1; i < sig.length; i++) {
      if (isPunct(sig[i], '(')) depth++;
      else if (isPunct(sig[i], ')')) depth--;
      else if (depth === 0 && isWord(sig[i], ...STATEMENT_START)) { bodyAt = i; break; }
    }
    if (bodyAt < 2) throw parseError('IF');
    const acc = new RewriteAcc();
    const condition = joinSql(['SELECT', 'CASE', 'WHEN', ...rewriteTokens(sig.slice(1, bodyAt), ctx, acc), 'THEN', 'true', 'ELSE', 'false', 'END']);
    const body = execBody(sig, bodyAt) ?? sig.slice(bodyAt).map((t) => t.text).join(' ');
    return { kind: 'if', condition: { kind: 'duckdb', sql: condition, returns: 'rows', sources: [], binds: acc.binds }, body };
  },
};

const execString: Shape = {
  name: 'EXEC string',
  matches: (sig) => startsWith(sig, 'EXEC') || startsWith(sig, 'EXECUTE'),
  translate: ({ sig }) => {
    const body = execBody(sig, 0);
    if (body === undefined) throw parseError('EXEC');
    return { kind: 'if', body };
  },
};

const copyInto: Shape = {
  name: 'COPY INTO',
  matches: (sig) => startsWith(sig, 'COPY', 'INTO'),
  translate: ({ text }) => ({ kind: 'copy', text }),
};

/** `USE db`: pymssql/FreeTDS send `USE [db]` after login. Only the current database is valid (40508 otherwise). */
const useDatabase: Shape = {
  name: 'USE',
  matches: (sig) => startsWith(sig, 'USE'),
  translate: ({ sig }, ctx) => {
    const db = sig[1];
    if (db === undefined || (db.kind !== 'word' && db.kind !== 'ident') || sig.length > 2) throw parseError(sig[2]?.text ?? sig[1]?.text ?? 'USE');
    if (db.value.toLowerCase() !== ctx.database.toLowerCase()) throw useOtherDatabase();
    return { kind: 'database', name: ctx.database };
  },
};

export const CONTROL_SHAPES: readonly Shape[] = [beginTran, commitTran, rollbackTran, setOption, ifStatement, execString, copyInto, useDatabase];
