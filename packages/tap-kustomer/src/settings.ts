// The tap's settings (DESIGN.md section 4: the keys are a contract) and the one place that turns a validated
// config into what the client and the sync loop need. Region hosts: research/kustomer.md 2.2.
import { readFileSync } from 'node:fs';
import { ConfigError, type Config, type PluginSpec, type SettingsSchema } from '@kustomer-synapse/singer';

/** research 2.2: regional hosts; keys only work in their issuing region. */
export const REGION_HOSTS = {
  us: 'https://api.kustomerapp.com',
  eu: 'https://api.prod2.kustomerapp.com',
  in: 'https://api.prod4.kustomerapp.com',
} as const;
export type Region = keyof typeof REGION_HOSTS;

/** research 2.7: Enterprise orgs have 1,000 requests per minute; the default leaves room for other clients of the org. */
const DEFAULT_ORG_PER_MINUTE = 250;
/** research 2.7: API keys get 100 searches per minute; 90 leaves a margin (research 9.1). */
const DEFAULT_SEARCH_PER_MINUTE = 90;
const DEFAULT_TIMEOUT_SECONDS = 60;

const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

const SETTINGS: SettingsSchema = {
  type: 'object',
  properties: {
    api_token: { type: 'string', secret: true, description: 'Kustomer API key (Bearer token); it needs the roles of the selected streams' },
    api_key: { type: 'string', secret: true, description: 'Alias of api_token (the name MeltanoLabs tap-kustomer uses)' },
    start_date: { type: 'string', format: 'date-time', description: 'Sync records updated at or after this instant (RFC 3339, e.g. 2024-01-01T00:00:00Z); search reaches back 2 years only' },
    end_date: { type: 'string', format: 'date-time', description: 'Sync records updated at or before this instant (RFC 3339); default: no bound' },
    base_url: { type: 'string', format: 'uri', description: 'API origin, e.g. https://acme.api.kustomerapp.com; wins over org_name and region' },
    org_name: { type: 'string', pattern: '^[A-Za-z0-9-]+$', description: 'Org subdomain: the tap calls https://<org_name>.api.kustomerapp.com (routes to the org region); wins over region' },
    region: { type: 'string', enum: ['us', 'eu', 'in'], default: 'us', description: 'Region whose host the tap calls: us (api.kustomerapp.com), eu (api.prod2), in (api.prod4)' },
    page_size: { type: 'integer', minimum: 1, maximum: 500, default: 500, description: 'Records per search page (at most 500); list streams use the largest page each list allows, capped by this' },
    max_requests_per_minute: { type: 'integer', minimum: 1, default: DEFAULT_ORG_PER_MINUTE, description: 'Org request budget the tap uses per minute (the org plan allows 300 to 2,000, shared by every client)' },
    search_requests_per_minute: { type: 'integer', minimum: 1, default: DEFAULT_SEARCH_PER_MINUTE, description: 'Search request budget per minute, on top of the org budget (Kustomer allows API keys 100)' },
    lookback_seconds: { type: 'integer', minimum: 0, default: 0, description: 'Re-read this many seconds before each bookmark, for records written late' },
    user_agent: { type: 'string', description: `User-Agent header; default tap-kustomer/${VERSION}` },
    request_timeout_seconds: { type: 'number', exclusiveMinimum: 0, default: DEFAULT_TIMEOUT_SECONDS, description: 'Seconds before a request is abandoned and retried' },
  },
  required: ['api_token', 'start_date'],
};

/** For --about: api_token and start_date are required. */
export const TAP_SPEC: PluginSpec = {
  name: 'tap-kustomer',
  description: 'Singer tap for Kustomer: customers, conversations, messages, notes, companies, kobjects incrementally through search, and the org lists',
  version: VERSION,
  capabilities: ['catalog', 'discover', 'state', 'about'],
  settings: SETTINGS,
  envPrefix: 'TAP_KUSTOMER',
};

/** For parsing: the schema cannot say "api_token or its alias api_key", so that one check is in tapConfig. */
export const TAP_PARSE_SPEC: PluginSpec = { ...TAP_SPEC, settings: { ...SETTINGS, required: ['start_date'] } };

export interface TapConfig {
  readonly apiToken: string;
  readonly startDate: string;
  readonly endDate?: string;
  readonly baseUrl: string;
  readonly pageSize: number;
  readonly orgPerMinute: number;
  readonly searchPerMinute: number;
  readonly lookbackSeconds: number;
  readonly userAgent: string;
  readonly timeoutMs: number;
}

/** A config that validateConfig accepted (defaults applied), as the tap uses it. */
export function tapConfig(config: Config): TapConfig {
  const token = config.api_token ?? config.api_key;
  if (typeof token !== 'string' || token === '') {
    throw new ConfigError('api_token is required (the Kustomer API key; api_key is accepted as its alias); set it in the --config file or TAP_KUSTOMER_API_TOKEN');
  }
  const startDate = config.start_date as string;
  const endDate = config.end_date as string | undefined;
  if (endDate !== undefined && Date.parse(endDate) < Date.parse(startDate)) {
    throw new ConfigError(`end_date ${endDate} is before start_date ${startDate}; fix one of them`);
  }
  return {
    apiToken: token,
    startDate,
    ...(endDate === undefined ? {} : { endDate }),
    baseUrl: baseUrlOf(config),
    pageSize: config.page_size as number,
    orgPerMinute: config.max_requests_per_minute as number,
    searchPerMinute: config.search_requests_per_minute as number,
    lookbackSeconds: config.lookback_seconds as number,
    userAgent: (config.user_agent as string | undefined) ?? `tap-kustomer/${VERSION}`,
    timeoutMs: (config.request_timeout_seconds as number) * 1000,
  };
}

function baseUrlOf(config: Config): string {
  if (typeof config.base_url === 'string') return config.base_url.replace(/\/+$/, '').replace(/\/v1$/, '');
  if (typeof config.org_name === 'string') return `https://${config.org_name}.api.kustomerapp.com`;
  return REGION_HOSTS[(config.region as Region | undefined) ?? 'us'];
}
