// Writes catalog.json at the repository root: what `tap-kustomer --discover` prints for an org without custom
// attributes, found by running discovery against a kustomer-sim org that has none (on 127.0.0.1, stopped after).
// `npm run catalog` (after `npm run build`); packages/tap-kustomer/test/discovery-sim.test.ts fails when it is stale.
import { writeFile } from 'node:fs/promises';
import { Logger } from '../packages/singer/dist/index.js';
import { start } from '../packages/kustomer-sim/dist/index.js';
import { KustomerClient } from '../packages/tap-kustomer/dist/http/client.js';
import { discoverCatalog } from '../packages/tap-kustomer/dist/discovery.js';

export const CATALOG_FILE = new URL('../catalog.json', import.meta.url);

/** The catalog text discovery gives for an org without custom attributes. */
export async function catalogText() {
  const sim = await start({ customAttributes: false, scale: 10 });
  try {
    const client = new KustomerClient({ baseUrl: sim.url, apiToken: sim.apiToken, userAgent: 'tap-kustomer catalog', timeoutMs: 10_000, orgPerMinute: 600, searchPerMinute: 60 });
    return `${JSON.stringify(await discoverCatalog(client, new Logger('tap-kustomer', 'warning')), null, 2)}\n`;
  } finally {
    await sim.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await writeFile(CATALOG_FILE, await catalogText());
  process.stderr.write(`wrote ${CATALOG_FILE.pathname}\n`);
}
