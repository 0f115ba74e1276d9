/**
 * Control endpoints under `/__sim/` for a simulator run as a separate process (the CLI): they need no token,
 * spend no budget, never fail by injection and are not logged. Not part of Kustomer's API.
 */
import type { SimClock } from '../clock.js';
import { parseInstant, iso } from '../clock.js';
import type { Dataset, UpdateRequest } from '../dataset.js';
import { KIND_NAMES } from '../kinds.js';
import type { RequestLog } from '../request-log.js';
import { ApiError, badBody, notFound } from './errors.js';
import type { Reply } from './route.js';

export const ADMIN_PREFIX = '/__sim/';

export interface AdminState {
  readonly dataset: Dataset;
  readonly clock: SimClock;
  readonly log: RequestLog;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

function update(state: AdminState, body: unknown): Reply {
  if (!isObject(body) || !(KIND_NAMES as readonly string[]).includes(String(body['kind']))) {
    throw badBody('/kind', `kind must be one of ${KIND_NAMES.join(', ')}`);
  }
  try {
    return { status: 200, body: state.dataset.update(body as unknown as UpdateRequest, state.clock.now()) };
  } catch (error) {
    throw new ApiError(400, 'bad_request', error instanceof Error ? error.message : String(error));
  }
}

function clock(state: AdminState, body: unknown): Reply {
  if (isObject(body) && typeof body['advanceMs'] === 'number') state.clock.advance(body['advanceMs']);
  if (isObject(body) && (typeof body['set'] === 'string' || typeof body['set'] === 'number')) state.clock.set(parseInstant(body['set']));
  return { status: 200, body: { now: iso(state.clock.now()) } };
}

export function handleAdmin(state: AdminState, method: string, path: string, body: unknown): Reply {
  const route = `${method} ${path.slice(ADMIN_PREFIX.length)}`;
  switch (route) {
    case 'POST update':
      return update(state, body);
    case 'POST clock':
    case 'GET clock':
      return clock(state, body);
    case 'GET log':
      return { status: 200, body: { entries: state.log.entries } };
    case 'DELETE log':
      state.log.clear();
      return { status: 200, body: { entries: [] } };
    default:
      throw notFound(path);
  }
}
