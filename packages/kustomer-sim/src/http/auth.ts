/**
 * Bearer-token authentication and role checks (research 2.1). A missing or unknown token is a 401; an expired
 * one a 401 whose message contains "Expired token" (research 2.1, SIO client.py); a token without the role a
 * resource needs, a 403. All three use error shape A.
 */
import { ApiError } from './errors.js';
import { ROLES, type Resource } from './roles.js';

export interface TokenSpec {
  /** Role names the token holds (see ROLES in roles.ts). */
  readonly roles: readonly string[];
  /** Epoch ms or ISO instant after which the token is refused as expired (by the sim clock). */
  readonly expiresAt?: number | string;
}

export type TokenTable = ReadonlyMap<string, TokenSpec>;

export interface Principal {
  readonly token: string;
  readonly spec: TokenSpec;
}

export function authenticate(header: string | undefined, tokens: TokenTable, now: number): Principal {
  const match = /^Bearer (\S+)$/.exec(header ?? '');
  if (match?.[1] === undefined) {
    throw new ApiError(401, 'unauthorized', 'Missing or malformed Authorization header; expected "Bearer <API key>".');
  }
  const spec = tokens.get(match[1]);
  if (spec === undefined) throw new ApiError(401, 'unauthorized', 'Invalid token.');
  if (spec.expiresAt !== undefined) {
    const expiry = typeof spec.expiresAt === 'number' ? spec.expiresAt : Date.parse(spec.expiresAt);
    if (now >= expiry) throw new ApiError(401, 'unauthorized', 'Expired token.');
  }
  return { token: match[1], spec };
}

export function authorize(principal: Principal, resources: readonly Resource[]): void {
  for (const resource of resources) {
    const accepted = ROLES[resource];
    if (!accepted.some((role) => principal.spec.roles.includes(role))) {
      throw new ApiError(403, 'forbidden', `This API key lacks the role ${accepted[0] ?? resource} needed to read ${resource}.`);
    }
  }
}
