// Plugin configuration: `--config` files merged in order (later wins), `--config ENV` from environment
// variables, checked against the settings JSON Schema with every problem reported in one line.
import { readFile } from 'node:fs/promises';
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { ConfigError } from './errors.js';
import { jsonSyntaxProblem, parseJson } from './exact-json.js';
import { isObject, type JsonObject, type JsonSchema } from './messages.js';

/** A setting's schema; `secret: true` marks values that are never printed (the SDK's convention). */
export interface SettingSchema extends JsonSchema {
  readonly description?: string;
  readonly secret?: boolean;
  readonly default?: unknown;
  readonly enum?: readonly unknown[];
}

export interface SettingsSchema {
  readonly type: 'object';
  readonly properties: { readonly [name: string]: SettingSchema };
  readonly required?: readonly string[];
  readonly [keyword: string]: unknown;
}

export type Config = JsonObject;

/** The value of `--config` that reads environment variables instead of a file (the Meltano SDK's convention). */
export const CONFIG_FROM_ENV = 'ENV';

/** Reads and merges the config sources in order; a later source overrides the keys of an earlier one. */
export async function loadConfig(
  sources: readonly string[],
  settings: SettingsSchema,
  envPrefix: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Config> {
  let merged: Record<string, unknown> = {};
  for (const source of sources) {
    const values = source === CONFIG_FROM_ENV ? configFromEnv(settings, envPrefix, env) : await readConfigFile(source);
    merged = { ...merged, ...values };
  }
  return merged;
}

async function readConfigFile(path: string): Promise<Config> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read config file ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}); check the --config path`, { cause: error });
  }
  let value: unknown;
  try {
    value = parseJson(text);
  } catch {
    // No `cause`: the parser's own message may quote the file, secrets included.
    throw new ConfigError(`config file ${path} is not valid JSON (${jsonSyntaxProblem(text)}); fix the file`);
  }
  if (!isObject(value)) throw new ConfigError(`config file ${path} must hold a JSON object of settings`);
  return value;
}

/** `<PREFIX>_<SETTING>` variables, e.g. TAP_KUSTOMER_API_TOKEN, converted to the setting's type. */
export function configFromEnv(settings: SettingsSchema, envPrefix: string, env: NodeJS.ProcessEnv): Config {
  const config: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(settings.properties)) {
    const variable = envVariableName(envPrefix, name);
    const raw = env[variable];
    if (raw === undefined || raw === '') continue;
    config[name] = fromEnvText(raw, schema, variable);
  }
  return config;
}

export function envVariableName(envPrefix: string, setting: string): string {
  return `${envPrefix}_${setting}`.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

function fromEnvText(raw: string, schema: SettingSchema, variable: string): unknown {
  const types = typeof schema.type === 'string' ? [schema.type] : (schema.type ?? ['string']);
  if (types.includes('integer') || types.includes('number')) {
    const number = Number(raw);
    return Number.isNaN(number) ? raw : number;
  }
  if (types.includes('boolean')) {
    if (/^(true|1|yes)$/i.test(raw)) return true;
    if (/^(false|0|no)$/i.test(raw)) return false;
    return raw;
  }
  if (types.includes('array') || types.includes('object')) {
    try {
      return JSON.parse(raw);
    } catch {
      if (types.includes('array')) return raw.split(',').map((item) => item.trim());
      throw new ConfigError(`${variable} must be JSON (an object); fix the environment variable`);
    }
  }
  return raw;
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** Applies defaults, then checks the config; throws one ConfigError listing every problem. */
export function validateConfig(config: Config, settings: SettingsSchema, envPrefix: string): Config {
  const ajv = addFormats(new Ajv({ allErrors: true, strict: false, useDefaults: true }));
  const copy: Record<string, unknown> = { ...config }; // ajv writes defaults into what it validates
  if (ajv.validate(settings, copy)) return copy;
  const problems = (ajv.errors ?? []).map((error) => describeProblem(error, settings, copy));
  const unique = [...new Set(problems)];
  throw new ConfigError(
    `invalid configuration (${unique.length} problem${unique.length === 1 ? '' : 's'}): ${unique.join('; ')}. ` +
      `Fix the --config file(s) or the ${envPrefix.toUpperCase()}_* variables.`,
  );
}

function describeProblem(error: ErrorObject, settings: SettingsSchema, config: Record<string, unknown>): string {
  if (error.keyword === 'required') {
    const missing = String((error.params as { missingProperty: string }).missingProperty);
    return `${missing} is required${expectation(settings.properties[missing])}`;
  }
  const name = error.instancePath.replace(/^\//, '').replace(/\//g, '.');
  if (error.keyword === 'additionalProperties') {
    const extra = String((error.params as { additionalProperty: string }).additionalProperty);
    return `${name ? `${name}.` : ''}${extra} is not a known setting`;
  }
  const path = error.instancePath.split('/').slice(1);
  const value = valueAt(config, error.instancePath);
  // Neither a secret nor an object (which may hold one) is quoted back.
  const got = isSecretAt(settings, path) || isObject(value) || Array.isArray(value) ? '' : ` (got ${describeValue(value)})`;
  if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues: readonly unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ');
    return `${name || '(config)'} must be one of ${allowed}${got}`;
  }
  return `${name || '(config)'} ${error.message ?? 'is invalid'}${got}`;
}

function expectation(schema: SettingSchema | undefined): string {
  if (schema === undefined) return '';
  const type = Array.isArray(schema.type) ? schema.type.join(' or ') : (schema.type ?? 'value');
  const format = schema.format ? ` (${schema.format})` : '';
  const description = schema.description ? `: ${schema.description}` : '';
  return ` (a ${type}${format}${description})`;
}

function valueAt(config: Record<string, unknown>, pointer: string): unknown {
  let value: unknown = config;
  for (const part of pointer.split('/').slice(1)) {
    value = isObject(value) || Array.isArray(value) ? (value as Record<string, unknown>)[part] : undefined;
  }
  return value;
}

function describeValue(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Whether the setting at this path (top-level name, then nested keys) is secret or lies inside a secret. */
function isSecretAt(settings: SettingsSchema, path: readonly string[]): boolean {
  let schema: SettingSchema | undefined = settings;
  for (const part of path) {
    if (schema === undefined) return false;
    if (schema.secret === true) return true;
    schema = (schema.properties?.[part] ?? schema.items) as SettingSchema | undefined;
  }
  return schema?.secret === true;
}

/** The config with every secret value replaced, at any depth, for printing. */
export function redactConfig(config: Config, settings: SettingsSchema): Config {
  return redactObject(config, settings) as Config;
}

function redactObject(value: unknown, schema: SettingSchema | undefined): unknown {
  if (schema?.secret === true) return '***';
  if (!isObject(value) || schema?.properties === undefined) return value;
  const copy: Record<string, unknown> = { ...value };
  for (const [name, child] of Object.entries(schema.properties)) {
    if (name in copy) copy[name] = redactObject(copy[name], child as SettingSchema);
  }
  return copy;
}

/** Every string held by a secret setting, at any depth, for the log redactor. */
export function secretValues(config: Config, settings: SettingsSchema): readonly unknown[] {
  const found: unknown[] = [];
  collectSecrets(config, settings, false, found);
  return found;
}

function collectSecrets(value: unknown, schema: SettingSchema | undefined, inSecret: boolean, found: unknown[]): void {
  const secret = inSecret || schema?.secret === true;
  if (typeof value === 'string') {
    if (secret) found.push(value);
  } else if (Array.isArray(value)) {
    for (const item of value) collectSecrets(item, schema?.items as SettingSchema | undefined, secret, found);
  } else if (isObject(value)) {
    for (const [name, child] of Object.entries(value)) {
      collectSecrets(child, schema?.properties?.[name] as SettingSchema | undefined, secret, found);
    }
  }
}
