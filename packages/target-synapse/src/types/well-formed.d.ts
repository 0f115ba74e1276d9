// String.prototype.isWellFormed is in Node 20 (V8 11.3) but in TypeScript's lib only from ES2024.
interface String {
  isWellFormed(): boolean;
}
