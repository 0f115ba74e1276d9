// One SQL session on its own DuckDB connection: splits batches, translates each statement, runs it, and keeps
// Synapse's transaction rules (no nesting, no DDL inside, doom after an error until ROLLBACK).
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  ConnectionDropFault, SqlServerError, type BlobStoreSettings, type CopyIntoHost, type SessionOptions, type SqlParameter,
  type SqlRequest, type SqlSession, type StatementOutcome, type TsqlType,
} from '../contract.js';
import { emptyCatalog, type CatalogState } from './catalog.js';
import { makeCopyHost } from './copy-host.js';
import { mapDuckdbError } from './duckdb-errors.js';
import { genericError, noCorrespondingTransaction, notAllowedInTransaction, parseErrorAt, transactionDoomed } from '../errors.js';
import { completeCtas, runPlan } from './execute.js';
import type { FaultInjector } from './faults.js';
import { duckIdent, isWord, LexError, significant, statementHead, type Token } from './lexer.js';
import type { Catalogs, Plan } from './plan.js';
import { findShape, translateStatement } from './shapes/index.js';
import { splitBatch, type SplitStatement } from './splitter.js';

export type CopyIntoFn = (statementText: string, host: CopyIntoHost, blobStore: BlobStoreSettings) => Promise<number>;

/** What a session shares with its engine. */
export interface EngineShared {
  readonly catalog: { state: CatalogState };
  /** Stores the shared catalog after DDL changed it (catalog-store.ts). */
  readonly persistCatalog: (conn: DuckDBConnection, state: CatalogState) => Promise<void>;
  readonly faults: FaultInjector;
  readonly blobStore: BlobStoreSettings;
  readonly copyInto: CopyIntoFn | undefined;
  /** Statements that change the shared catalog, one at a time across sessions. */
  readonly catalogLock: CatalogLock;
}

/**
 * A dedicated SQL pool serializes DDL on schema locks: a second session's CREATE waits, it does not fail. DuckDB's
 * optimistic catalog and the one row the shadow catalog is stored in made concurrent DDL fail instead (1205 or
 * 50000), so catalog-changing statements queue here.
 */
export class CatalogLock {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

type TxState = 'none' | 'open' | 'doomed';

/** What a doomed transaction still accepts: ROLLBACK, or `IF @@TRANCOUNT > 0 ROLLBACK` (research/synapse.md 2.8). */
function endsDoom(sig: readonly Token[]): boolean {
  const shape = findShape({ text: '', sig, terminated: false })?.name;
  const last = sig.findLastIndex((t) => isWord(t, 'ROLLBACK'));
  return shape === 'ROLLBACK' || (shape === 'IF' && last > 0 && sig.length - last <= 2);
}

export class DuckdbSession implements SqlSession {
  private tx: TxState = 'none';
  private temps: CatalogState = emptyCatalog();
  private params: ReadonlyMap<string, SqlParameter> = new Map();
  private closed = false;

  constructor(private readonly conn: DuckDBConnection, private readonly shared: EngineShared,
    private readonly options: SessionOptions, private readonly sessionId: number) {}

  get inTransaction(): boolean {
    return this.tx !== 'none';
  }

  private get catalogs(): Catalogs {
    return { shared: this.shared.catalog.state, temps: this.temps };
  }

  private set catalogs(c: Catalogs) {
    this.shared.catalog.state = c.shared;
    this.temps = c.temps;
  }

