import { type LotOrderStatus, Prisma } from '../../../generated/prisma/client.js';
import type { Clock, Tx } from '../../deps.js';
import type { EscrowSettings } from './deps.js';
import { holdSteps, releaseSteps } from './escrow-ledger.js';
import { addHours } from './time.js';

export type PaidOutcome =
  /** Paid, held; the seller delivers. */
  | 'PAID'
  /** Paid, held, and the lot's stored goods were given to the order (auto-delivery). */
  | 'DELIVERED'
  /** Paid after the reservation had gone back, and the lot has nothing left: nothing is held. */
  | 'NO_STOCK'
  /** Already paid (a replay), or closed: nothing changed. */
  | 'UNCHANGED';

interface LockedOrder {
  status: string;
  lot_id: number;
  quantity: bigint;
  auto_delivery: boolean;
}

/**
 * A lot order's payment succeeded (inside applyPaymentUpdate's transaction): the order becomes
 * PAID and its total is held (ESCROW_HOLD), once (status guard + unique ledger key). A payment
 * that arrives after the reservation expired takes the quantity again if the lot still has it.
 * A lot that deactivates after a sale goes inactive; an auto-delivery lot gives the order its
 * stored goods (one row per unit, taken with SKIP LOCKED so two orders never share one) and the
 * order is DELIVERED at once, with its auto-confirm deadline.
 */
export async function payLotOrderIn(tx: Tx, clock: Clock, escrow: EscrowSettings, orderId: number): Promise<PaidOutcome> {
  const now = clock.now();
  const [order] = await tx.$queryRaw<LockedOrder[]>`
    SELECT o.status::text AS status, o.lot_id, o.quantity, l.auto_delivery
    FROM lot_orders o JOIN lots l ON l.id = o.lot_id WHERE o.id = ${orderId} FOR UPDATE OF o`;
  if (!order) throw new Error(`a payment points at a missing lot order ${orderId}`);
  if (order.status === 'EXPIRED' || order.status === 'CANCELLED') {
    const [taken] = await tx.$queryRaw<{ id: number }[]>`
      UPDATE lots SET quantity = quantity - ${order.quantity}, active = active AND quantity - ${order.quantity} > 0, updated_at = ${now}
      WHERE id = ${order.lot_id} AND deleted_at IS NULL AND quantity >= ${order.quantity} RETURNING id`;
    if (!taken) return 'NO_STOCK';
  } else if (order.status !== 'AWAITING_PAYMENT') {
    return 'UNCHANGED';
  }
  const paid = await tx.$queryRaw<{ id: number }[]>(Prisma.sql`
    WITH src AS (
      UPDATE lot_orders SET status = 'PAID', paid_at = ${now}, updated_at = ${now}
      WHERE id = ${orderId} AND status IN ('AWAITING_PAYMENT', 'EXPIRED', 'CANCELLED')
      RETURNING id, seller_id, total_minor, fee_minor, currency
    ),
    ${holdSteps(now)}
    SELECT id FROM src`);
  if (paid.length === 0) return 'UNCHANGED';
  await tx.$executeRaw`UPDATE lots SET active = false, updated_at = ${now} WHERE id = ${order.lot_id} AND deactivate_after_sale AND active`;
  if (!order.auto_delivery) return 'PAID';

  const [stock] = await tx.$queryRaw<{ n: bigint }[]>`
    SELECT count(*)::bigint AS n FROM (
      SELECT id FROM lot_goods WHERE lot_id = ${order.lot_id} AND order_id IS NULL ORDER BY id LIMIT ${order.quantity} FOR UPDATE SKIP LOCKED
    ) g`;
  // Not enough stored goods: the seller delivers by hand (and is told so).
  if ((stock?.n ?? 0n) < order.quantity) return 'PAID';
  await tx.$executeRaw`
    UPDATE lot_goods SET order_id = ${orderId}, delivered_at = ${now}
    WHERE id IN (SELECT id FROM lot_goods WHERE lot_id = ${order.lot_id} AND order_id IS NULL ORDER BY id LIMIT ${order.quantity} FOR UPDATE SKIP LOCKED)`;
  await tx.$executeRaw`
    UPDATE lot_orders SET status = 'DELIVERED', delivered_at = ${now}, confirm_by = ${addHours(now, escrow.autoConfirmHours)}, updated_at = ${now}
    WHERE id = ${orderId} AND status = 'PAID'`;
  return 'DELIVERED';
}

/**
 * The money of a held order went back to the buyer (a refund notification, or the refund path
 * of a dispute or a seller's cancel, which claimed the order first): the order is REFUNDED and
 * the hold released (ESCROW_RELEASE, once per order), in one statement guarded by the order's
 * status (`from`). A completed order is not undone here: its money is the seller's already.
 * False: the order was not in one of `from` (another transition won).
 */
export async function refundHeldOrderIn(
  tx: Pick<Tx, '$queryRaw'>,
  clock: Clock,
  orderId: number,
  from: readonly LotOrderStatus[] = ['PAID', 'DELIVERED', 'DISPUTED'],
): Promise<boolean> {
  const now = clock.now();
  const refunded = await tx.$queryRaw<{ id: number }[]>(Prisma.sql`
    WITH src AS (
      UPDATE lot_orders SET status = 'REFUNDED', closed_at = ${now}, updated_at = ${now}
      WHERE id = ${orderId} AND status::text IN (${Prisma.join(from)})
      RETURNING id, seller_id, total_minor, fee_minor, currency
    ),
    ${releaseSteps(now)}
    SELECT id FROM src`);
  return refunded.length > 0;
}

/**
 * Unpaid orders chosen by `chosen` (a SELECT of ids) end as `status` and give their quantity back
 * to their lots, in one statement: an order leaves AWAITING_PAYMENT once, so its quantity returns
 * once. A lot that had sold out through reservations is back on sale (unless deleted).
 */
export async function releaseLotOrders(
  db: Pick<Tx, '$queryRaw'>,
  clock: Clock,
  status: 'EXPIRED' | 'CANCELLED',
  chosen: Prisma.Sql,
): Promise<{ id: number; buyer_id: number }[]> {
  const now = clock.now();
  return db.$queryRaw<{ id: number; buyer_id: number }[]>(Prisma.sql`
    WITH released AS (
      UPDATE lot_orders SET status = ${status}::"LotOrderStatus", closed_at = ${now}, updated_at = ${now}
      WHERE id IN (${chosen}) AND status = 'AWAITING_PAYMENT'
      RETURNING id, buyer_id, lot_id, quantity
    ),
    per_lot AS (SELECT lot_id, sum(quantity)::bigint AS quantity FROM released GROUP BY lot_id),
    returned AS (
      UPDATE lots l SET quantity = l.quantity + per_lot.quantity,
                        active = l.active OR (l.quantity = 0 AND l.deleted_at IS NULL AND NOT l.deactivate_after_sale),
                        updated_at = ${now}
      FROM per_lot WHERE l.id = per_lot.lot_id
      RETURNING l.id
    )
    SELECT id, buyer_id FROM released ORDER BY id`);
}
