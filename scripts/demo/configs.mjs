// The demo's configs are the templates in demo/ (the files a user copies and edits) with every `<PLACEHOLDER>`
// filled from the stand-ins, plus the few settings only a local stand-in needs (no TLS, Azurite's endpoint).
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const PLACEHOLDER = /<[A-Z][A-Z0-9_]*>/;

/**
 * @param {Readonly<Record<string, unknown>>} template
 * @param {Readonly<Record<string, unknown>>} values
 * @param {string} name the template's file name, for the error
 */
export function fillTemplate(template, values, name) {
  const filled = { ...template, ...values };
  const open = Object.entries(filled).filter(([, value]) => typeof value === 'string' && PLACEHOLDER.test(value));
  if (open.length > 0) throw new Error(`${name}: the demo fills no value for ${open.map(([key]) => key).join(', ')}`);
  return filled;
}

/** @param {string} root @param {string} name */
export async function readTemplate(root, name) {
  return JSON.parse(await readFile(join(root, 'demo', name), 'utf8'));
}

/**
 * @param {string} root @param {string} dir
 * @param {{ tap: Record<string, unknown>, target: Record<string, unknown> }} values
 * @returns {Promise<{ tap: string, target: string }>} the files written
 */
export async function writeConfigs(root, dir, values) {
  const files = { tap: join(dir, 'tap-kustomer.json'), target: join(dir, 'target-synapse.json') };
  for (const [side, name] of /** @type {const} */ ([['tap', 'tap-kustomer.json'], ['target', 'target-synapse.json']])) {
    const config = fillTemplate(await readTemplate(root, name), values[side], `demo/${name}`);
    await writeFile(files[side], `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  }
  return files;
}
