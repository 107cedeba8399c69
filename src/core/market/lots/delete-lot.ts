import type { LotOrderStatus } from '../../../generated/prisma/client.js';
import type { CoreDeps } from '../../deps.js';
import { fail, ok, type Result } from '../../result.js';

/** Orders still running on a lot: waiting for payment, paid, delivered or disputed. */
export const OPEN_ORDER_STATUSES: LotOrderStatus[] = ['AWAITING_PAYMENT', 'PAID', 'DELIVERED', 'DISPUTED'];

/**
 * Deletes the seller's own lot: marked deleted and inactive (kept for the orders that reference
 * it), refused while any order on it is open (LOT_HAS_OPEN_ORDERS). The lot's row lock is taken
 * first, then one conditional statement checks the orders and marks the lot. Why the lock: a buy
 * takes the quantity with `UPDATE lots ... WHERE active AND deleted_at IS NULL` and inserts its
 * order in the same statement. A lone `UPDATE ... AND NOT EXISTS (open orders)` that started before
 * that buy committed would wait on the row, recheck only the lot row and read lot_orders as of its
 * start, missing the new order (READ COMMITTED). Locking first, the check runs in a statement that
 * starts after the buy committed and sees its order; a buy after the delete finds deleted_at set.
 */
export async function deleteLot(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  input: { sellerId: number; lotId: number },
): Promise<Result<{ lotId: number }, 'LOT_NOT_FOUND' | 'LOT_HAS_OPEN_ORDERS'>> {
  const now = deps.clock.now();
  return deps.db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: number }[]>`
      SELECT id FROM lots WHERE id = ${input.lotId} AND seller_id = ${input.sellerId} AND deleted_at IS NULL FOR UPDATE`;
    if (locked.length === 0) return fail('LOT_NOT_FOUND');
    const deleted = await tx.$executeRaw`
      UPDATE lots SET deleted_at = ${now}, active = false, updated_at = ${now}
      WHERE id = ${input.lotId} AND deleted_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM lot_orders o WHERE o.lot_id = lots.id AND o.status::text = ANY(${OPEN_ORDER_STATUSES}::text[]))`;
    return deleted === 1 ? ok({ lotId: input.lotId }) : fail('LOT_HAS_OPEN_ORDERS');
  });
}
