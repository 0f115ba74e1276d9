// Staged blob names: made by formatStagedFile, read by parseStagedFile, nowhere else (STYLE.md 8 and
// tap/target 7). The format refuses every input the parse could not read back, so a name always round-trips
// and a later run (issue 10's cleanup) can tell which load, table and batch a leftover blob belongs to.

/** Every staged blob lives under this folder of the container. */
export const STAGED_PREFIX = 'target-synapse';

export interface StagedFile {
  /** One per target run: `[A-Za-z0-9-]`, 1-64 characters. */
  readonly loadId: string;
  /** A conformed table name: `[A-Za-z0-9_]`, 1-128 characters (DESIGN.md 4). */
  readonly table: string;
  /** The batch's sequence, 1-based. */
  readonly sequence: number;
  /** The part within the batch and table, 0-based. */
  readonly part: number;
}

const LOAD_ID = /^[A-Za-z0-9-]{1,64}$/;
const TABLE = /^[A-Za-z0-9_]{1,128}$/;
const MAX_SEQUENCE = 999_999_999;
const MAX_PART = 99_999;
const NAME = /^target-synapse\/([A-Za-z0-9-]{1,64})\/([A-Za-z0-9_]{1,128})\/b(\d{9})-p(\d{5})\.csv\.gz$/;

export function formatStagedFile(file: StagedFile): string {
  if (!LOAD_ID.test(file.loadId)) throw new RangeError(`a load id is 1-64 of [A-Za-z0-9-], not ${JSON.stringify(file.loadId)}`);
  if (!TABLE.test(file.table)) throw new RangeError(`a staged table name is 1-128 of [A-Za-z0-9_], not ${JSON.stringify(file.table)}`);
  if (!Number.isSafeInteger(file.sequence) || file.sequence < 1 || file.sequence > MAX_SEQUENCE) {
    throw new RangeError(`a batch sequence is an integer from 1 to ${MAX_SEQUENCE}, not ${file.sequence}`);
  }
  if (!Number.isSafeInteger(file.part) || file.part < 0 || file.part > MAX_PART) {
    throw new RangeError(`a part is an integer from 0 to ${MAX_PART}, not ${file.part}`);
  }
  return `${STAGED_PREFIX}/${file.loadId}/${file.table}/b${String(file.sequence).padStart(9, '0')}-p${String(file.part).padStart(5, '0')}.csv.gz`;
}

/** The parts of a staged name, or undefined for a blob this target did not write. */
export function parseStagedFile(name: string): StagedFile | undefined {
  const match = NAME.exec(name);
  if (match === null) return undefined;
  const [, loadId, table, sequence, part] = match as unknown as [string, string, string, string, string];
  const parsed = { loadId, table, sequence: Number(sequence), part: Number(part) };
  return parsed.sequence >= 1 ? parsed : undefined;
}

/** The folder of one run's staged files (for listing leftovers). */
export function stagedFolder(loadId: string): string {
  if (!LOAD_ID.test(loadId)) throw new RangeError(`a load id is 1-64 of [A-Za-z0-9-], not ${JSON.stringify(loadId)}`);
  return `${STAGED_PREFIX}/${loadId}/`;
}

/** The blob a run holds a lease on while it lives, in its own folder (restart-hygiene.ts). */
const MARKER_FILE = 'run.lease';

export function formatRunMarker(loadId: string): string {
  return `${stagedFolder(loadId)}${MARKER_FILE}`;
}

/** Which run's folder a blob under STAGED_PREFIX sits in, and whether it is that run's marker. */
export function parseStagedEntry(name: string): { readonly loadId: string; readonly marker: boolean } | undefined {
  const match = /^target-synapse\/([A-Za-z0-9-]{1,64})\/(.+)$/.exec(name);
  if (match === null) return undefined;
  const [, loadId, rest] = match as unknown as [string, string, string];
  if (rest === MARKER_FILE) return { loadId, marker: true };
  return parseStagedFile(name) === undefined ? undefined : { loadId, marker: false };
}
