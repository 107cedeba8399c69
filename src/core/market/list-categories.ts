import type { LotPlatform, LotType } from '../../generated/prisma/client.js';
import type { Db } from '../deps.js';
import { fail, ok, type Result } from '../result.js';

export interface CategorySummary {
  id: number;
  marketId: number;
  name: string;
  lotType: LotType;
  formFields: unknown;
  /** Active lots in it now. */
  lotCount: number;
}

export interface MarketCatalogue {
  market: { id: number; slug: string; title: string };
  categories: CategorySummary[];
  leagues: Array<{ id: number; name: string; platform: LotPlatform | null }>;
}

/** A market's open categories (with their active lot counts) and leagues, by id or slug. Two queries. */
export async function listCategories(deps: { db: Db }, input: { market: number | string }): Promise<Result<MarketCatalogue, 'MARKET_NOT_FOUND'>> {
  const where = typeof input.market === 'number' ? { id: input.market } : { slug: input.market };
  const market = await deps.db.market.findFirst({
    where: { ...where, archivedAt: null },
    select: {
      id: true,
      slug: true,
      title: true,
      leagues: { where: { archivedAt: null }, orderBy: [{ position: 'asc' }, { name: 'asc' }], select: { id: true, name: true, platform: true } },
    },
  });
  if (!market) return fail('MARKET_NOT_FOUND');
  const categories = await deps.db.category.findMany({
    where: { marketId: market.id, archivedAt: null },
    orderBy: [{ position: 'asc' }, { id: 'asc' }],
    include: { _count: { select: { lots: { where: { active: true } } } } },
  });
  const { leagues, ...summary } = market;
  return ok({
    market: summary,
    leagues,
    categories: categories.map((c) => ({ id: c.id, marketId: c.marketId, name: c.name, lotType: c.lotType, formFields: c.formFields, lotCount: c._count.lots })),
  });
}
