import { Prisma } from '../../../generated/prisma/client.js';
import { fail, ok, type Result } from '../../result.js';
import type { Actor, OrderDeps } from './deps.js';
import { orderFor } from './order-access.js';
import { releaseLotOrders } from './pay-lot-order.js';
import { refundLotOrder } from './refund-lot-order.js';

export type CancelError = 'ORDER_NOT_FOUND' | 'NOT_ALLOWED' | 'WRONG_STATUS';

/**
 * Cancels an order before delivery. Unpaid: its buyer or its seller cancels, the quantity goes
 * back to the lot. Paid (not yet delivered): only the seller, and the buyer is refunded through
 * the payment's provider; the quantity is NOT given back (a seller who cannot deliver should not
 * keep selling what they do not have: they edit the lot's stock themselves).
 */
export async function cancelLotOrder(
  deps: OrderDeps,
  input: { actor: Actor; orderId: number },
): Promise<Result<{ orderId: number; refunded: boolean; moneyReturned: boolean }, CancelError>> {
  const found = await orderFor(deps.db, input.orderId, input.actor);
  if (!found.ok) return found;
  const { order, role } = found.value;
  if (role === 'SUPPORT') return fail('NOT_ALLOWED');
  if (order.status === 'AWAITING_PAYMENT') {
    const released = await releaseLotOrders(deps.db, deps.clock, 'CANCELLED', Prisma.sql`SELECT ${order.id}::int`);
    if (released.length) return ok({ orderId: order.id, refunded: false, moneyReturned: false });
    return fail('WRONG_STATUS');
  }
  if (role !== 'SELLER') return order.status === 'PAID' ? fail('NOT_ALLOWED') : fail('WRONG_STATUS');
  if (order.status !== 'PAID') return fail('WRONG_STATUS');
  const refund = await refundLotOrder(deps, order.id, ['PAID']);
  if (!refund.claimed) return fail('WRONG_STATUS');
  return ok({ orderId: order.id, refunded: true, moneyReturned: refund.moneyReturned });
}
