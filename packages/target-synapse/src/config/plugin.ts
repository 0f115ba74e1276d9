// What `--about` and `--version` print, and the prefix of `--config ENV` variables.
import { createRequire } from 'node:module';
import type { PluginSpec } from '@kustomer-synapse/singer';
import { CAPABILITIES, SETTINGS } from './settings.js';

// dist/config/plugin.js and src/config/plugin.ts both sit two levels below package.json.
const manifest = createRequire(import.meta.url)('../../package.json') as { readonly version: string; readonly description: string };

export const PLUGIN: PluginSpec = {
  name: 'target-synapse',
  description: manifest.description,
  version: manifest.version,
  capabilities: CAPABILITIES,
  settings: SETTINGS,
  envPrefix: 'TARGET_SYNAPSE',
};
