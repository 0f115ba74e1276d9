// External locations -> (container, pattern) on the configured Blob endpoint. Pure.
// Rules from learn.microsoft.com/sql/t-sql/statements/copy-into-transact-sql, "External locations(s)".
import { invalidOption } from '../errors.js';

/** https://<account>.blob.core.windows.net/... and the ADLS Gen2 .dfs form (copy-into-transact-sql). */
const AZURE_STORAGE_HOST = /^([a-z0-9]+)\.(?:blob|dfs)\.core\.windows\.net$/i;
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export interface BlobEndpoint {
  /** e.g. http://127.0.0.1:10000/devstoreaccount1 (no trailing slash) */
  readonly url: string;
  readonly accountName: string;
}

export type BlobSelector =
  /** A name that may be a file or a folder ('folder1' loads the folder, per the doc's example E). */
  | { readonly kind: 'path'; readonly name: string }
  /** A trailing '/' or the container root: every file below it. */
  | { readonly kind: 'folder'; readonly prefix: string }
  /** A wildcard; matched against whole blob names, case-sensitively, across folders. */
  | { readonly kind: 'wildcard'; readonly prefix: string; readonly pattern: RegExp };

export interface ResolvedLocation {
  readonly container: string;
  readonly selector: BlobSelector;
}

export function parseEndpoint(blobEndpoint: string | undefined): BlobEndpoint {
  if (blobEndpoint === undefined) throw invalidOption('FROM', 'synapse-sim has no blob endpoint configured.');
  const url = new URL(blobEndpoint);
  if (!LOOPBACK_HOSTS.has(url.hostname)) throw invalidOption('FROM', 'synapse-sim only reads from a loopback blob endpoint.');
  const accountName = url.pathname.split('/').filter((s) => s.length > 0)[0];
  if (accountName === undefined) throw invalidOption('FROM', 'The blob endpoint must name the account (path-style URL).');
  return { url: `${url.origin}/${accountName}`, accountName };
}

/** Maps each location onto the endpoint; all must share one container ("same storage account and container"). */
export function resolveLocations(locations: readonly string[], endpoint: BlobEndpoint): readonly ResolvedLocation[] {
  const resolved = locations.map((location) => resolveLocation(location, endpoint));
  const containers = new Set(resolved.map((r) => r.container));
  if (containers.size !== 1) throw invalidOption('FROM', 'Multiple file locations must be in the same storage account and container.');
  return resolved;
}

function resolveLocation(location: string, endpoint: BlobEndpoint): ResolvedLocation {
  let url: URL;
  try { url = new URL(location); } catch { throw invalidOption('FROM'); }
  let path: string;
  if (location.startsWith(`${endpoint.url}/`)) {
    path = location.slice(endpoint.url.length + 1);
  } else if (url.protocol === 'https:' && AZURE_STORAGE_HOST.test(url.hostname)) {
    path = location.slice(url.origin.length + 1);
  } else {
    throw invalidOption('FROM', 'synapse-sim only reads from the configured loopback blob endpoint.');
  }
  const slash = path.indexOf('/');
  const container = decodeURIComponent(slash < 0 ? path : path.slice(0, slash));
  if (container.length === 0) throw invalidOption('FROM');
  const rest = slash < 0 ? '' : path.slice(slash + 1);
  return { container, selector: selectorFor(safeDecode(rest)) };
}

function selectorFor(rawPath: string): BlobSelector {
  const wildcardAt = findUnescapedWildcard(rawPath);
  if (wildcardAt >= 0) {
    const prefix = unescapePath(rawPath.slice(0, wildcardAt));
    return { kind: 'wildcard', prefix, pattern: wildcardRegExp(rawPath) };
  }
  const name = unescapePath(rawPath);
  if (name === '' || name.endsWith('/')) return { kind: 'folder', prefix: name };
  return { kind: 'path', name };
}

/** "Wildcard can be escaped using the backslash character (\)" (copy-into-transact-sql). */
function findUnescapedWildcard(path: string): number {
  for (let i = 0; i < path.length; i += 1) {
    const ch = path[i];
    if (ch === '\\') { i += 1; continue; }
    if (ch === '*' || ch === '?') return i;
  }
  return -1;
}

function unescapePath(path: string): string {
  return path.replace(/\\([*?\\])/g, '$1');
}

function safeDecode(path: string): string {
  try { return decodeURIComponent(path); } catch { throw invalidOption('FROM'); }
}

/** '*' spans any characters including '/': "Wildcard expansion is applied recursively" (copy-into-transact-sql). */
function wildcardRegExp(path: string): RegExp {
  let source = '';
  for (let i = 0; i < path.length; i += 1) {
    const ch = path[i] ?? '';
    if (ch === '\\' && i + 1 < path.length) { source += escapeRegExp(path[i + 1] ?? ''); i += 1; continue; }
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else source += escapeRegExp(ch);
  }
  return new RegExp(`^${source}$`, 's');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * "COPY ignores hidden folders and doesn't return files that begin with an underline (_) or a period (.) unless
 * explicitly specified in the path. This behavior is the same even when specifying a path with a wildcard."
 * (copy-into-transact-sql). Only the part of the name below what the location spelled out is checked.
 */
export function isHiddenBelow(blobName: string, explicitPrefix: string): boolean {
  const cut = explicitPrefix.lastIndexOf('/') + 1;
  return blobName.slice(cut).split('/').some((segment) => segment.startsWith('_') || segment.startsWith('.'));
}
