// Blob bytes -> one normalized temp file: download, gunzip, UTF-16 -> UTF-8, CSV normalize, all streamed
// (a 1 GB blob never sits in memory).
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { TextDecoder } from 'node:util';
import type { BlobContainer } from './blob-container.js';
import { CsvNormalizer, type CsvLayout } from './csv-normalizer.js';
import type { CopyOptions } from './statement.js';

/** "The COPY command will autodetect the compression type based on the file extension ... .gz - GZIP" (copy-into-transact-sql). */
const GZIP_EXTENSION = /\.gz$/;

export interface StagedFiles {
  readonly rows: number;
  readonly maxRecordBytes: number;
}

export async function stageFiles(
  container: BlobContainer, names: readonly string[], options: CopyOptions, layout: CsvLayout, outPath: string,
): Promise<StagedFiles> {
  const out = createWriteStream(outPath);
  let rows = 0;
  let maxRecordBytes = 0;
  try {
    for (const [index, name] of names.entries()) {
      const normalizer = new CsvNormalizer(layout, index + 1, name);
      const gzip = options.compression === 'GZIP' || (options.compression === undefined && GZIP_EXTENSION.test(name));
      let source: AsyncIterable<Buffer> = Readable.from(await container.open(name), { objectMode: false }) as AsyncIterable<Buffer>;
      if (gzip) source = Readable.from(source).pipe(createGunzip());
      if (options.encoding === 'UTF16') source = utf16ToUtf8(source);
      for await (const chunk of source) await write(out, normalizer.push(chunk));
      await write(out, normalizer.end());
      rows += normalizer.rows;
      maxRecordBytes = Math.max(maxRecordBytes, normalizer.maxRecordBytes);
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  return { rows, maxRecordBytes };
}

async function write(out: WriteStream, bytes: Buffer): Promise<void> {
  if (bytes.length > 0 && !out.write(bytes)) await once(out, 'drain');
}

/** ENCODING = 'UTF16': little-endian unless a big-endian byte-order mark says otherwise; the BOM is dropped. */
async function* utf16ToUtf8(source: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
  let decoder: TextDecoder | undefined;
  for await (const chunk of source) {
    decoder ??= new TextDecoder(chunk[0] === 0xfe && chunk[1] === 0xff ? 'utf-16be' : 'utf-16le');
    yield Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8');
  }
  if (decoder !== undefined) yield Buffer.from(decoder.decode(), 'utf8');
}
