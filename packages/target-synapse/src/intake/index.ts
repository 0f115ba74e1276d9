// intake/: records -> rows -> gzip CSV part files. Never imports load/ at runtime (types only).
export { createBatchWriter, type BatchWriter, type BatchWriterOptions } from './batch-writer.js';
export { formatPartFile, parsePartFile, type PartFile } from './part-files.js';
export type { RecordMeta } from './rows.js';
