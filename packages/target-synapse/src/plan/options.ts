// What the flow tells plan/ (config keys of DESIGN.md section 4).
import type { JsonSchema, Logger } from '@kustomer-synapse/singer';

export interface PlanOptions {
  /** `default_target_schema`: the database schema of every table. */
  readonly schema: string;
  readonly nesting: 'subtables' | 'json';
  readonly addRecordMetadata: boolean;
  /** `string_max_length`: the longest string, in UTF-16 code units, a column may grow to hold. */
  readonly stringMaxLength: number;
  readonly tableIndex: 'auto' | 'heap' | 'cci';
  readonly tableDistribution: 'auto' | 'hash' | 'round_robin' | 'replicate';
  readonly log: Logger;
  /**
   * Optional, for the whole run: lower-cased table name -> the stream that uses it. When given, planStream
   * refuses a stream whose root or child table another stream already uses (Synapse names are case-insensitive,
   * so `a-b`, `A_B` and `a_b` would share one table), and records its own.
   */
  readonly tableOwners?: Map<string, string>;
}

export type { JsonSchema };
