// Shared test helpers for plan/: options with a logger that records lines, and SCHEMA messages.
import { Logger, type JsonSchema, type SchemaMessage } from '@kustomer-synapse/singer';
import type { PlanOptions } from '../../src/plan/options.js';
import type { LiveTable, TableChange } from '../../src/plan/types.js';

export interface Logged {
  readonly options: PlanOptions;
  readonly lines: string[];
}

export function planOptions(overrides: Partial<PlanOptions> = {}): Logged {
  const lines: string[] = [];
  const log = new Logger('test', 'debug', { write: (line: string) => lines.push(line) });
  return {
    lines,
    options: {
      schema: 'dbo', nesting: 'subtables', addRecordMetadata: false, stringMaxLength: 10_000_000,
      tableIndex: 'auto', tableDistribution: 'auto', log, ...overrides,
    },
  };
}

export function schemaMessage(stream: string, properties: Record<string, JsonSchema>, keys: readonly string[] = []): SchemaMessage {
  return { type: 'SCHEMA', stream, schema: { type: 'object', properties }, key_properties: keys };
}

/** What the database holds after a loader ran `changes` (a stand-in for Loader.apply then Loader.describe). */
export function applyChanges(live: Map<string, LiveTable>, changes: readonly TableChange[]): void {
  for (const change of changes) {
    if (change.kind === 'create-table') {
      const table = change.table;
      live.set(table.name.toLowerCase(), { schema: table.schema, name: table.name, columns: table.columns.map((c) => ({ name: c.name, type: c.type, nullable: c.nullable })), index: table.index, distribution: table.distribution });
      continue;
    }
    const table = live.get(change.table.toLowerCase());
    if (table === undefined) throw new Error(`${change.kind} on a missing table ${change.table}`);
    if (change.kind === 'rebuild-as-heap') live.set(change.table.toLowerCase(), { ...table, index: 'heap' });
    if (change.kind === 'add-column') {
      if (table.columns.some((c) => c.name.toLowerCase() === change.column.name.toLowerCase())) throw new Error(`column ${change.column.name} exists`);
      if (table.index === 'cci' && change.column.type.kind === 'nvarchar' && change.column.type.length === 'max') throw new Error('35343: MAX in a columnstore');
      live.set(change.table.toLowerCase(), { ...table, columns: [...table.columns, { name: change.column.name, type: change.column.type, nullable: change.column.nullable }] });
    }
    if (change.kind === 'alter-column') {
      if (table.index === 'cci' && change.column.type.kind === 'nvarchar' && change.column.type.length === 'max') throw new Error('35343: MAX in a columnstore');
      live.set(change.table.toLowerCase(), { ...table, columns: table.columns.map((c) => (c.name.toLowerCase() === change.column.name.toLowerCase() ? { name: c.name, type: change.column.type, nullable: change.column.nullable } : c)) });
    }
  }
}
