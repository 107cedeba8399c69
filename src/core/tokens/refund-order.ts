import { Prisma } from '../../generated/prisma/client.js';
import { bookEntries } from '../ledger/book-entries.js';
import type { Clock, Tx } from '../deps.js';

/**
 * Undoes a token order whose money went back to the buyer, inside the caller's transaction:
 * a PAID order's tokens return to its round, and its purchase and referral rewards are reversed
 * with REFUND ledger entries (one per original entry, keyed on it, so a replay books nothing);
 * an order that was waiting for its refund (paid too late) had nothing booked. Either ends REFUNDED.
 */
export async function refundOrderIn(tx: Tx, clock: Clock, orderId: number): Promise<'REFUNDED' | 'NOT_REFUNDABLE'> {
  const now = clock.now();
  const [order] = await tx.$queryRaw<{ status: string; round_id: number; amount: bigint }[]>`
    SELECT status::text AS status, round_id, amount FROM token_orders WHERE id = ${orderId} FOR UPDATE`;
  if (order?.status === 'REFUND_REQUIRED') {
    await tx.tokenOrder.update({ where: { id: orderId }, data: { status: 'REFUNDED' } });
    return 'REFUNDED';
  }
  if (order?.status !== 'PAID') return 'NOT_REFUNDABLE';
  await tx.$queryRaw(Prisma.sql`
    WITH refunded AS (
      UPDATE token_orders SET status = 'REFUNDED', updated_at = ${now} WHERE id = ${orderId} AND status = 'PAID' RETURNING id, round_id, amount
    ),
    returned AS (
      UPDATE token_rounds r SET sold = r.sold - refunded.amount FROM refunded WHERE r.id = refunded.round_id RETURNING r.id
    ),
    originals AS (
      SELECT l.user_id, l.asset, l.amount, l.kind::text || ':' || l.source AS source
      FROM ledger_entries l, refunded
      WHERE (l.kind = 'PURCHASE' AND l.source = 'token_order:' || refunded.id)
         OR (l.kind = 'REFERRAL_REWARD' AND l.source IN (SELECT 'referral_reward:' || rw.id FROM referral_rewards rw WHERE rw.order_id = refunded.id))
    ),
    ${bookEntries(Prisma.sql`SELECT user_id, 'REFUND'::"LedgerKind", asset, -amount, source, ${now}::timestamptz FROM originals`)}
    SELECT 1`);
  return 'REFUNDED';
}
