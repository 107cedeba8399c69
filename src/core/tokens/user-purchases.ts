import type { Db } from '../deps.js';
import { type Page, type PageInput, pageWindow, toPage } from '../page.js';

export interface PurchaseView {
  orderId: number;
  roundName: string;
  amount: bigint;
  priceMinor: bigint;
  currency: string;
  status: string;
  createdAt: Date;
  paidAt: Date | null;
}

/** A user's token orders, newest first; `status` narrows them (e.g. only PENDING). */
export async function userPurchases(
  db: Db,
  userId: number,
  input: PageInput & { status?: 'PENDING' | 'PAID' } = {},
): Promise<Page<PurchaseView>> {
  const window = pageWindow(input);
  const where = { buyerId: userId, ...(input.status ? { status: input.status } : {}) };
  const [orders, total] = await Promise.all([
    db.tokenOrder.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: window.skip,
      take: window.pageSize,
      include: { round: { select: { name: true } } },
    }),
    db.tokenOrder.count({ where }),
  ]);
  const items = orders.map((o) => ({
    orderId: o.id,
    roundName: o.round.name,
    amount: o.amount,
    priceMinor: o.priceMinor,
    currency: o.currency.trim(),
    status: o.status,
    createdAt: o.createdAt,
    paidAt: o.paidAt,
  }));
  return toPage(items, total, window);
}
