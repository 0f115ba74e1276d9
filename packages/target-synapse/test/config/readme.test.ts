import t from 'tap';
import { readFile } from 'node:fs/promises';
import { formatAbout, settingsTableRows } from '@kustomer-synapse/singer';
import { PLUGIN } from '../../src/config/index.js';

t.test("the README's settings table is the one --about --format markdown prints", async (t) => {
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  const rows = settingsTableRows(formatAbout(PLUGIN, 'markdown'));
  t.equal(rows.length, Object.keys(PLUGIN.settings.properties).length);
  t.same(settingsTableRows(readme), rows);
});
