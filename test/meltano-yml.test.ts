import t from 'tap';
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { MELTANO_YML, NODE_PLUGINS, meltanoSettings, readAbout, type MeltanoSetting } from '../scripts/meltano-settings.mjs';

interface PluginEntry {
  readonly name: string;
  readonly capabilities?: readonly string[];
  readonly settings?: readonly MeltanoSetting[];
}
type Project = { readonly plugins: Readonly<Record<string, readonly PluginEntry[]>> };

const FIX = 'run `node scripts/meltano-settings.mjs` to regenerate them';
/** One line per setting, so a drift shows as a readable line diff. */
const lines = (settings: readonly MeltanoSetting[]): string[] =>
  settings.map((setting) => `${setting.name}: ${setting.kind}${setting.sensitive === true ? ', sensitive' : ''}`);

const project = parse(await readFile(MELTANO_YML, 'utf8')) as Project;

for (const plugin of NODE_PLUGINS) {
  t.test(`meltano.yml declares ${plugin.name} with the settings and capabilities its --about prints`, async (t) => {
    const about = await readAbout(plugin.bin);
    const entry = project.plugins[plugin.type]?.find((candidate) => candidate.name === plugin.name);
    if (entry === undefined) return t.fail(`meltano.yml has no ${plugin.type} entry named ${plugin.name}`);
    t.notOk('pip_url' in entry, 'a Node program has nothing for Meltano to pip install');
    t.same(lines(entry.settings ?? []), lines(meltanoSettings(about)), `settings (name: kind, sensitive) drifted from --about; ${FIX}`);
    t.same(entry.settings, meltanoSettings(about), `descriptions or options drifted from --about; ${FIX}`);
    t.same(entry.capabilities, about.capabilities, 'capabilities are the ones --about prints');
  });
}

t.test('every secret the programs know is a sensitive Meltano setting', async (t) => {
  const sensitive = project.plugins['extractors']!.concat(project.plugins['loaders']!)
    .flatMap((entry) => (entry.settings ?? []).filter((setting) => setting.sensitive === true).map((setting) => `${entry.name}.${setting.name}`));
  t.same(sensitive.sort(), [
    'target-synapse.client_secret', 'target-synapse.password', 'target-synapse.storage_account_key', 'target-synapse.storage_sas_token',
    'tap-kustomer.api_key', 'tap-kustomer.api_token',
  ].sort());
});
