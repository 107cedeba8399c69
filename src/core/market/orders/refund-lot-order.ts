import type { LotOrderStatus } from '../../../generated/prisma/client.js';
import { applyPaymentUpdate } from '../../payments/apply-payment-update.js';
import type { ProviderId } from '../../payments/gateway.js';
import type { OrderDeps } from './deps.js';
import { refundHeldOrderIn } from './pay-lot-order.js';

export type LotRefund =
  | { claimed: false }
  /** The order is REFUNDED and its hold released; `moneyReturned` says whether the provider gave the money back. */
  | { claimed: true; moneyReturned: boolean };

/**
 * Refunds a held order: first the order is claimed (REFUNDED, hold released) by one statement
 * guarded by `from`, so a concurrent confirm or release cannot also pay the seller; then, after
 * commit, the provider refunds the succeeded payment (a network call, outside any transaction)
 * and the refund is applied like a provider's refund notification (payment REFUNDED; the order's
 * release is already booked and is not booked again). If the provider fails, the order stays
 * REFUNDED with its payment SUCCEEDED: calling this again (an order already REFUNDED) retries the
 * provider only.
 */
export async function refundLotOrder(deps: OrderDeps, orderId: number, from: readonly LotOrderStatus[]): Promise<LotRefund> {
  const claimed = await refundHeldOrderIn(deps.db, deps.clock, orderId, from);
  if (!claimed) {
    const order = await deps.db.lotOrder.findUnique({ where: { id: orderId }, select: { status: true } });
    if (order?.status !== 'REFUNDED') return { claimed: false };
  }
  const payment = await deps.db.payment.findFirst({ where: { lotOrderId: orderId, status: 'SUCCEEDED' }, orderBy: { id: 'desc' } });
  if (!payment) {
    if (!claimed) return { claimed: false };
    deps.logger.error({ orderId }, 'refunded lot order without a succeeded payment');
    return { claimed: true, moneyReturned: false };
  }
  const provider = payment.provider as ProviderId;
  const gateway = deps.gateways.get(provider);
  if (!gateway?.refund) {
    deps.logger.error({ orderId, paymentId: payment.id, provider }, 'lot order refunded, but its provider cannot refund: give the money back by hand');
    return { claimed: true, moneyReturned: false };
  }
  try {
    await gateway.refund({ publicId: payment.publicId, providerRef: payment.providerRef, amountMinor: payment.amountMinor, currency: payment.currency });
  } catch (error) {
    deps.logger.error({ err: error, orderId, paymentId: payment.id }, 'the provider refused the lot order refund; it can be retried');
    return { claimed: true, moneyReturned: false };
  }
  await applyPaymentUpdate(deps, provider, { eventId: `refund:${payment.publicId}`, kind: 'escrow_refund', ref: { publicId: payment.publicId }, state: 'refunded' }, '');
  return { claimed: true, moneyReturned: true };
}
