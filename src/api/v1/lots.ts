import { Hono } from 'hono';
import type { MarketDeps } from '../../core/market/deps.js';
import { listLots } from '../../core/market/list-lots.js';
import type { ApiEnv } from '../env.js';
import { readQuery } from './query.js';
import { lotsQuery } from './schemas.js';

/** GET /lots: a category's lots on sale, with the same filters, sorting, search and paging as the bot. */
export function lotsRouter(deps: MarketDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();

  app.get('/lots', async (c) => {
    const query = readQuery(c, lotsQuery);
    if (!query.ok) return query.response;
    const { category, league, currency, ...filters } = query.value;
    const result = await listLots(deps, {
      ...filters,
      categoryId: category,
      ...(league === undefined ? {} : { leagueId: league }),
      ...(currency === undefined ? {} : { displayCurrency: currency }),
    });
    if (!result.ok) {
      const fields = { currency: `expected one of ${deps.market.currencies.join(', ')}` };
      return c.json({ error: 'bad_request', message: 'Bad query parameter: currency.', fields }, 400);
    }
    const page = result.value;
    return c.json({
      ...page,
      items: page.items.map((lot) => ({ ...lot, priceUnit: String(lot.priceUnit), quantity: String(lot.quantity), createdAt: lot.createdAt.toISOString() })),
    });
  });

  return app;
}
