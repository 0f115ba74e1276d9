// `--about [--format json|markdown]`: what the plugin is and every setting as JSON Schema
// (research/singer.md 2.8). Only the schema is printed, never a configured value.
import { envVariableName, type SettingsSchema } from './config.js';

export interface PluginSpec {
  readonly name: string;
  readonly description: string;
  readonly version: string;
  readonly capabilities: readonly string[];
  readonly settings: SettingsSchema;
  /** Prefix of the environment variables read by `--config ENV`, e.g. TAP_KUSTOMER. */
  readonly envPrefix: string;
}

export type AboutFormat = 'json' | 'markdown';

export function formatAbout(spec: PluginSpec, format: AboutFormat): string {
  return format === 'json' ? aboutJson(spec) : aboutMarkdown(spec);
}

function aboutJson(spec: PluginSpec): string {
  const settings = {
    ...spec.settings,
    properties: Object.fromEntries(
      Object.entries(spec.settings.properties).map(([name, schema]) => [name, schema.secret ? { ...schema, writeOnly: true } : schema]),
    ),
  };
  const about = {
    name: spec.name,
    description: spec.description,
    version: spec.version,
    sdk_version: null,
    capabilities: spec.capabilities,
    settings,
  };
  return JSON.stringify(about, null, 2);
}

/** A settings row of the markdown form: `| name | True | ...`; what a README embedding the table is checked by. */
const SETTINGS_ROW = /^\| [a-z_][a-z0-9_]* \| (True|False) \|/;

/** The settings table rows of a text holding `--about --format markdown` output (or a README copying it). */
export function settingsTableRows(markdown: string): string[] {
  return markdown.split('\n').filter((line) => SETTINGS_ROW.test(line));
}

function aboutMarkdown(spec: PluginSpec): string {
  const required = new Set(spec.settings.required ?? []);
  const rows = Object.entries(spec.settings.properties).map(([name, schema]) => {
    const defaultText = schema.default === undefined ? 'None' : `\`${JSON.stringify(schema.default)}\``;
    const description = (schema.description ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
    const secret = schema.secret ? ' (secret)' : '';
    return `| ${name} | ${required.has(name) ? 'True' : 'False'} | ${defaultText} | ${description}${secret} |`;
  });
  return [
    `# \`${spec.name}\``,
    '',
    spec.description,
    '',
    `Version: ${spec.version}`,
    '',
    '## Capabilities',
    '',
    ...spec.capabilities.map((capability) => `* \`${capability}\``),
    '',
    '## Settings',
    '',
    '| Setting | Required | Default | Description |',
    '|:--------|:--------:|:-------:|:------------|',
    ...rows,
    '',
    `Settings can also be given as environment variables with \`--config ENV\`, e.g. \`${envVariableName(spec.envPrefix, Object.keys(spec.settings.properties)[0] ?? 'setting')}\`.`,
    '',
  ].join('\n');
}
