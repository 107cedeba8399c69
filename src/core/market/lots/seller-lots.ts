import type { Db } from '../../deps.js';

export const SELLER_PAGE_SIZE = 8;

/** The seller's lots (not deleted), newest first, a page at a time. */
export async function sellerLots(db: Db, sellerId: number, page: number) {
  const where = { sellerId, deletedAt: null };
  const [total, lots] = await Promise.all([
    db.lot.count({ where }),
    db.lot.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (page - 1) * SELLER_PAGE_SIZE,
      take: SELLER_PAGE_SIZE,
      include: { category: { include: { market: true } } },
    }),
  ]);
  return { total, lots, pages: Math.max(1, Math.ceil(total / SELLER_PAGE_SIZE)) };
}

/** One of the seller's lots with its category, market, league, goods left and open orders. */
export async function sellerLot(db: Db, sellerId: number, lotId: number) {
  const lot = await db.lot.findFirst({
    where: { id: lotId, sellerId, deletedAt: null },
    include: { category: { include: { market: true } }, league: true },
  });
  if (!lot) return null;
  const [goodsLeft, openOrders] = await Promise.all([
    db.lotGoods.count({ where: { lotId, orderId: null } }),
    db.lotOrder.count({ where: { lotId, status: { in: ['AWAITING_PAYMENT', 'PAID', 'DELIVERED', 'DISPUTED'] } } }),
  ]);
  return { ...lot, goodsLeft, openOrders };
}

/** Orders on the seller's lots, newest first, a page at a time. */
export async function sellerSales(db: Db, sellerId: number, page: number) {
  const where = { sellerId };
  const [total, orders] = await Promise.all([
    db.lotOrder.count({ where }),
    db.lotOrder.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (page - 1) * SELLER_PAGE_SIZE,
      take: SELLER_PAGE_SIZE,
      include: { lot: { select: { shortDescription: true } } },
    }),
  ]);
  return { total, orders, pages: Math.max(1, Math.ceil(total / SELLER_PAGE_SIZE)) };
}
