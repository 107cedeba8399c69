import { Hono } from 'hono';
import type { CoreDeps } from '../../core/deps.js';
import type { MarketDeps } from '../../core/market/deps.js';
import type { ApiEnv } from '../env.js';
import { lotsRouter } from './lots.js';
import { marketsRouter } from './markets.js';
import { meRouter } from './me.js';
import { openApiDocument } from './openapi.js';

export interface ApiV1Deps {
  core: Pick<CoreDeps, 'db' | 'clock'>;
  /** The public market catalogue (markets, categories, lots); absent, those routes are not served. */
  market?: MarketDeps;
}

/**
 * The JSON API under /api/v1, each area in its own file, mounted here:
 * - /me   the signed-in user's account, balances, orders and rewards (a wallet session: me.ts);
 * - /markets, /categories, /lots   the public market catalogue (markets.ts, lots.ts);
 * - /openapi.json   the document describing all of them.
 */
export function apiV1(deps: ApiV1Deps): Hono<ApiEnv> {
  const api = new Hono<ApiEnv>();
  const document = openApiDocument();
  api.get('/openapi.json', (c) => c.json(document));
  api.route('/me', meRouter(deps));
  if (deps.market) {
    api.route('/', marketsRouter(deps.market));
    api.route('/', lotsRouter(deps.market));
  }
  return api;
}
