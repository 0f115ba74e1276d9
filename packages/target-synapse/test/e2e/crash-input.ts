// The crash test's input, as a tap would send it, and what the tables must hold after it (pure, seeded).
// Two keyed streams with child tables: `users` (an object flattened to columns, an array of strings) and
// `orders` (an array of objects), keys repeated across and inside batches, a schema change in `orders` that
// adds a MAX column (so its columnstore table is rebuilt as a heap), and STATE lines whose bookmarks are the
// input position a tap resumes each stream from.
import { mulberry32 } from '@kustomer-synapse/synapse-sim';

export type Line = Readonly<Record<string, unknown>>;

export interface CrashInput {
  readonly lines: readonly Line[];
  /** The last STATE's value as the target prints it at the end. */
  readonly finalState: string;
}

const USERS_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: { type: ['string', 'null'], maxLength: 40 },
    score: { type: ['integer', 'null'] },
    address: { type: ['object', 'null'], properties: { city: { type: ['string', 'null'], maxLength: 20 }, zip: { type: ['string', 'null'], maxLength: 10 } } },
    tags: { type: ['array', 'null'], items: { type: 'string', maxLength: 20 } },
  },
};

const ITEMS = { type: ['array', 'null'], items: { type: 'object', properties: { sku: { type: 'string', maxLength: 20 }, qty: { type: 'integer' } } } };
const ORDERS_V1 = { type: 'object', properties: { id: { type: 'integer' }, user_id: { type: ['integer', 'null'] }, total: { type: ['integer', 'null'] }, items: ITEMS } };
/** maxLength above 4000 makes `note` NVARCHAR(MAX): the columnstore `orders` table is rebuilt as a heap. */
const ORDERS_V2 = { ...ORDERS_V1, properties: { ...ORDERS_V1.properties, note: { type: ['string', 'null'], maxLength: 6000 } } };

const schema = (stream: string, body: object): Line => ({ type: 'SCHEMA', stream, schema: body, key_properties: ['id'] });

/** mulberry32 (synapse-sim's, as its fault knobs use), so a kill point replays exactly. */
export const seeded = mulberry32;

export const STREAMS = ['users', 'orders'] as const;

export function crashInput(records: number, seed = 7): CrashInput {
  const random = seeded(seed);
  const pick = (n: number): number => Math.floor(random() * n);
  const lines: Line[] = [schema('users', USERS_SCHEMA), schema('orders', ORDERS_V1)];
  const changeAt = Math.floor(records / 2);
  for (let r = 0; r < records; r++) {
    const at = lines.length;
    if (r === changeAt) lines.push(schema('orders', ORDERS_V2));
    if (random() < 0.5) {
      const id = 1 + pick(25);
      lines.push({ type: 'RECORD', stream: 'users', record: {
        id, name: `user ${id} at ${at}`, score: random() < 0.2 ? null : pick(1000),
        address: random() < 0.2 ? null : { city: `city-${pick(9)}`, zip: `${10000 + pick(80000)}` },
        tags: Array.from({ length: pick(4) }, (_, i) => `t${at}-${i}`),
      } });
    } else {
      const id = 1 + pick(30);
      const record: Record<string, unknown> = {
        id, user_id: 1 + pick(25), total: pick(100_000),
        items: Array.from({ length: pick(4) }, (_, i) => ({ sku: `s${at}-${i}`, qty: 1 + pick(9) })),
      };
      if (r > changeAt && random() < 0.7) record.note = `note ${at} `.repeat(1 + pick(3)).trim();
      lines.push({ type: 'RECORD', stream: 'orders', record });
    }
    if (random() < 0.12) lines.push(stateAt(lines.length));
  }
  const last = stateAt(lines.length);
  lines.push(last);
  return { lines, finalState: JSON.stringify(last.value) };
}

function stateAt(position: number): Line {
  return { type: 'STATE', value: { bookmarks: Object.fromEntries(STREAMS.map((s) => [s, { position }])) } };
}

/** Each stream's resume position in a printed state; 0 (from the start) for a stream it does not name. */
export function positions(state: string | undefined): Readonly<Record<string, number>> {
  const bookmarks = state === undefined ? {} : (JSON.parse(state) as { bookmarks?: Record<string, { position?: number }> }).bookmarks ?? {};
  return Object.fromEntries(STREAMS.map((s) => [s, bookmarks[s]?.position ?? 0]));
}

/**
 * What a tap resends after a crash, from the last state the target printed: each stream's SCHEMA as of its
 * bookmark, then the input from the earliest bookmark on, without the records (and schemas) of a stream
 * before its own bookmark and without states older than the state it resumes from.
 */
export function resumeFrom(input: CrashInput, state: string | undefined): readonly Line[] {
  const from = positions(state);
  const start = Math.min(...Object.values(from));
  const newest = Math.max(...Object.values(from));
  const head = STREAMS.flatMap((s): Line[] => {
    const schema = input.lines.slice(0, from[s]).findLast((l) => l.type === 'SCHEMA' && l.stream === s);
    return schema === undefined ? [] : [schema];
  });
  const tail = input.lines.slice(start).filter((line, offset) => {
    const at = start + offset;
    if (line.type === 'STATE') return at >= newest;
    return at >= (from[String(line.stream)] ?? 0);
  });
  return [...head, ...tail];
}

export type Rows = Readonly<Record<string, readonly string[]>>;

/** The rows every table must hold after the whole input, each as `col=value|...` text, sorted. */
export function expectedRows(input: CrashInput): Rows {
  const last = new Map<string, Readonly<Record<string, unknown>>>();
  for (const line of input.lines) {
    if (line.type === 'RECORD') {
      const record = line.record as Readonly<Record<string, unknown>>;
      last.set(`${String(line.stream)}:${String(record.id)}`, { ...record, stream: line.stream });
    }
  }
  const tables: Record<string, string[]> = { users: [], users__tags: [], orders: [], orders__items: [] };
  for (const r of last.values()) {
    if (r.stream === 'users') {
      const address = r.address as { city?: string; zip?: string } | null;
      tables.users!.push(rowText({ id: r.id, name: r.name, score: r.score, address__city: address?.city, address__zip: address?.zip }));
      (r.tags as string[]).forEach((value, i) => tables.users__tags!.push(rowText({ _sdc_source_key_id: r.id, _sdc_level_0_id: i, value })));
    } else {
      tables.orders!.push(rowText({ id: r.id, user_id: r.user_id, total: r.total, note: r.note }));
      (r.items as { sku: string; qty: number }[]).forEach((item, i) => tables.orders__items!.push(rowText({ _sdc_source_key_id: r.id, _sdc_level_0_id: i, ...item })));
    }
  }
  return Object.fromEntries(Object.entries(tables).map(([t, rows]) => [t, rows.sort()]));
}

/** The columns each table is compared on (the `_sdc_` metadata columns differ between runs by design). */
export const COMPARED: Readonly<Record<string, readonly string[]>> = {
  users: ['id', 'name', 'score', 'address__city', 'address__zip'],
  users__tags: ['_sdc_source_key_id', '_sdc_level_0_id', 'value'],
  orders: ['id', 'user_id', 'total', 'note'],
  orders__items: ['_sdc_source_key_id', '_sdc_level_0_id', 'sku', 'qty'],
};

export function rowText(row: Readonly<Record<string, unknown>>): string {
  return Object.entries(row).map(([k, v]) => `${k}=${v === null || v === undefined ? 'NULL' : String(v)}`).join('|');
}
