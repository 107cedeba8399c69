import type { Db } from '../../deps.js';

/** Every market, archived ones too, in order: the admin's list. */
export function adminMarkets(db: Db) {
  return db.market.findMany({ orderBy: [{ position: 'asc' }, { id: 'asc' }] });
}

/** One market with its categories, leagues and fee rules, and how many lots it has. */
export async function adminMarket(db: Db, marketId: number) {
  const market = await db.market.findUnique({
    where: { id: marketId },
    include: {
      categories: { orderBy: [{ position: 'asc' }, { id: 'asc' }] },
      leagues: { orderBy: [{ name: 'asc' }, { id: 'asc' }] },
      feeRules: true,
    },
  });
  if (!market) return null;
  const lots = await db.lot.count({ where: { category: { marketId } } });
  return { ...market, lots };
}

export function adminCategory(db: Db, categoryId: number) {
  return db.category.findUnique({ where: { id: categoryId }, include: { market: true, feeRules: true, _count: { select: { lots: true } } } });
}

export function adminLeague(db: Db, leagueId: number) {
  return db.lotLeague.findUnique({ where: { id: leagueId }, include: { market: true, _count: { select: { lots: true } } } });
}
