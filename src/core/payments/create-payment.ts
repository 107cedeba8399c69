import { randomUUID } from 'node:crypto';
import { fail, ok, type Result } from '../result.js';
import { convertMinor } from '../rates/rates.js';
import type { PaymentDeps } from './deps.js';
import type { Checkout, ProviderId } from './gateway.js';

export type CreatePaymentError = 'ORDER_NOT_FOUND' | 'ORDER_NOT_PAYABLE' | 'PROVIDER_OFF' | 'RATE_UNAVAILABLE' | 'PROVIDER_FAILED';

export interface CreatedPayment {
  paymentId: number;
  publicId: string;
  provider: ProviderId;
  amountMinor: bigint;
  currency: string;
  checkout: Checkout;
}

/**
 * Opens a payment for the buyer's pending order with one provider: the amount converted to a
 * currency the provider takes (rate stored, rounded up), the payment row written first (so a
 * notification can never arrive for a payment we do not know), then the provider asked for its
 * checkout. Asking again for the same order and provider returns the open payment instead of a
 * second one.
 */
export async function createPayment(
  deps: PaymentDeps,
  input: { buyerId: number; provider: ProviderId } & ({ orderId: number } | { lotOrderId: number }),
): Promise<Result<CreatedPayment, CreatePaymentError>> {
  const gateway = deps.gateways.get(input.provider);
  if (!gateway) return fail('PROVIDER_OFF');
  const order = await payableOrder(deps, input);
  if (!order) return fail('ORDER_NOT_FOUND');
  const now = deps.clock.now();
  if (!order.waiting || order.reservedUntil <= now) return fail('ORDER_NOT_PAYABLE');

  const open = await deps.db.payment.findFirst({
    where: { ...order.link, provider: input.provider, status: { in: ['CREATED', 'PENDING'] } },
    orderBy: { id: 'desc' },
  });
  // A quote that has run out (crypto) is not offered again: the buyer gets a new one.
  const reusable = open && !(open.expiresAt && open.expiresAt <= now) ? open : null;
  if (reusable?.status === 'PENDING' && (reusable.payUrl || input.provider === 'stars')) {
    const checkout = checkoutOf(reusable);
    return ok({ paymentId: reusable.id, publicId: reusable.publicId, provider: input.provider, amountMinor: reusable.amountMinor, currency: reusable.currency, checkout });
  }

  const orderCurrency = order.currency.trim();
  const currency = gateway.currencies.includes(orderCurrency) ? orderCurrency : gateway.currencies[0]!;
  const rate = await deps.rates.get(orderCurrency, currency);
  if (!rate) return fail('RATE_UNAVAILABLE');
  const amountMinor = convertMinor(order.amountMinor, orderCurrency, currency, rate.rate);

  const expiresAt = gateway.quoteValidMs ? new Date(Math.min(order.reservedUntil.getTime(), now.getTime() + gateway.quoteValidMs)) : order.reservedUntil;
  const payment =
    reusable ??
    (await deps.db.payment.create({
      data: {
        publicId: randomUUID(),
        ...order.link,
        provider: input.provider,
        amountMinor,
        currency,
        orderAmountMinor: order.amountMinor,
        orderCurrency,
        rate: currency === orderCurrency ? null : rate.rate.toString(),
        expiresAt,
        createdAt: now,
        updatedAt: now,
      },
    }));

  let checkout: Checkout;
  try {
    checkout = await gateway.createCheckout({
      publicId: payment.publicId,
      amountMinor: payment.amountMinor,
      currency: payment.currency,
      description: order.description,
      expiresAt: payment.expiresAt ?? order.reservedUntil,
    });
  } catch (error) {
    deps.logger.error({ err: error, paymentId: payment.id, provider: input.provider }, 'the provider did not create the checkout');
    // Whether the provider made it is unknown, but the buyer never saw its page, so nothing can be
    // paid on it: it is closed, and the next attempt gets a new reference (a provider such as
    // Sber refuses a second registration of the same one).
    await deps.db.payment.updateMany({ where: { id: payment.id, status: 'CREATED' }, data: { status: 'FAILED', updatedAt: deps.clock.now() } });
    return fail('PROVIDER_FAILED');
  }
  await deps.db.payment.updateMany({
    where: { id: payment.id, status: 'CREATED' },
    data: {
      status: 'PENDING',
      updatedAt: deps.clock.now(),
      payUrl: checkout.kind === 'invoice' ? null : checkout.payUrl,
      ...(checkout.providerRef ? { providerRef: checkout.providerRef } : {}),
    },
  });
  return ok({ paymentId: payment.id, publicId: payment.publicId, provider: input.provider, amountMinor: payment.amountMinor, currency: payment.currency, checkout });
}

/** The checkout of a payment already open: its page, its deposit address (EIP-681 URI), or its invoice. */
function checkoutOf(payment: { payUrl: string | null; providerRef: string | null }): Checkout {
  if (!payment.payUrl) return { kind: 'invoice' };
  if (payment.payUrl.startsWith('ethereum:') && payment.providerRef) return { kind: 'deposit', address: payment.providerRef, payUrl: payment.payUrl, providerRef: payment.providerRef };
  return { kind: 'redirect', payUrl: payment.payUrl };
}

interface PayableOrder {
  link: { tokenOrderId: number } | { lotOrderId: number };
  /** Still waiting for its payment (token order PENDING, lot order AWAITING_PAYMENT). */
  waiting: boolean;
  reservedUntil: Date;
  amountMinor: bigint;
  currency: string;
  description: string;
}

/** The buyer's own order, token or lot, as the payment sees it. */
async function payableOrder(
  deps: PaymentDeps,
  input: { buyerId: number } & ({ orderId: number } | { lotOrderId: number }),
): Promise<PayableOrder | null> {
  if ('lotOrderId' in input) {
    const order = await deps.db.lotOrder.findFirst({ where: { id: input.lotOrderId, buyerId: input.buyerId } });
    if (!order) return null;
    return {
      link: { lotOrderId: order.id },
      waiting: order.status === 'AWAITING_PAYMENT',
      reservedUntil: order.reservedUntil,
      amountMinor: order.totalMinor,
      currency: order.currency,
      description: `Market order #${order.id} (${order.quantity} pcs)`,
    };
  }
  const order = await deps.db.tokenOrder.findFirst({
    where: { id: input.orderId, buyerId: input.buyerId },
    include: { round: { select: { name: true } } },
  });
  if (!order) return null;
  return {
    link: { tokenOrderId: order.id },
    waiting: order.status === 'PENDING',
    reservedUntil: order.reservedUntil,
    amountMinor: order.priceMinor,
    currency: order.currency,
    description: `Order #${order.id}: ${order.amount} tokens (${order.round.name})`,
  };
}
