export { toLoaderOptions, toPlanOptions } from './options.js';
export { PLUGIN } from './plugin.js';
export { CAPABILITIES, DEFAULT_SQL_PORT, NVARCHAR_MAX_CHARACTERS, SETTINGS } from './settings.js';
export { toTargetConfig, type SqlAuth, type StorageAuth, type TargetConfig } from './target-config.js';
