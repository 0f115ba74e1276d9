// Reads a file of lines in chunks (of about CHUNK_LINES lines), as a target reads stdin.
import { createReadStream } from 'node:fs';

export async function* lineChunks(path: string, chunkLines = 2_000): AsyncGenerator<string[]> {
  let rest = '';
  let chunk: string[] = [];
  for await (const data of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 }) as AsyncIterable<string>) {
    const parts = (rest + data).split('\n');
    rest = parts.pop() ?? '';
    for (const line of parts) {
      chunk.push(line);
      if (chunk.length === chunkLines) {
        yield chunk;
        chunk = [];
      }
    }
  }
  if (rest !== '') chunk.push(rest);
  if (chunk.length > 0) yield chunk;
}
