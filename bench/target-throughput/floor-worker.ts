// A worker thread of the two-core floor: encodes each chunk of lines it is sent, answers with the gzip bytes.
import { parentPort } from 'node:worker_threads';
import { encodeLines } from './floor-work.js';

const port = parentPort!;
port.on('message', (lines: string[]) => port.postMessage(encodeLines(lines)));
