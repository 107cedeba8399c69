import type { Checkout, CheckoutRequest, PaymentGateway, PaymentUpdate, ProviderId, WebhookOutcome } from '../../src/core/payments/gateway.js';

/**
 * A stand-in for a provider behind the PaymentGateway port, for the core's own tests (the real
 * adapters are tested against fake provider servers). It remembers what it was asked and answers
 * status look-ups from `statuses`.
 */
export class FakeGateway implements PaymentGateway {
  readonly checkouts: CheckoutRequest[] = [];
  readonly refunds: string[] = [];
  readonly statusRequests: string[] = [];
  statuses = new Map<string, Omit<PaymentUpdate, 'eventId' | 'kind'> | null>();
  failCheckout = false;

  constructor(
    readonly id: ProviderId = 'yookassa',
    readonly currencies: readonly string[] = ['RUB'],
    canRefund = true,
  ) {
    if (!canRefund) this.refund = undefined;
  }

  async createCheckout(request: CheckoutRequest): Promise<Checkout> {
    if (this.failCheckout) throw new Error('provider down');
    this.checkouts.push(request);
    return { kind: 'redirect', payUrl: `https://pay.example/${request.publicId}`, providerRef: `ref-${request.publicId}` };
  }

  async parseNotification() {
    return { ok: false as const, code: 'MALFORMED' as const, reason: 'the fake takes no notifications' };
  }

  async fetchStatus(payment: { publicId: string }) {
    this.statusRequests.push(payment.publicId);
    return this.statuses.get(payment.publicId) ?? null;
  }

  refund?: PaymentGateway['refund'] = async (payment) => {
    this.refunds.push(payment.publicId);
  };

  answer(outcome: WebhookOutcome) {
    return { status: outcome === 'REJECTED' ? 401 : 200, body: JSON.stringify({ outcome }) };
  }
}
