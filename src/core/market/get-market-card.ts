import type { Db } from '../deps.js';
import { fail, ok, type Result } from '../result.js';
import { type CategorySummary, listCategories } from './list-categories.js';

export interface MarketCard {
  market: { id: number; slug: string; title: string; description: string; buyerHelp: string; posterFileId: string | null };
  categories: CategorySummary[];
}

/** A market's card for buyers: its description, help for buyers and open categories. Archived: MARKET_NOT_FOUND. */
export async function getMarketCard(deps: { db: Db }, input: { marketId: number }): Promise<Result<MarketCard, 'MARKET_NOT_FOUND'>> {
  const market = await deps.db.market.findFirst({
    where: { id: input.marketId, archivedAt: null },
    select: { id: true, slug: true, title: true, description: true, buyerHelp: true, posterFileId: true },
  });
  if (!market) return fail('MARKET_NOT_FOUND');
  const catalogue = await listCategories(deps, { market: market.id });
  if (!catalogue.ok) return catalogue;
  return ok({ market, categories: catalogue.value.categories });
}
