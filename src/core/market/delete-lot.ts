import { fail, ok, type Result } from '../result.js';
import type { MarketDeps } from './deps.js';

/**
 * The lot's seller deletes it: it leaves the listing for good, but the row stays (deleted_at) for
 * the orders that reference it. Refused while an order on it is still open, so an escrow in
 * progress always has its lot.
 */
export async function deleteLot(
  deps: Pick<MarketDeps, 'db' | 'clock'>,
  input: { sellerId: number; lotId: number },
): Promise<Result<{ id: number }, 'LOT_NOT_FOUND' | 'OPEN_ORDERS'>> {
  const open = await deps.db.lotOrder.count({
    where: { lotId: input.lotId, status: { in: ['AWAITING_PAYMENT', 'PAID', 'DELIVERED', 'DISPUTED'] } },
  });
  if (open > 0) return fail('OPEN_ORDERS');
  const now = deps.clock.now();
  const updated = await deps.db.lot.updateMany({
    where: { id: input.lotId, sellerId: input.sellerId, deletedAt: null },
    data: { active: false, deletedAt: now, updatedAt: now },
  });
  return updated.count ? ok({ id: input.lotId }) : fail('LOT_NOT_FOUND');
}
