import { Hono } from 'hono';
import type { CoreDeps } from '../../core/deps.js';
import type { ApiEnv } from '../env.js';
import { meRouter } from './me.js';

export interface ApiV1Deps {
  core: Pick<CoreDeps, 'db' | 'clock'>;
}

/**
 * The JSON API, mounted at /api/v1. Each area is a sub-router of its own, added here:
 * - /me   the signed-in user's account, balances, orders and rewards (a wallet session: me.ts).
 * Public areas (markets, categories, lots) and the OpenAPI document join as siblings of /me.
 */
export function apiV1(deps: ApiV1Deps): Hono<ApiEnv> {
  const api = new Hono<ApiEnv>();
  api.route('/me', meRouter(deps));
  return api;
}
