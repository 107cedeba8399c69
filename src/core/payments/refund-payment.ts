import { fail, ok, type Result } from '../result.js';
import { applyPaymentUpdate } from './apply-payment-update.js';
import type { PaymentDeps } from './deps.js';
import type { ProviderId } from './gateway.js';

export type RefundError = 'NOT_ALLOWED' | 'PAYMENT_NOT_FOUND' | 'NOT_REFUNDABLE' | 'TOKENS_PAID_OUT' | 'PROVIDER_CANNOT_REFUND' | 'PROVIDER_FAILED';

/**
 * An admin gives a paid order's money back: the provider refunds first (a network call, outside
 * any transaction); then, as for a provider's refund notification, the payment becomes REFUNDED and
 * the order is undone in one transaction (tokens back to the round, purchase and rewards reversed
 * in the ledger). Refunding twice is refused: the second call finds the payment already REFUNDED.
 */
export async function refundPayment(
  deps: PaymentDeps,
  input: { paymentId: number; isAdmin: boolean },
): Promise<Result<{ paymentId: number; orderId: number; market: boolean }, RefundError>> {
  if (!input.isAdmin) return fail('NOT_ALLOWED');
  const payment = await deps.db.payment.findUnique({ where: { id: input.paymentId } });
  if (!payment) return fail('PAYMENT_NOT_FOUND');
  if (payment.status !== 'SUCCEEDED' && payment.status !== 'ON_HOLD') return fail('NOT_REFUNDABLE');
  // A lot order's paid payment is refunded by the escrow flow (a dispute, a seller's cancel), which
  // undoes its hold; one put ON_HOLD (paid too late with nothing left, or a wrong amount) held
  // nothing and is refunded here like any other.
  if (payment.tokenOrderId === null && payment.status !== 'ON_HOLD') return fail('NOT_REFUNDABLE');
  const orderId = payment.tokenOrderId ?? payment.lotOrderId!;
  // The purchase can only be undone while its tokens are still in the buyer's balance: not paid out
  // on chain and not reserved by a payout on its way (the money would go back and the tokens stay).
  if (payment.tokenOrderId !== null && (await tokensStillHeld(deps, orderId)) === false) return fail('TOKENS_PAID_OUT');
  const gateway = deps.gateways.get(payment.provider as ProviderId);
  if (!gateway?.refund) return fail('PROVIDER_CANNOT_REFUND');
  try {
    await gateway.refund({ publicId: payment.publicId, providerRef: payment.providerRef, amountMinor: payment.amountMinor, currency: payment.currency });
  } catch (error) {
    deps.logger.error({ err: error, paymentId: payment.id }, 'the provider refused the refund');
    return fail('PROVIDER_FAILED');
  }
  // The refund then goes through the same path as a provider's refund notification.
  const applied = await applyPaymentUpdate(
    deps,
    payment.provider as ProviderId,
    { eventId: `refund:${payment.publicId}`, kind: 'admin_refund', ref: { publicId: payment.publicId }, state: 'refunded' },
    '',
  );
  return applied.outcome === 'APPLIED' ? ok({ paymentId: payment.id, orderId, market: payment.tokenOrderId === null }) : fail('NOT_REFUNDABLE');
}

/**
 * Whether the buyer still holds the order's tokens: balance minus open payouts covers them. An
 * order that never credited tokens (paid too late: REFUND_REQUIRED) holds nothing to give back.
 */
async function tokensStillHeld(deps: PaymentDeps, orderId: number): Promise<boolean> {
  const [row] = await deps.db.$queryRaw<{ held: boolean }[]>`
    SELECT o.status <> 'PAID'
        OR coalesce(b.amount, 0) - coalesce((SELECT sum(p.amount) FROM payouts p
             WHERE p.user_id = o.buyer_id AND p.asset = t.symbol AND p.status IN ('PENDING', 'SIGNED', 'SENT')), 0) >= o.amount AS held
    FROM token_orders o
    JOIN token_rounds r ON r.id = o.round_id
    JOIN tokens t ON t.id = r.token_id
    LEFT JOIN balances b ON b.user_id = o.buyer_id AND b.asset = t.symbol
    WHERE o.id = ${orderId}`;
  return row?.held ?? false;
}
