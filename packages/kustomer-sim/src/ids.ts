/**
 * 24-hex Kustomer ObjectIds (research 2.3) that parse back to (kind, index): 8 hex of creation seconds, 2 hex
 * of kind code, 2 hex of seed, then the index (48 bits) through a seeded Feistel permutation so that ids look
 * random yet a `GET /v1/conversations/{id}/...` finds its record without any lookup table.
 */
import { hash4 } from './random.js';

const HALF_BITS = 24;
const HALF_MASK = 0xff_ffff;
const ROUNDS = 4;

function round(seed: number, kindCode: number, half: number, r: number): number {
  return hash4(seed, kindCode, half, r) & HALF_MASK;
}

function permute(index: number, seed: number, kindCode: number): number {
  let left = Math.floor(index / 2 ** HALF_BITS) & HALF_MASK;
  let right = index & HALF_MASK;
  for (let r = 0; r < ROUNDS; r++) {
    const next = (left ^ round(seed, kindCode, right, r)) & HALF_MASK;
    left = right;
    right = next;
  }
  return left * 2 ** HALF_BITS + right;
}

function unpermute(value: number, seed: number, kindCode: number): number {
  let left = Math.floor(value / 2 ** HALF_BITS) & HALF_MASK;
  let right = value & HALF_MASK;
  for (let r = ROUNDS - 1; r >= 0; r--) {
    const previous = (right ^ round(seed, kindCode, left, r)) & HALF_MASK;
    right = left;
    left = previous;
  }
  return left * 2 ** HALF_BITS + right;
}

const hex = (value: number, width: number): string => value.toString(16).padStart(width, '0');

export function formatId(seed: number, kindCode: number, index: number, createdAtMs: number): string {
  const seconds = Math.max(0, Math.floor(createdAtMs / 1000)) % 0x1_0000_0000;
  return hex(seconds, 8) + hex(kindCode, 2) + hex(seed & 0xff, 2) + hex(permute(index, seed, kindCode), 12);
}

export interface ParsedId {
  readonly kindCode: number;
  readonly index: number;
}

export function parseId(seed: number, id: string): ParsedId | undefined {
  if (!/^[0-9a-f]{24}$/.test(id)) return undefined;
  const kindCode = Number.parseInt(id.slice(8, 10), 16);
  if (Number.parseInt(id.slice(10, 12), 16) !== (seed & 0xff)) return undefined;
  return { kindCode, index: unpermute(Number.parseInt(id.slice(12), 16), seed, kindCode) };
}
