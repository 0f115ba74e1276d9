// The one pair of functions for local part file names (STYLE.md 8): `<table>.<sequence>.<part>.csv.gz`.
// Table names are conformed to [a-z0-9_] (plan/naming.ts), so `.` cannot occur inside one.

export interface PartFile {
  readonly table: string;
  /** The batch's sequence (1-based). */
  readonly sequence: number;
  /** 1-based part within the table's files of the batch. */
  readonly part: number;
}

const PART_FILE = /^([a-z0-9_]+)\.(\d+)\.(\d+)\.csv\.gz$/;

export function formatPartFile(file: PartFile): string {
  if (!/^[a-z0-9_]+$/.test(file.table)) throw new TypeError(`not a conformed table name: ${JSON.stringify(file.table)}`);
  if (!Number.isSafeInteger(file.sequence) || file.sequence < 0) throw new TypeError(`bad batch sequence ${file.sequence}`);
  if (!Number.isSafeInteger(file.part) || file.part < 1) throw new TypeError(`bad part number ${file.part}`);
  return `${file.table}.${file.sequence}.${String(file.part).padStart(4, '0')}.csv.gz`;
}

export function parsePartFile(name: string): PartFile | undefined {
  const match = PART_FILE.exec(name);
  if (!match) return undefined;
  return { table: match[1] ?? '', sequence: Number(match[2]), part: Number(match[3]) };
}
