// What handing records to a worker thread would cost target-synapse (issue 10: "CSV encoding uses both cores ...
// where that is faster. Measure it"). Per RECORD line of the target-throughput input, on this thread:
// JSON.parse (the target parses every line on the main thread: routing, key checks, state order need it), the
// structured clone postMessage makes of a parsed record (sender and receiver side). Set them beside the target's own
// encoding cost per record (staged-only time minus this parse time, or a --cpu-prof of it). Prints microseconds per
// record, never pass/fail.
// Usage (after `npm run build` and one run of bench/target-throughput.mjs, which writes the input):
//   node bench/target-handoff.mjs [records file]
import { readFileSync } from 'node:fs';
import { serialize, deserialize } from 'node:v8';
import { parseJson } from '@kustomer-synapse/singer';

const path = process.argv[2] ?? new URL('../.bench/target-throughput/conversations-100000.jsonl', import.meta.url).pathname;
const all = readFileSync(path, 'utf8').split('\n');
const schema = JSON.parse(all[0]);
const lines = all.slice(1, 50_001).filter((line) => line.startsWith('{"type":"RECORD"'));
const perRecord = (name, work) => {
  let sink = 0;
  const started = performance.now();
  for (let round = 0; round < 3; round += 1) for (const line of lines) sink += work(line);
  const us = ((performance.now() - started) * 1000) / (3 * lines.length);
  console.log(`${name.padEnd(52)} ${us.toFixed(1).padStart(6)} us/record (${sink} results)`);
  return us;
};
const sample = JSON.parse(lines[0]);
const clone = serialize(sample);
const parse = perRecord('parse (exact-json, as the target reads)', (line) => (parseJson(line) === null ? 0 : 1));
const send = perRecord('parse + structured clone (postMessage, sender side)', (line) => serialize(parseJson(line)).length);
const receive = perRecord('structured clone, receiver side', () => (deserialize(clone) === null ? 0 : 1));
console.log(`records: ${lines.length.toLocaleString('en-US')} lines of ${path}; schema of stream ${schema.stream}`);
console.log(`a worker given parsed records costs the main thread ${(send - parse).toFixed(1)} us more per record, and itself ${receive.toFixed(1)} us before it encodes`);
