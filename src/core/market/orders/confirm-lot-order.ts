import { Prisma } from '../../../generated/prisma/client.js';
import { fail, ok, type Result } from '../../result.js';
import { completeLotOrders } from './complete-lot-orders.js';
import type { Actor, OrderDeps } from './deps.js';
import { orderFor } from './order-access.js';

export type ConfirmError = 'ORDER_NOT_FOUND' | 'NOT_ALLOWED' | 'WRONG_STATUS';

/**
 * The buyer confirms they received the goods (delivered, or still marked paid: the buyer may
 * confirm before the seller pressed Deliver): the order completes and the seller is credited.
 * Guarded by the status in the completing statement, so a concurrent dispute and this cannot
 * both succeed.
 */
export async function confirmLotOrder(deps: OrderDeps, input: { actor: Actor; orderId: number }): Promise<Result<{ orderId: number }, ConfirmError>> {
  const found = await orderFor(deps.db, input.orderId, input.actor);
  if (!found.ok) return found;
  if (found.value.role !== 'BUYER') return fail('NOT_ALLOWED');
  const done = await completeLotOrders(deps.db, deps.clock, ['PAID', 'DELIVERED'], Prisma.sql`SELECT ${input.orderId}::int`);
  return done.length ? ok({ orderId: input.orderId }) : fail('WRONG_STATUS');
}
