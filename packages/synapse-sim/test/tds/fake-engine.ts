// An in-memory SqlEngine that answers a handful of fixed statement shapes, records what reached it,
// and can be told to fail; it stands in for the DuckDB engine in the protocol tests.
import {
  ConnectionDropFault, SqlServerError,
  type SqlEngine, type SqlRequest, type SqlSession, type SessionOptions, type StatementOutcome, type ColumnMeta, type SqlValue,
} from '../../src/contract.js';

export interface Received {
  readonly session: number;
  readonly request: SqlRequest;
}

export type TransactionCall = 'begin' | 'commit' | 'rollback';

export class FakeEngine implements SqlEngine {
  readonly received: Received[] = [];
  readonly transactionCalls: { readonly session: number; readonly call: TransactionCall }[] = [];
  readonly opened: SessionOptions[] = [];
  readonly closedSessions: number[] = [];
  /** Signals seen by WAITFOR requests, to check that attention aborted them. */
  readonly waits: AbortSignal[] = [];
  /** When set, the TRANSACTION_MANAGER call of that kind rejects with this error. */
  transactionError: SqlServerError | undefined;

  async openSession(options: SessionOptions): Promise<SqlSession> {
    this.opened.push(options);
    return new FakeSession(this, this.opened.length);
  }

  async close(): Promise<void> {}

  /** Requests other than the client's own housekeeping (its SET batch and pool validation). */
  userRequests(): readonly Received[] {
    return this.received.filter(({ request }) => !/^(set ansi_nulls|SELECT 1;?$)/i.test(request.text.trim()));
  }
}

const intColumn = (name: string): ColumnMeta => ({ name, type: { name: 'int' }, nullable: false });

class FakeSession implements SqlSession {
  inTransaction = false;
  private readonly rows: string[] = [];

  constructor(private readonly engine: FakeEngine, private readonly id: number) {}

  async run(request: SqlRequest, signal: AbortSignal): Promise<readonly StatementOutcome[]> {
    this.engine.received.push({ session: this.id, request });
    const outcomes: StatementOutcome[] = [];
    for (const statement of request.text.split(';').map((part) => part.trim()).filter((part) => part !== '')) {
      const outcome = await this.statement(statement, request, signal);
      outcomes.push(outcome);
      if (outcome.kind === 'error') break;
    }
    return outcomes;
  }

  private async statement(text: string, request: SqlRequest, signal: AbortSignal): Promise<StatementOutcome> {
    const echo = /^SELECT (@\w+) AS (\w+)$/i.exec(text);
    if (echo !== null && request.kind === 'rpc') {
      const parameter = request.parameters.find((p) => p.name === echo[1]);
      if (parameter === undefined) return { kind: 'error', error: new SqlServerError(137, `Must declare the scalar variable "${echo[1]}".`, 15, 2) };
      return { kind: 'rows', columns: [{ name: echo[2] ?? 'v', type: parameter.type, nullable: true }], rows: [[parameter.value]] };
    }
    const thrown = /^THROW (\d+), '([^']*)', (\d+)$/i.exec(text);
    if (thrown !== null) {
      return { kind: 'error', error: new SqlServerError(Number(thrown[1]), thrown[2] ?? '', 16, Number(thrown[3])) };
    }
    const many = /^ROWS (\d+) WIDTH (\d+)$/i.exec(text);
    if (many !== null) {
      const columns: ColumnMeta[] = [intColumn('n'), { name: 's', type: { name: 'nvarchar', length: 'max' }, nullable: true }];
      const rows: SqlValue[][] = [];
      for (let n = 0; n < Number(many[1]); n += 1) rows.push([n, `${n}:`.padEnd(Number(many[2]), 'x')]);
      return { kind: 'rows', columns, rows };
    }
    if (/^BEGIN TRAN(SACTION)?$/i.test(text)) {
      this.inTransaction = true;
      return { kind: 'transaction', change: 'begin' };
    }
    if (/^(COMMIT|ROLLBACK)( TRAN(SACTION)?)?$/i.test(text)) {
      const change = text.toUpperCase().startsWith('COMMIT') ? 'commit' : 'rollback';
      this.inTransaction = false;
      return { kind: 'transaction', change };
    }
    if (/^INSERT ROW '([^']*)'$/i.test(text)) {
      this.rows.push(text.slice(12, -1));
      return { kind: 'done', rowCount: 1 };
    }
    if (/^SELECT ROWS$/i.test(text)) {
      return { kind: 'rows', columns: [{ name: 'r', type: { name: 'nvarchar', length: 100 }, nullable: false }], rows: this.rows.map((r) => [r]) };
    }
    if (/^SELECT SESSION$/i.test(text)) return { kind: 'rows', columns: [intColumn('session')], rows: [[this.id]] };
    if (/^SELECT TRANCOUNT$/i.test(text)) return { kind: 'rows', columns: [intColumn('n')], rows: [[this.inTransaction ? 1 : 0]] };
    if (/^WAITFOR$/i.test(text)) {
      this.engine.waits.push(signal);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 10_000);
        signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
      });
      return { kind: 'error', error: new SqlServerError(3617, 'Query was canceled by user.', 25) };
    }
    if (/^DROP CONNECTION$/i.test(text)) throw new ConnectionDropFault('at statement 1');
    if (/^SELECT 1$/i.test(text)) return { kind: 'rows', columns: [intColumn('')], rows: [[1]] };
    return { kind: 'done' };
  }

  async beginTransaction(): Promise<void> { this.call('begin'); this.inTransaction = true; }
  async commit(): Promise<void> { this.call('commit'); this.inTransaction = false; }
  async rollback(): Promise<void> { this.call('rollback'); this.inTransaction = false; }

  async close(): Promise<void> {
    this.engine.closedSessions.push(this.id);
  }

  private call(call: TransactionCall): void {
    this.engine.transactionCalls.push({ session: this.id, call });
    const error = this.engine.transactionError;
    if (error !== undefined) throw error;
  }
}
