/**
 * Injected failures (STYLE 13): by seeded probability or by script. A script rule names which requests fail
 * ("the 3rd POST /v1/customers/search returns 502"); scripts win over the probability.
 */
import { sequence } from '../random.js';

export const FAULT_KINDS = ['429', '500', '502', '503', 'reset', 'slow', 'truncate'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultRule {
  /** HTTP method to match; default any. */
  readonly method?: string;
  /** Path to match exactly, or a prefix when it ends with `*`; default any. */
  readonly path?: string;
  /** Fail only the nth matching request (1-based). */
  readonly nth?: number;
  /** Without `nth`: fail the first `times` matching requests (default: all of them). */
  readonly times?: number;
  readonly fault: FaultKind;
}

export interface FaultOptions {
  /** Probability in [0, 1] that a request fails with one of `kinds`. */
  readonly probability?: number;
  /** Kinds drawn from when a request fails by probability; default all. */
  readonly kinds?: readonly FaultKind[];
  /** Seed of the probability draws; default the data seed. */
  readonly seed?: number;
  readonly script?: readonly FaultRule[];
  /** Delay of a `slow` fault, in ms; default 30 s. */
  readonly slowMs?: number;
}

const matches = (rule: FaultRule, method: string, path: string): boolean =>
  (rule.method === undefined || rule.method === '*' || rule.method.toUpperCase() === method) &&
  (rule.path === undefined ||
    rule.path === '*' ||
    (rule.path.endsWith('*') ? path.startsWith(rule.path.slice(0, -1)) : rule.path === path));

export class FaultInjector {
  readonly #rules: readonly FaultRule[];
  readonly #seen: number[];
  readonly #probability: number;
  readonly #kinds: readonly FaultKind[];
  readonly #random: () => number;

  constructor(options: FaultOptions, defaultSeed: number) {
    this.#rules = options.script ?? [];
    this.#seen = this.#rules.map(() => 0);
    this.#probability = options.probability ?? 0;
    this.#kinds = options.kinds !== undefined && options.kinds.length > 0 ? options.kinds : FAULT_KINDS;
    this.#random = sequence(options.seed ?? defaultSeed);
  }

  decide(method: string, path: string): FaultKind | undefined {
    let chosen: FaultKind | undefined;
    this.#rules.forEach((rule, i) => {
      if (!matches(rule, method, path)) return;
      const count = (this.#seen[i] ?? 0) + 1;
      this.#seen[i] = count;
      const hit = rule.nth !== undefined ? count === rule.nth : count <= (rule.times ?? Infinity);
      if (hit) chosen ??= rule.fault;
    });
    if (chosen !== undefined || this.#probability <= 0) return chosen;
    if (this.#random() >= this.#probability) return undefined;
    return this.#kinds[Math.floor(this.#random() * this.#kinds.length)];
  }
}

/**
 * The CLI's script format: rules separated by `;` or new lines, each `METHOD PATH WHEN FAULT` where METHOD and
 * PATH may be `*`, PATH may end in `*`, and WHEN is `#N` (the Nth match), `xN` (the first N) or `*` (every one).
 * Example: `POST /v1/customers/search #3 502; GET /v1/users x2 reset`.
 */
export function parseFaultScript(text: string): readonly FaultRule[] {
  return text
    .split(/[;\n]/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('//'))
    .map((line) => {
      const [method, path, when, fault, ...rest] = line.split(/\s+/);
      if (method === undefined || path === undefined || when === undefined || fault === undefined || rest.length > 0) {
        throw new SyntaxError(`fault rule "${line}": expected METHOD PATH WHEN FAULT`);
      }
      if (!(FAULT_KINDS as readonly string[]).includes(fault)) throw new SyntaxError(`fault rule "${line}": unknown fault ${fault}`);
      const base = { method, path, fault: fault as FaultKind };
      if (when === '*') return base;
      const n = /^([#x])(\d+)$/.exec(when);
      if (n === null) throw new SyntaxError(`fault rule "${line}": WHEN must be #N, xN or *`);
      return n[1] === '#' ? { ...base, nth: Number(n[2]) } : { ...base, times: Number(n[2]) };
    });
}
