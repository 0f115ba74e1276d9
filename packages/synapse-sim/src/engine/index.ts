export { createDuckdbEngine, type DuckdbEngineOptions } from './engine.js';
export type { CopyIntoFn } from './session.js';
export { splitBatch, type SplitStatement } from './splitter.js';
export { translateStatement, SHAPES } from './shapes/index.js';
