// What handing records to a worker thread would cost target-synapse (issue 10: "CSV encoding uses both cores ...
// where that is faster. Measure it"). Per RECORD line of the target-throughput input, on this thread:
// JSON.parse (the target parses every line on the main thread: routing, key checks, state order need it), the
// structured clone postMessage makes of a parsed record (sender and receiver side). Set them beside the target's own
// encoding cost per record (staged-only time minus this parse time, or a --cpu-prof of it). Prints microseconds per
// record, never pass/fail.
// Usage (after `npm run build`): node bench/target-handoff.mjs [records]   (default 50,000, generated in memory)
import { serialize, deserialize } from 'node:v8';
import { parseJson } from '@kustomer-synapse/singer';
import { inputLines, STREAM } from './target-throughput/records.js';

const count = Number(process.argv[2] ?? 50_000);
const lines = [...inputLines(count)].filter((line) => line.startsWith('{"type":"RECORD"'));
const perRecord = (name: string, work: (line: string) => number): number => {
  let sink = 0;
  const started = performance.now();
  for (let round = 0; round < 3; round += 1) for (const line of lines) sink += work(line);
  const us = ((performance.now() - started) * 1000) / (3 * lines.length);
  console.log(`${name.padEnd(52)} ${us.toFixed(1).padStart(6)} us/record (${sink} results)`);
  return us;
};
const sample: unknown = JSON.parse(lines[0] ?? '{}');
const clone = serialize(sample);
const parse = perRecord('parse (exact-json, as the target reads)', (line) => (parseJson(line) === null ? 0 : 1));
const send = perRecord('parse + structured clone (postMessage, sender side)', (line) => serialize(parseJson(line)).length);
const receive = perRecord('structured clone, receiver side', () => (deserialize(clone) === null ? 0 : 1));
console.log(`records: ${lines.length.toLocaleString('en-US')} RECORD lines of stream ${STREAM} (bench/target-throughput/records.ts)`);
console.log(`a worker given parsed records costs the main thread ${(send - parse).toFixed(1)} us more per record, and itself ${receive.toFixed(1)} us before it encodes`);
