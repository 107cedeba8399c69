import type { LotOrderStatus } from '../../../generated/prisma/client.js';
import type { CoreDeps } from '../../deps.js';
import { fail, ok, type Result } from '../../result.js';

/** Orders still running on a lot: waiting for payment, paid, delivered or disputed. */
export const OPEN_ORDER_STATUSES: LotOrderStatus[] = ['AWAITING_PAYMENT', 'PAID', 'DELIVERED', 'DISPUTED'];

/**
 * Deletes the seller's own lot: marked deleted and inactive (kept for the orders that reference
 * it), refused while any order on it is open (LOT_HAS_OPEN_ORDERS). One statement checks and
 * marks, so the lot cannot be deleted past an open order seen by the same statement.
 */
export async function deleteLot(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  input: { sellerId: number; lotId: number },
): Promise<Result<{ lotId: number }, 'LOT_NOT_FOUND' | 'LOT_HAS_OPEN_ORDERS'>> {
  const now = deps.clock.now();
  const deleted = await deps.db.$executeRaw`
    UPDATE lots SET deleted_at = ${now}, active = false, updated_at = ${now}
    WHERE id = ${input.lotId} AND seller_id = ${input.sellerId} AND deleted_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM lot_orders o WHERE o.lot_id = lots.id AND o.status::text = ANY(${OPEN_ORDER_STATUSES}::text[]))`;
  if (deleted === 1) return ok({ lotId: input.lotId });
  const lot = await deps.db.lot.findFirst({ where: { id: input.lotId, sellerId: input.sellerId, deletedAt: null }, select: { id: true } });
  return fail(lot ? 'LOT_HAS_OPEN_ORDERS' : 'LOT_NOT_FOUND');
}
