import type { LotPlatform, LotType } from '../../generated/prisma/client.js';
import type { Db } from '../deps.js';
import { fail, ok, type Result } from '../result.js';

export interface BrowseCategory {
  category: { id: number; name: string; lotType: LotType };
  market: { id: number; title: string };
  /** The market's open leagues, for the league filter. */
  leagues: Array<{ id: number; name: string; platform: LotPlatform | null }>;
}

/** An open category with its market and the market's leagues, for a buyer's lot list. One query. */
export async function getBrowseCategory(deps: { db: Db }, input: { categoryId: number }): Promise<Result<BrowseCategory, 'CATEGORY_NOT_FOUND'>> {
  const category = await deps.db.category.findFirst({
    where: { id: input.categoryId, archivedAt: null, market: { archivedAt: null } },
    select: {
      id: true,
      name: true,
      lotType: true,
      market: {
        select: {
          id: true,
          title: true,
          leagues: { where: { archivedAt: null }, orderBy: [{ position: 'asc' }, { name: 'asc' }], select: { id: true, name: true, platform: true } },
        },
      },
    },
  });
  if (!category) return fail('CATEGORY_NOT_FOUND');
  const { market, ...rest } = category;
  return ok({ category: rest, market: { id: market.id, title: market.title }, leagues: market.leagues });
}
