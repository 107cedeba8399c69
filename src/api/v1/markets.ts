import { Hono } from 'hono';
import type { MarketDeps } from '../../core/market/deps.js';
import { listCategories } from '../../core/market/list-categories.js';
import { listMarkets } from '../../core/market/list-markets.js';
import type { ApiEnv } from '../env.js';
import { readQuery } from './query.js';
import { categoriesQuery } from './schemas.js';

/** GET /markets and GET /categories?market=: the public catalogue. */
export function marketsRouter(deps: MarketDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();

  app.get('/markets', async (c) => {
    const markets = await listMarkets(deps);
    return c.json({ markets: markets.map(({ posterFileId: _, ...m }) => m) });
  });

  app.get('/categories', async (c) => {
    const query = readQuery(c, categoriesQuery);
    if (!query.ok) return query.response;
    const market = /^\d+$/.test(query.value.market) ? Number(query.value.market) : query.value.market;
    const result = await listCategories(deps, { market });
    if (!result.ok) return c.json({ error: 'market_not_found', message: `No market ${query.value.market}.` }, 404);
    const { market: found, leagues, categories } = result.value;
    return c.json({ market: found, leagues, categories: categories.map(({ marketId: _, ...category }) => category) });
  });

  return app;
}
