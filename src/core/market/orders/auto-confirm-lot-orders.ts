import { Prisma } from '../../../generated/prisma/client.js';
import type { CoreDeps } from '../../deps.js';
import { completeLotOrders } from './complete-lot-orders.js';

/**
 * Delivered orders whose confirm-by time has passed, neither confirmed nor disputed, complete by
 * themselves (at most `batch` per call). Several processes may sweep: SKIP LOCKED, and the status
 * guard completes each order once.
 */
export async function autoConfirmLotOrders(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  options: { batch?: number } = {},
): Promise<{ orderId: number; buyerId: number; sellerId: number }[]> {
  const now = deps.clock.now();
  const rows = await completeLotOrders(
    deps.db,
    deps.clock,
    ['DELIVERED'],
    Prisma.sql`SELECT id FROM lot_orders WHERE status = 'DELIVERED' AND confirm_by <= ${now}
               ORDER BY confirm_by LIMIT ${options.batch ?? 200} FOR UPDATE SKIP LOCKED`,
  );
  return rows.map((r) => ({ orderId: r.id, buyerId: r.buyer_id, sellerId: r.seller_id }));
}
