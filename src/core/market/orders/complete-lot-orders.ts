import { type LotOrderStatus, Prisma } from '../../../generated/prisma/client.js';
import type { Clock, Db, Tx } from '../../deps.js';
import { completeSteps } from './escrow-ledger.js';

/**
 * Completes the chosen held orders that are in one of `from`, in one statement: CONFIRMED, the
 * hold released, the seller credited the total minus the fee (SALE_PROCEEDS + FEE, keyed on the
 * order so it happens once), the seller's sales count up. Returns the orders that moved, so a
 * concurrent dispute or refund and this cannot both win.
 */
export async function completeLotOrders(
  db: Db | Tx,
  clock: Clock,
  from: readonly LotOrderStatus[],
  chosen: Prisma.Sql,
): Promise<{ id: number; buyer_id: number; seller_id: number }[]> {
  const now = clock.now();
  return db.$queryRaw<{ id: number; buyer_id: number; seller_id: number }[]>(Prisma.sql`
    WITH src AS (
      UPDATE lot_orders SET status = 'CONFIRMED', confirmed_at = ${now}, closed_at = ${now}, updated_at = ${now}
      WHERE id IN (${chosen}) AND status::text IN (${Prisma.join(from)})
      RETURNING id, buyer_id, seller_id, total_minor, fee_minor, currency
    ),
    ${completeSteps(now)},
    counted AS (
      UPDATE seller_profiles p SET sales_count = p.sales_count + n.sales
      FROM (SELECT seller_id, count(*)::int AS sales FROM src GROUP BY seller_id) n
      WHERE p.user_id = n.seller_id
      RETURNING p.user_id
    )
    SELECT id, buyer_id, seller_id FROM src ORDER BY id`);
}
