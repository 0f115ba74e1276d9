// Synthetic Kustomer-like conversation records for the target benchmarks: about 1.4 KB of JSON each, 40
// fields, nested (objects and arrays), deterministic by index so every run sends the same input.

const STATUSES = ['open', 'snoozed', 'done'];
const CHANNELS = ['email', 'chat', 'sms', 'voice'];
const WORDS = 'order refund shipping delay tracking invoice account password billing upgrade cancel return'.split(' ');

const text = (i, words) => Array.from({ length: words }, (_, k) => WORDS[(i * 7 + k * 3) % WORDS.length]).join(' ');
const iso = (i, offset) => new Date(1_700_000_000_000 + i * 1_000 + offset).toISOString();

const string = (maxLength) => ({ type: ['string', 'null'], maxLength });

export const conversationSchema = {
  type: 'SCHEMA', stream: 'conversations', key_properties: ['id'],
  schema: {
    type: 'object',
    properties: {
      id: { type: 'string', maxLength: 24 },
      name: string(200), status: string(20), priority: { type: ['integer', 'null'] }, direction: string(20),
      preview: string(1000), channels: { type: ['array', 'null'], items: string(20) },
      tags: { type: ['array', 'null'], items: string(40) },
      created_at: { type: ['string', 'null'], format: 'date-time' }, updated_at: { type: ['string', 'null'], format: 'date-time' },
      last_message_at: { type: ['string', 'null'], format: 'date-time' },
      message_count: { type: ['integer', 'null'] }, note_count: { type: ['integer', 'null'] },
      satisfaction: { type: ['number', 'null'] }, deleted: { type: ['boolean', 'null'] }, ended: { type: ['boolean', 'null'] },
      customer: { type: ['object', 'null'], properties: { id: string(24), name: string(100), email: string(100), locale: string(10) } },
      assigned: { type: ['object', 'null'], properties: { user: string(24), team: string(24), queue: string(24) } },
      custom: { type: ['object', 'null'], properties: Object.fromEntries(Array.from({ length: 14 }, (_, k) => [`field_${k}`, string(60)])) },
    },
  },
};

/** One RECORD line (with its newline) for conversation `i`. */
export function conversationLine(i) {
  const record = {
    id: `c${String(i).padStart(12, '0')}`,
    name: `Conversation ${i} about ${WORDS[i % WORDS.length]}`, status: STATUSES[i % 3], priority: i % 5, direction: i % 2 ? 'in' : 'out',
    preview: text(i, 60), channels: [CHANNELS[i % 4], CHANNELS[(i + 1) % 4]], tags: [WORDS[i % 12], WORDS[(i + 5) % 12], `t${i % 97}`],
    created_at: iso(i, 0), updated_at: iso(i, 60_000), last_message_at: iso(i, 30_000),
    message_count: i % 40, note_count: i % 7, satisfaction: (i % 10) / 2, deleted: false, ended: i % 3 === 2,
    customer: { id: `u${i % 50_000}`, name: `Customer ${i % 50_000}`, email: `c${i % 50_000}@example.com`, locale: 'en_US' },
    assigned: { user: `a${i % 300}`, team: `team${i % 20}`, queue: `q${i % 8}` },
    custom: Object.fromEntries(Array.from({ length: 14 }, (_, k) => [`field_${k}`, `${WORDS[(i + k) % 12]}-${(i * (k + 1)) % 1000}`])),
  };
  return `{"type":"RECORD","stream":"conversations","record":${JSON.stringify(record)}}\n`;
}
