// Locations -> the list of blobs COPY reads, in order, without duplicates.
import { externalLocationError } from '../errors.js';
import type { BlobContainer } from './blob-container.js';
import { isHiddenBelow, type ResolvedLocation } from './locations.js';

const NOT_FOUND = 404;

export async function expandLocations(container: BlobContainer, locations: readonly ResolvedLocation[]): Promise<readonly string[]> {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const location of locations) {
    const found = await expandOne(container, location);
    // A location that names nothing fails Synapse's location check; the status is the storage 404.
    if (found.length === 0) throw externalLocationError(NOT_FOUND);
    for (const name of found) if (!seen.has(name)) { seen.add(name); names.push(name); }
  }
  return names;
}

async function expandOne(container: BlobContainer, { selector }: ResolvedLocation): Promise<readonly string[]> {
  const found: string[] = [];
  switch (selector.kind) {
    case 'path': {
      const folder = `${selector.name}/`;
      for await (const name of container.list(selector.name)) {
        if (name === selector.name) return [name];
        if (name.startsWith(folder) && !isHiddenBelow(name, folder)) found.push(name);
      }
      return found;
    }
    case 'folder':
      for await (const name of container.list(selector.prefix)) if (!isHiddenBelow(name, selector.prefix)) found.push(name);
      return found;
    case 'wildcard':
      for await (const name of container.list(selector.prefix)) {
        if (selector.pattern.test(name) && !isHiddenBelow(name, selector.prefix)) found.push(name);
      }
      return found;
  }
}
