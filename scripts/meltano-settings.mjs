// meltano.yml's plugin settings, derived from each program's `--about --format json` (an SDK-style JSON schema
// under `settings.properties`). `node scripts/meltano-settings.mjs` rewrites the `settings:` lists of
// tap-kustomer and target-synapse in meltano.yml in place; test/meltano-yml.test.ts fails when they drift.
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const MELTANO_YML = join(REPO_ROOT, 'meltano.yml');

/** The programs meltano.yml declares without pip_url: plugin type, name, and the bin that prints --about. */
export const NODE_PLUGINS = [
  { type: 'extractors', name: 'tap-kustomer', bin: join(REPO_ROOT, 'packages/tap-kustomer/bin/tap-kustomer.js') },
  { type: 'loaders', name: 'target-synapse', bin: join(REPO_ROOT, 'packages/target-synapse/bin/target-synapse.js') },
];

/** `node <bin> --about --format json`, parsed. */
export async function readAbout(bin) {
  return JSON.parse(await aboutText(bin, 'json'));
}

/** What `node <bin> --about --format <format>` prints. */
export function aboutText(bin, format) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, '--about', '--format', format], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`${bin} --about exited ${code}: ${stderr.trim()}`));
    });
  });
}

/**
 * The Meltano setting kind for one JSON-schema property (kinds: meltano docs reference/plugin-definition-syntax
 * "settings"; the `password` kind is deprecated there in favour of `sensitive: true`, which we use instead).
 */
export function meltanoKind(property) {
  if (Array.isArray(property.enum)) return 'options';
  switch (property.type) {
    case 'integer': return 'integer';
    case 'number': return 'decimal';
    case 'boolean': return 'boolean';
    case 'array': return 'array';
    case 'object': return 'object';
    default: return property.format === 'date-time' ? 'date_iso8601' : 'string';
  }
}

/** meltano.yml `settings:` entries for an --about document, in its property order. */
export function meltanoSettings(about) {
  return Object.entries(about.settings.properties).map(([name, property]) => ({
    name,
    kind: meltanoKind(property),
    ...(property.secret === true ? { sensitive: true } : {}),
    ...(property.description === undefined ? {} : { description: property.description }),
    ...(Array.isArray(property.enum) ? { options: property.enum.map((value) => ({ label: String(value), value })) } : {}),
  }));
}

/** Rewrites the settings of every Node plugin in meltano.yml, keeping everything else (comments included). */
async function writeMeltanoYml() {
  const document = parseDocument(await readFile(MELTANO_YML, 'utf8'));
  for (const plugin of NODE_PLUGINS) {
    const list = document.getIn(['plugins', plugin.type]);
    const index = list.items.findIndex((item) => item.get('name') === plugin.name);
    if (index < 0) throw new Error(`meltano.yml has no ${plugin.type} entry named ${plugin.name}`);
    const settings = meltanoSettings(await readAbout(plugin.bin));
    document.setIn(['plugins', plugin.type, index, 'settings'], document.createNode(settings));
  }
  // Meltano's own layout (it rewrites meltano.yml in this style whenever it edits it): sequences not indented.
  await writeFile(MELTANO_YML, document.toString({ lineWidth: 0, indentSeq: false, flowCollectionPadding: false }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await writeMeltanoYml();
