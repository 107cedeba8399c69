import { Prisma } from '../../../generated/prisma/client.js';
import type { CoreDeps } from '../../deps.js';
import { releaseLotOrders } from './pay-lot-order.js';

/** Unpaid lot orders whose reservation is over expire and give their quantity back (at most `batch` per call). */
export async function expireLotOrders(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  options: { batch?: number } = {},
): Promise<{ orderId: number; buyerId: number }[]> {
  const now = deps.clock.now();
  const rows = await releaseLotOrders(
    deps.db,
    deps.clock,
    'EXPIRED',
    Prisma.sql`SELECT id FROM lot_orders WHERE status = 'AWAITING_PAYMENT' AND reserved_until <= ${now}
               ORDER BY reserved_until LIMIT ${options.batch ?? 500} FOR UPDATE SKIP LOCKED`,
  );
  return rows.map((r) => ({ orderId: r.id, buyerId: r.buyer_id }));
}
