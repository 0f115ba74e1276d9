// The benchmark input (issue 10): synthetic Kustomer-like conversation records of about 1.4 KB, 40 leaf fields,
// nested objects and two arrays (so the target writes two child tables), deterministic for a given count.
// Singer lines: SCHEMA, the RECORDs, a STATE every 10,000 records; written once to a file, or streamed into a pipe.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { mulberry32 } from '@kustomer-synapse/synapse-sim';

export const STREAM = 'conversations';
const STATE_EVERY = 10_000;
const WORDS = ['order', 'refund', 'shipping', 'delay', 'thanks', 'account', 'password', 'invoice', 'return', 'label', 'help', 'urgent'];
const STATUSES = ['open', 'snoozed', 'done'];
const CHANNELS = ['email', 'chat', 'sms', 'voice'];

const str = { type: ['null', 'string'] };
const int = { type: ['null', 'integer'] };
const num = { type: ['null', 'number'] };
const bool = { type: ['null', 'boolean'] };
const at = { type: ['null', 'string'], format: 'date-time' };
const obj = (properties: Record<string, object>): object => ({ type: ['null', 'object'], properties });

export const SCHEMA = {
  type: 'SCHEMA', stream: STREAM, key_properties: ['id'], bookmark_properties: ['updated_at'],
  schema: {
    type: 'object',
    properties: {
      id: { type: 'string' }, external_id: str, name: str, status: str, priority: int, direction: str, preview: str,
      created_at: at, updated_at: at, modified_at: at, last_activity_at: at, first_done_at: at,
      message_count: int, note_count: int, outbound_message_count: int, satisfaction: num, spam: bool, ended: bool,
      customer: obj({ id: str, name: str, email: str, locale: str, vip: bool }),
      assigned_team: obj({ id: str, name: str }),
      first_response: obj({ sent_at: at, time_ms: int, business_time_ms: int, created_by: str }),
      last_message_in: obj({ sent_at: at, channel: str, id: str }),
      custom: obj({ order_number_str: str, amount_num: num, vip_bool: bool, reason_str: str, region_str: str, sku_str: str }),
      channels: { type: ['null', 'array'], items: { type: 'string' } },
      events: { type: ['null', 'array'], items: obj({ type: str, at, by: str }) },
    },
  },
};

const hex = (n: number, width = 24): string => n.toString(16).padStart(width, '0');
const iso = (ms: number): string => new Date(ms).toISOString();

export function conversation(i: number, next: () => number): Record<string, unknown> {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const words = (n: number): string => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const created = Date.UTC(2025, 0, 1) + i * 1_000;
  const updated = created + Math.floor(next() * 86_400_000);
  return {
    id: hex(i), external_id: `ext-${i}`, name: words(5), status: pick(STATUSES), priority: 1 + Math.floor(next() * 5),
    direction: next() < 0.7 ? 'in' : 'out', preview: words(20),
    created_at: iso(created), updated_at: iso(updated), modified_at: iso(updated), last_activity_at: iso(updated - 60_000),
    first_done_at: next() < 0.5 ? null : iso(updated - 30_000),
    message_count: Math.floor(next() * 30), note_count: Math.floor(next() * 5), outbound_message_count: Math.floor(next() * 15),
    satisfaction: Math.round(next() * 500) / 100, spam: next() < 0.02, ended: next() < 0.6,
    customer: { id: hex(i * 7 + 1), name: `Customer ${i}`, email: `customer${i}@example.com`, locale: 'en_US', vip: next() < 0.1 },
    assigned_team: { id: hex(i % 40, 24), name: `Team ${i % 40}` },
    first_response: { sent_at: iso(created + 120_000), time_ms: Math.floor(next() * 1e6), business_time_ms: Math.floor(next() * 1e6), created_by: hex(i % 300) },
    last_message_in: { sent_at: iso(updated - 120_000), channel: pick(CHANNELS), id: hex(i * 13 + 5) },
    custom: {
      order_number_str: `ORD-${100000 + i}`, amount_num: Math.round(next() * 100000) / 100, vip_bool: next() < 0.1,
      reason_str: words(2), region_str: pick(['us', 'eu', 'apac']), sku_str: `SKU-${Math.floor(next() * 9999)}`,
    },
    channels: [pick(CHANNELS), pick(CHANNELS)],
    events: [
      { type: 'created', at: iso(created), by: hex(i % 300) },
      { type: 'assigned', at: iso(created + 5_000), by: hex((i + 1) % 300) },
      { type: pick(['replied', 'noted', 'tagged']), at: iso(updated), by: hex((i + 2) % 300) },
    ],
  };
}

/** Singer lines for `count` records, one string each, ending with a final STATE. */
export function* inputLines(count: number): Generator<string> {
  const next = mulberry32(42); // seeded: every run and both sides read the same bytes
  yield JSON.stringify(SCHEMA);
  for (let i = 1; i <= count; i += 1) {
    const record = conversation(i, next);
    yield JSON.stringify({ type: 'RECORD', stream: STREAM, record });
    if (i % STATE_EVERY === 0 || i === count) {
      yield JSON.stringify({ type: 'STATE', value: { bookmarks: { [STREAM]: { replication_key: 'updated_at', replication_key_value: record['updated_at'] } } } });
    }
  }
}

/** The same lines joined into strings of about `bytes` characters each, newline-terminated: what a pipe is fed. */
export function* inputChunks(count: number, bytes = 1 << 20): Generator<string> {
  let chunk = '';
  for (const line of inputLines(count)) {
    chunk += `${line}\n`;
    if (chunk.length > bytes) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}

export async function writeInput(path: string, count: number): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  for (const chunk of inputChunks(count)) {
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return bytes;
}
