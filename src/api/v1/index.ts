import { Hono } from 'hono';
import type { MarketDeps } from '../../core/market/deps.js';
import type { ApiEnv } from '../env.js';
import { lotsRouter } from './lots.js';
import { marketsRouter } from './markets.js';
import { openApiDocument } from './openapi.js';

export interface ApiV1Deps {
  market: MarketDeps;
}

/** The JSON API under /api/v1: each area in its own file, mounted here. */
export function apiV1(deps: ApiV1Deps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const document = openApiDocument();
  app.get('/openapi.json', (c) => c.json(document));
  app.route('/', marketsRouter(deps.market));
  app.route('/', lotsRouter(deps.market));
  return app;
}