  async run(request: SqlRequest, signal: AbortSignal): Promise<readonly StatementOutcome[]> {
    this.params = new Map(request.kind === 'rpc' ? request.parameters.map((p) => [p.name.toLowerCase(), p]) : []);
    const onAbort = (): void => this.conn.interrupt();
    signal.addEventListener('abort', onAbort);
    try {
      return await this.runText(request.text, signal);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  private async runText(text: string, signal: AbortSignal): Promise<StatementOutcome[]> {
    let statements: readonly SplitStatement[];
    try {
      statements = splitBatch(text);
    } catch (e) {
      const error = e instanceof LexError && e.offset !== undefined ? parseErrorAt(text, e.offset) : mapDuckdbError(e);
      return [{ kind: 'error', error }];
    }
    const outcomes: StatementOutcome[] = [];
    for (const s of statements) {
      if (signal.aborted) break;
      await this.waitLatency(s.text);
      const produced = await this.runStatement(s, signal);
      outcomes.push(...produced);
      if (produced.some((o) => o.kind === 'error')) break;
    }
    return outcomes;
  }

  private async runStatement(s: SplitStatement, signal: AbortSignal): Promise<StatementOutcome[]> {
    const faults = this.shared.faults.startStatement(s.text);
    const input = { text: s.text, sig: significant(s.tokens), terminated: s.terminated };
    try {
      if (faults.error !== undefined) throw faults.error;
      if (this.tx === 'doomed' && !endsDoom(input.sig)) throw transactionDoomed();
      const plan = translateStatement(input, this.context());
      const outcomes = await this.execute(plan, signal);
      if (faults.dropAfterRun) throw new ConnectionDropFault(`after statement ${statementHead(s.text)}`);
      return outcomes;
    } catch (e) {
      if (e instanceof ConnectionDropFault) throw e;
      const error = e instanceof SqlServerError ? e : mapDuckdbError(e, statementHead(s.text));
      await this.doom();
      return [{ kind: 'error', error }];
    }
  }

  /** The latency knob (FaultSettings.slowStatementMs); a session closed meanwhile (its client gone) runs nothing more. */
  private async waitLatency(text: string): Promise<void> {
    const ms = this.shared.faults.delayFor(text);
    if (ms <= 0) return;
    await new Promise((resolve) => setTimeout(resolve, ms));
    if (this.closed) throw new ConnectionDropFault('the session closed while a slowed statement waited');
  }

  private context(): Parameters<typeof translateStatement>[1] {
    const params = new Map<string, TsqlType>([...this.params].map(([k, p]) => [k, p.type]));
    // Synapse: "XACT_STATE() function reports a failed transaction using the value -2" (develop-transactions doc).
    const xactState = this.tx === 'none' ? 0 : this.tx === 'open' ? 1 : -2;
    return { catalogs: this.catalogs, params, trancount: this.tx === 'none' ? 0 : 1, database: this.options.database, sessionId: this.sessionId, xactState };
  }

  /** An error inside a transaction: Synapse rolls the work back and fails everything until ROLLBACK. */
  private async doom(): Promise<void> {
    if (this.tx !== 'open') return;
    this.tx = 'doomed';
    await this.conn.run('ROLLBACK').catch(() => undefined);
  }

  private async execute(plan: Plan, signal: AbortSignal): Promise<StatementOutcome[]> {
    switch (plan.kind) {
      case 'transaction':
        await this.transaction(plan.change);
        return [{ kind: 'transaction', change: plan.change }];
      case 'ignored':
        return [{ kind: 'done' }];
      case 'database':
        return [{ kind: 'database', name: plan.name }];
      case 'if': {
        if (plan.condition !== undefined && plan.condition.kind === 'duckdb') {
          const result = await runPlan(this.conn, plan.condition, this.params);
          if (result.kind !== 'rows' || result.rows[0]?.[0] !== true) return [{ kind: 'done' }];
        }
        return this.runText(plan.body, signal);
      }
      case 'copy':
        return [await this.copy(plan.text)];
      case 'duckdb': {
        if (plan.ddl !== undefined && this.tx !== 'none') throw notAllowedInTransaction(plan.ddl);
        for (const p of plan.preconditions ?? []) {
          const found = await runPlan(this.conn, { kind: 'duckdb', sql: p.sql, returns: 'rows', sources: [], binds: p.binds }, this.params);
          if (found.kind === 'rows' && found.rows.length > 0) throw p.error();
        }
        const execute = async (): Promise<StatementOutcome> => {
          const outcome = await runPlan(this.conn, plan, this.params);
          const before = this.shared.catalog.state;
          if (plan.effect !== undefined) this.catalogs = plan.effect(this.catalogs);
          if (plan.ctas !== undefined) this.catalogs = await completeCtas(this.conn, plan.ctas, plan.sources, this.catalogs);
          if (this.shared.catalog.state !== before) await this.shared.persistCatalog(this.conn, this.shared.catalog.state);
          return outcome;
        };
        // A CTAS into a #temp table changes only this session's catalog, and may run long: it does not queue.
        const changesShared = plan.ddl !== undefined && plan.ctas?.object.temp !== true;
        return [changesShared ? await this.shared.catalogLock.run(execute) : await execute()];
      }
    }
  }

  private async copy(text: string): Promise<StatementOutcome> {
    if (this.shared.copyInto === undefined) {
      throw genericError(`COPY INTO is not available in this synapse-sim build (no copyInto engine configured): ${statementHead(text)}`);
    }
    const ordinal = this.shared.faults.startCopy();
    const host = makeCopyHost(this.conn, () => this.catalogs, () => this.shared.faults.beforeCopyCommit(ordinal));
    const rows = await this.shared.copyInto(text, host, this.shared.blobStore);
    return { kind: 'done', rowCount: rows };
  }

  private async transaction(change: 'begin' | 'commit' | 'rollback'): Promise<void> {
    if (change === 'begin') {
      // Synapse: "No nested transactions permitted" (develop-transactions doc, Limitations).
      if (this.tx !== 'none') throw notAllowedInTransaction('BEGIN TRANSACTION');
      await this.conn.run('BEGIN TRANSACTION');
      this.tx = 'open';
    } else if (this.tx === 'none') {
      throw noCorrespondingTransaction();
    } else if (this.tx === 'doomed') {
      if (change === 'commit') throw transactionDoomed();
      this.tx = 'none';
    } else {
      this.tx = 'none';
      await this.conn.run(change === 'commit' ? 'COMMIT' : 'ROLLBACK');
    }
  }

  async beginTransaction(): Promise<void> {
    await this.transactionRequest('begin');
  }

  async commit(): Promise<void> {
    await this.transactionRequest('commit');
  }

  async rollback(): Promise<void> {
    await this.transactionRequest('rollback');
  }

  /** TRANSACTION_MANAGER requests behave as the textual statements (an assumption: research/synapse.md 4.2). */
  private async transactionRequest(change: 'begin' | 'commit' | 'rollback'): Promise<void> {
    await this.waitLatency(`${change.toUpperCase()} TRANSACTION`);
    // A TRANSACTION_MANAGER request is a statement to the fault knobs; a drop here propagates before anything runs.
    const faults = this.shared.faults.startStatement(`${change.toUpperCase()} TRANSACTION`);
    try {
      if (faults.error !== undefined) throw faults.error;
      await this.transaction(change);
      if (faults.dropAfterRun) throw new ConnectionDropFault(`after ${change.toUpperCase()} TRANSACTION`);
    } catch (e) {
      if (e instanceof ConnectionDropFault) throw e;
      const error = e instanceof SqlServerError ? e : mapDuckdbError(e);
      await this.doom();
      throw error;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.tx === 'open') await this.conn.run('ROLLBACK').catch(() => undefined);
    this.tx = 'none';
    for (const t of this.temps.tables.values()) {
      await this.conn.run(`DROP TABLE IF EXISTS temp.main.${duckIdent(t.name)}`).catch(() => undefined);
    }
    this.temps = emptyCatalog();
    this.conn.closeSync();
  }
}
