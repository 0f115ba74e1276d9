// What the demo runs with, from the environment: DEMO_SCALE (kustomer-sim conversations; the other kinds are
// proportional) and DEMO_DIR (where configs, logs, state and the DuckDB file go; git-ignored .demo/ by default).
import { isAbsolute, join, resolve } from 'node:path';

export const DEFAULT_SCALE = 1_500;
/** kustomer-sim's scale is a count of conversations; below 10 most streams would be empty. */
const MIN_SCALE = 10;
const MAX_SCALE = 1_000_000;
/**
 * The stand-in's budgets are raised so that conversation_attachments (one request per conversation) does not
 * wait on the real 1,000/min org limit; the tap's budgets follow them. A real org keeps the defaults.
 */
export const REQUESTS_PER_MINUTE = 1_000_000;

/** @param {NodeJS.ProcessEnv} env @param {string} root */
export function readDemoSettings(env, root) {
  const scaleText = env.DEMO_SCALE ?? String(DEFAULT_SCALE);
  const scale = Number(scaleText);
  if (!Number.isInteger(scale) || scale < MIN_SCALE || scale > MAX_SCALE) {
    throw new Error(`DEMO_SCALE must be an integer from ${MIN_SCALE} to ${MAX_SCALE}, not ${JSON.stringify(scaleText)}`);
  }
  const dirText = env.DEMO_DIR ?? '.demo';
  const dir = isAbsolute(dirText) ? dirText : resolve(root, dirText);
  return { scale, dir, databaseFile: join(dir, 'synapse-sim.duckdb') };
}
