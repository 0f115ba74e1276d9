/** What a route handler gets and gives back. */
import type { SimClock } from '../clock.js';
import type { Dataset } from '../dataset.js';
import type { Principal } from './auth.js';
import type { Resource } from './roles.js';

export interface SimState {
  readonly dataset: Dataset;
  readonly clock: SimClock;
  /** The machine user behind the API keys, and when the org was set up. */
  readonly machineUserId: string;
}

export interface RequestContext {
  readonly state: SimState;
  readonly path: string;
  /** The route pattern's capture groups, decoded. */
  readonly params: readonly string[];
  readonly query: URLSearchParams;
  readonly body: unknown;
  readonly principal: Principal;
}

export interface Reply {
  readonly status: number;
  readonly body: unknown;
}

export interface Route {
  readonly method: 'GET' | 'POST';
  readonly pattern: RegExp;
  /** Resources whose role the request needs (may depend on the body, as search does). */
  readonly resources: (body: unknown) => readonly Resource[];
  /** Whether the request also spends the search budget (research 2.7). */
  readonly search: boolean;
  readonly handle: (context: RequestContext) => Reply;
}
