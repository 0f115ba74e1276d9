// COPY INTO emulation: what the engine calls for every statement starting with COPY INTO.
export { executeCopyInto } from './loader.js';
export { isCopyInto, parseCopyInto } from './parser.js';
export type { CopyColumn, CopyCredential, CopyIntoStatement, CopyOptions, DateFormat } from './statement.js';
