// Command lines of taps and targets (DESIGN.md section 3) on yargs, and the main wrapper that turns a
// user error into one clear stderr line and a non-zero exit.
import { readFile } from 'node:fs/promises';
import yargs from 'yargs';
import { formatAbout, type AboutFormat, type PluginSpec } from './about.js';
import { parseCatalog, type Catalog } from './catalog.js';
import { loadConfig, secretValues, validateConfig, type Config } from './config.js';
import { ConfigError, InputError, UserError } from './errors.js';
import { jsonSyntaxProblem, parseJson } from './exact-json.js';
import type { Logger } from './log.js';
import { redactor } from './redact.js';
import { EMPTY_STATE, parseState, type State } from './state.js';

export type TapInvocation =
  | { readonly kind: 'help'; readonly text: string }
  | { readonly kind: 'about'; readonly text: string }
  | { readonly kind: 'version'; readonly text: string }
  | { readonly kind: 'discover'; readonly config: Config }
  | { readonly kind: 'sync'; readonly config: Config; readonly state: State; readonly catalog?: Catalog };

export type TargetInvocation =
  | { readonly kind: 'help'; readonly text: string }
  | { readonly kind: 'about'; readonly text: string }
  | { readonly kind: 'version'; readonly text: string }
  | { readonly kind: 'load'; readonly config: Config; readonly input?: string };

interface CommonArgs {
  readonly help?: boolean;
  readonly config?: readonly string[];
  readonly about?: boolean;
  readonly format?: string;
  readonly version?: boolean;
}

function commonOptions(spec: PluginSpec, argv: readonly string[]) {
  return yargs([...argv])
    .version(false) // ours prints "<name> v<version>" like the SDK; yargs would reserve the flag otherwise
    .help(false) // ours returns the usage as text, so --help ends the run instead of going on to the config
    .option('help', { type: 'boolean', description: 'Show help' })
    .scriptName(spec.name)
    .usage(`${spec.name}: ${spec.description}`)
    .option('config', { type: 'string', array: true, description: 'Config file (repeatable; later files win), or ENV to read environment variables' })
    .option('about', { type: 'boolean', description: 'Print the plugin description and its settings' })
    .option('format', { type: 'string', choices: ['json', 'markdown'], description: 'Format of --about' })
    .option('version', { type: 'boolean', description: 'Print the version' })
    .strict()
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? new ConfigError(`${message}; run ${spec.name} --help for usage`);
    });
}

type Parser = ReturnType<typeof commonOptions>;

async function informational(spec: PluginSpec, parser: Parser, args: CommonArgs): Promise<{ kind: 'help' | 'about' | 'version'; text: string } | undefined> {
  if (args.help) return { kind: 'help', text: await parser.getHelp() };
  if (args.version) return { kind: 'version', text: `${spec.name} v${spec.version}` };
  if (args.about) return { kind: 'about', text: formatAbout(spec, (args.format ?? 'json') as AboutFormat) };
  return undefined;
}

/** Loads, validates and registers the config's secrets with the log redactor. */
async function configFrom(spec: PluginSpec, sources: readonly string[] | undefined): Promise<Config> {
  const raw = await loadConfig(sources ?? [], spec.settings, spec.envPrefix);
  redactor.add(...secretValues(raw, spec.settings));
  return validateConfig(raw, spec.settings, spec.envPrefix);
}

export async function parseTapArgs(spec: PluginSpec, argv: readonly string[]): Promise<TapInvocation> {
  const parser = commonOptions(spec, argv)
    .option('state', { type: 'string', description: 'State file from a previous run' })
    .option('catalog', { type: 'string', description: 'Catalog file selecting streams and fields' })
    .option('properties', { type: 'string', description: 'Legacy name of --catalog' })
    .option('discover', { type: 'boolean', description: 'Print the catalog and exit' });
  const args = await parser.parseAsync();
  const info = await informational(spec, parser, args);
  if (info) return info;
  const config = await configFrom(spec, args.config);
  if (args.discover) return { kind: 'discover', config };
  const catalogPath = args.catalog ?? args.properties;
  const catalog = catalogPath === undefined ? undefined : parseCatalog(await readJsonFile(catalogPath, 'catalog'), catalogPath);
  const state = args.state === undefined ? EMPTY_STATE : parseState(await readJsonFile(args.state, 'state'), args.state);
  return catalog === undefined ? { kind: 'sync', config, state } : { kind: 'sync', config, state, catalog };
}

export async function parseTargetArgs(spec: PluginSpec, argv: readonly string[]): Promise<TargetInvocation> {
  const parser = commonOptions(spec, argv)
    .option('input', { type: 'string', description: 'Read Singer messages from this file instead of stdin' });
  const args = await parser.parseAsync();
  const info = await informational(spec, parser, args);
  if (info) return info;
  const config = await configFrom(spec, args.config);
  return args.input === undefined ? { kind: 'load', config } : { kind: 'load', config, input: args.input };
}

/** Reads a JSON file for a flag; an empty file reads as null (Meltano may hand over an empty state). */
async function readJsonFile(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read ${what} file ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}); check the --${what} path`);
  }
  if (text.trim() === '') return null;
  try {
    return parseJson(text);
  } catch {
    throw new InputError(`${what} file ${path} is not valid JSON (${jsonSyntaxProblem(text)})`);
  }
}

/**
 * Runs a program body. A UserError becomes one line on stderr and exit code 1; any other error is a bug
 * and is logged with its stack. Every line passes the secret redactor.
 */
export async function runMain(logger: Logger, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    if (error instanceof UserError) {
      logger.critical(error.message);
    } else {
      logger.critical(`unexpected failure, please report it: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
    process.exitCode = 1;
  }
}
