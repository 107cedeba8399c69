import { Prisma } from '../../../generated/prisma/client.js';
import { fail, ok, type Result } from '../../result.js';
import { completeLotOrders } from './complete-lot-orders.js';
import type { Actor, OrderDeps } from './deps.js';
import { refundLotOrder } from './refund-lot-order.js';

export type ResolveDisputeError = 'NOT_ALLOWED' | 'ORDER_NOT_FOUND' | 'WRONG_STATUS' | 'BAD_DECISION';

export type DisputeDecision = 'refund' | 'release';

/**
 * Support decides a dispute. `release`: the order completes as if the buyer had confirmed (the
 * seller is credited). `refund`: the buyer gets the money back through the payment's provider and
 * the hold is released without crediting the seller; the quantity is not returned to the lot (the
 * goods may have been handed over). Only a DISPUTED order can be decided, once: both decisions are
 * one status-guarded statement. A refund whose provider call failed can be asked again
 * (`moneyReturned` false): the order stays REFUNDED and only the provider is retried.
 */
export async function resolveDispute(
  deps: OrderDeps,
  input: { actor: Actor; orderId: number; decision: DisputeDecision },
): Promise<Result<{ orderId: number; decision: DisputeDecision; moneyReturned: boolean }, ResolveDisputeError>> {
  if (!input.actor.isSupport) return fail('NOT_ALLOWED');
  if (input.decision !== 'refund' && input.decision !== 'release') return fail('BAD_DECISION');
  if (!Number.isSafeInteger(input.orderId) || input.orderId <= 0) return fail('ORDER_NOT_FOUND');
  const order = await deps.db.lotOrder.findUnique({ where: { id: input.orderId }, select: { id: true, status: true } });
  if (!order) return fail('ORDER_NOT_FOUND');
  if (input.decision === 'release') {
    const done = await completeLotOrders(deps.db, deps.clock, ['DISPUTED'], Prisma.sql`SELECT ${order.id}::int`);
    return done.length ? ok({ orderId: order.id, decision: 'release', moneyReturned: false }) : fail('WRONG_STATUS');
  }
  if (order.status !== 'DISPUTED' && order.status !== 'REFUNDED') return fail('WRONG_STATUS');
  const refund = await refundLotOrder(deps, order.id, ['DISPUTED']);
  if (!refund.claimed) return fail('WRONG_STATUS');
  return ok({ orderId: order.id, decision: 'refund', moneyReturned: refund.moneyReturned });
}
