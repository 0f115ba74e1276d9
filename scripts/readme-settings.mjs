// The root README's "Settings" section holds each program's settings table exactly as `--about --format
// markdown` prints it. `node scripts/readme-settings.mjs` rewrites those tables in place;
// test/readme-settings.test.ts fails when they drift.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { aboutText, NODE_PLUGINS, REPO_ROOT } from './meltano-settings.mjs';

export const README = join(REPO_ROOT, 'README.md');

/** The table lines (header, rule, rows) of a markdown text: each line starting with `|`, in the first run of them. */
export function firstTable(markdown) {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.startsWith('| Setting |'));
  if (start < 0) return [];
  const end = lines.findIndex((line, index) => index > start && !line.startsWith('|'));
  return lines.slice(start, end < 0 ? lines.length : end);
}

/** The README text under `## Settings` then `### <name>`, up to the next heading. */
export function settingsSubsection(readme, name) {
  const section = readme.split(/^## /m).find((part) => part.startsWith('Settings\n')) ?? '';
  return section.split(/^### /m).find((part) => part.startsWith(`\`${name}\``)) ?? '';
}

async function writeReadme() {
  let readme = await readFile(README, 'utf8');
  for (const plugin of NODE_PLUGINS) {
    const subsection = settingsSubsection(readme, plugin.name);
    const current = firstTable(subsection).join('\n');
    if (current === '') throw new Error(`README.md has no settings table under "## Settings" / "### \`${plugin.name}\`"`);
    const at = readme.indexOf(subsection);
    const table = at + subsection.indexOf(current);
    readme = readme.slice(0, table) + firstTable(await aboutText(plugin.bin, 'markdown')).join('\n') + readme.slice(table + current.length);
  }
  await writeFile(README, readme);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await writeReadme();
