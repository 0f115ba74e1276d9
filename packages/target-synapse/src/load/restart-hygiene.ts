// What a killed run leaves behind, and how the next run cleans it up (issue 10, "Restart hygiene").
// - Stages are `#` temp tables, scoped to their session: Synapse drops them when a killed run's connection
//   ends (research/synapse.md 1.12), so none outlives its run and none can be loaded twice.
// - Staged blobs sit in their run's folder, `target-synapse/<load id>/` (staged-file.ts). A run only ever
//   COPYs the names it uploaded itself, so another run's files are never loaded; they are only clutter.
//   Each run holds a lease on a marker blob in its folder while it lives. A folder whose marker is not leased
//   (its run ended or was killed: the lease lapses within 15 s), or that has no marker and has not changed for
//   an hour, belongs to no live run and is deleted. A live concurrent run's folder is left alone.
// - Ledger rows (_sdc_batch) of killed runs are deleted once older than a week, by the next run's close.
// - A rebuild as heap (CTAS t__sdc_rebuild, RENAME t to t__sdc_old, RENAME t__sdc_rebuild to t, DROP
//   t__sdc_old; sql.ts rebuildAsHeap) killed between two steps is finished or undone by the next describe.
import type { Logger } from '@kustomer-synapse/singer';
import type { LiveTable } from '../plan/types.js';
import type { BlobEntry, BlobStore } from './blob-store.js';
import * as sql from './sql.js';
import { STAGED_PREFIX, parseStagedEntry } from './staged-file.js';

/** A folder without a marker (a run older than the marker, or one killed between the two writes). */
const UNMARKED_FOLDER_AGE_MS = 60 * 60 * 1000;
/** How long a killed run's ledger rows are kept: a run longer than this is not expected. */
export const LEDGER_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/** Pure: the load ids of the run folders in `entries` that no live run holds, other than `ownLoadId`'s. */
export function abandonedRuns(entries: readonly BlobEntry[], ownLoadId: string, now: Date): ReadonlyMap<string, readonly string[]> {
  const folders = new Map<string, { names: string[]; leased: boolean; marked: boolean; newest: number }>();
  for (const entry of entries) {
    const parsed = parseStagedEntry(entry.name);
    if (parsed === undefined || parsed.loadId === ownLoadId) continue;
    const folder = folders.get(parsed.loadId) ?? { names: [], leased: false, marked: false, newest: 0 };
    folder.names.push(entry.name);
    folder.newest = Math.max(folder.newest, entry.lastModified.getTime());
    if (parsed.marker) {
      folder.marked = true;
      folder.leased ||= entry.leased;
    }
    folders.set(parsed.loadId, folder);
  }
  const abandoned = new Map<string, readonly string[]>();
  for (const [loadId, folder] of folders) {
    const live = folder.marked ? folder.leased : now.getTime() - folder.newest < UNMARKED_FOLDER_AGE_MS;
    if (!live) abandoned.set(loadId, folder.names);
  }
  return abandoned;
}

/** Deletes the staged files of runs that are gone; a failure is a warning, as it costs storage, not rows. */
export async function removeAbandonedFiles(blobs: BlobStore, ownLoadId: string, log: Logger, now: Date): Promise<void> {
  try {
    for (const [loadId, names] of abandonedRuns(await blobs.list(`${STAGED_PREFIX}/`), ownLoadId, now)) {
      await blobs.delete(names);
      log.info(`deleted ${names.length} staged file(s) left by run ${loadId}, which ended without cleaning up`);
    }
  } catch (error) {
    log.warning(`could not clean up staged files left by earlier runs: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export interface RebuildRepair {
  readonly why: string;
  readonly statements: readonly sql.Statement[];
}

/**
 * Pure: for each table, from which of t, t__sdc_rebuild and t__sdc_old exist, the DDL that leaves t alone:
 * the swap finished when the new heap was complete (t__sdc_rebuild exists once its CTAS committed), undone
 * otherwise. `live` is keyed by lower-cased name, as describeTables returns it.
 */
export function rebuildRepairs(schema: string, tables: readonly string[], live: ReadonlyMap<string, LiveTable>): readonly RebuildRepair[] {
  const repairs: RebuildRepair[] = [];
  for (const table of tables) {
    const { fresh, old } = sql.rebuildNames(table);
    const has = (name: string): boolean => live.has(name.toLowerCase());
    const q = (name: string): string => `${schema}.${name}`;
    const drop = (name: string): sql.Statement => sql.dropTable(schema, name);
    const rename = (from: string, to: string): sql.Statement => sql.renameTable(schema, from, to);
    if (!has(table) && has(old)) {
      repairs.push(has(fresh)
        ? { why: `${q(table)} was renamed away; ${q(fresh)} takes its name and ${q(old)} is dropped`, statements: [rename(fresh, table), drop(old)] }
        : { why: `${q(table)} was renamed away with no rebuilt copy; ${q(old)} gets its name back`, statements: [rename(old, table)] });
    } else if (has(table) && has(old)) {
      repairs.push({ why: `${q(table)} is the rebuilt heap; the old ${q(old)} is dropped`, statements: [drop(old), ...(has(fresh) ? [drop(fresh)] : [])] });
    } else if (has(table) && has(fresh)) {
      repairs.push({ why: `${q(fresh)} is a copy the swap never used; it is dropped`, statements: [drop(fresh)] });
    }
  }
  return repairs;
}
