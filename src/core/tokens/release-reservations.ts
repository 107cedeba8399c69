import { Prisma } from '../../generated/prisma/client.js';
import type { Clock, CoreDeps, Db, Tx } from '../deps.js';
import { fail, ok, type Result } from '../result.js';

/**
 * Moves the chosen pending orders to `status` and gives their tokens back to their rounds, in one
 * statement: an order leaves PENDING once, so its tokens are released once, even when the sweep
 * runs in several processes (SKIP LOCKED) or races a confirmation (which then sees EXPIRED).
 */
export async function releaseOrders(
  db: Db | Tx,
  clock: Clock,
  status: 'EXPIRED' | 'CANCELLED',
  chosen: Prisma.Sql,
): Promise<{ id: number; buyer_id: number }[]> {
  const now = clock.now();
  return db.$queryRaw<{ id: number; buyer_id: number }[]>(Prisma.sql`
    WITH released AS (
      UPDATE token_orders SET status = ${status}::"OrderStatus", updated_at = ${now}
      WHERE id IN (${chosen}) AND status = 'PENDING'
      RETURNING id, buyer_id, round_id, amount
    ),
    per_round AS (SELECT round_id, sum(amount)::bigint AS amount FROM released GROUP BY round_id),
    returned AS (
      UPDATE token_rounds r SET reserved = r.reserved - per_round.amount
      FROM per_round WHERE r.id = per_round.round_id
      RETURNING r.id
    )
    SELECT id, buyer_id FROM released ORDER BY id`);
}

/** Releases reservations whose time is up, at most `batch` per call; returns the expired orders. */
export async function expireReservations(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  options: { batch?: number } = {},
): Promise<{ orderId: number; buyerId: number }[]> {
  const now = deps.clock.now();
  const rows = await releaseOrders(
    deps.db,
    deps.clock,
    'EXPIRED',
    Prisma.sql`SELECT id FROM token_orders WHERE status = 'PENDING' AND reserved_until <= ${now}
               ORDER BY reserved_until LIMIT ${options.batch ?? 500} FOR UPDATE SKIP LOCKED`,
  );
  return rows.map((r) => ({ orderId: r.id, buyerId: r.buyer_id }));
}

/** The buyer gives up a pending order before paying; its tokens go back on sale at once. */
export async function cancelOrder(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  input: { buyerId: number; orderId: number },
): Promise<Result<{ orderId: number }, 'ORDER_NOT_FOUND' | 'ORDER_NOT_PENDING'>> {
  const rows = await releaseOrders(deps.db, deps.clock, 'CANCELLED', Prisma.sql`SELECT id FROM token_orders WHERE id = ${input.orderId} AND buyer_id = ${input.buyerId}`);
  if (rows.length) return ok({ orderId: input.orderId });
  const order = await deps.db.tokenOrder.findFirst({ where: { id: input.orderId, buyerId: input.buyerId } });
  return order ? fail('ORDER_NOT_PENDING') : fail('ORDER_NOT_FOUND');
}
