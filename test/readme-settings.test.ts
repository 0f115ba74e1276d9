import t from 'tap';
import { readFile } from 'node:fs/promises';
import { settingsTableRows } from '@kustomer-synapse/singer';
import { aboutText, NODE_PLUGINS } from '../scripts/meltano-settings.mjs';
import { firstTable, README, settingsSubsection } from '../scripts/readme-settings.mjs';

const readme = await readFile(README, 'utf8');

for (const plugin of NODE_PLUGINS) {
  t.test(`the README's ${plugin.name} settings table is the one --about --format markdown prints`, async (t) => {
    const printed = await aboutText(plugin.bin, 'markdown');
    const table = firstTable(settingsSubsection(readme, plugin.name));
    t.ok(settingsTableRows(printed).length >= 10, `${plugin.name} prints its settings`);
    t.same(settingsTableRows(table.join('\n')), settingsTableRows(printed), 'run `node scripts/readme-settings.mjs` to regenerate it');
    t.same(table.slice(0, 2), firstTable(printed).slice(0, 2), 'with the same header');
  });
}
