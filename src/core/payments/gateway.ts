/**
 * The port every payment provider implements (src/infra/payments/<provider>.ts), so the core
 * creates, verifies, reconciles and refunds payments the same way whoever processes them.
 */

export const PROVIDERS = ['stripe', 'yoomoney', 'yookassa', 'sber', 'qiwi', 'stars', 'eth', 'erc20'] as const;
export type ProviderId = (typeof PROVIDERS)[number];

export type PaymentState = 'pending' | 'succeeded' | 'failed' | 'expired' | 'refunded';

export interface CheckoutRequest {
  /** Our reference for the payment; also the idempotency key for the provider. */
  publicId: string;
  amountMinor: bigint;
  currency: string;
  description: string;
  /** When the reservation behind the payment ends: the checkout should not outlive it. */
  expiresAt: Date;
}

/**
 * A page the buyer opens to pay (most providers), a Telegram invoice the bot sends (Stars), or an
 * address to send the exact amount to (crypto: `payUrl` is its EIP-681 URI, `providerRef` the address).
 */
export type Checkout =
  | { kind: 'redirect'; payUrl: string; providerRef?: string }
  | { kind: 'invoice'; providerRef?: string }
  | { kind: 'deposit'; address: string; payUrl: string; providerRef: string };

export interface NotificationRequest {
  /** The body exactly as received: signatures are over these bytes. */
  rawBody: string;
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
}

/** What a provider says about one payment, in our terms. */
export interface PaymentUpdate {
  /** Unique per provider: a redelivery carries the same id and changes nothing. */
  eventId: string;
  /** The provider's own name for the event, kept for the record. */
  kind: string;
  ref: { publicId: string } | { providerRef: string };
  state: PaymentState;
  /** What the payer paid, for `succeeded`: compared exactly with what was asked. */
  amountMinor?: bigint;
  currency?: string;
  /** The provider's id of the payment, learnt from the notification when we did not have it. */
  providerRef?: string;
}

export type ParsedNotification =
  | { ok: true; updates: PaymentUpdate[] }
  | { ok: false; code: 'BAD_SIGNATURE' | 'MALFORMED' | 'STALE' | 'NOT_VERIFIED'; reason: string };

/** How a webhook turned out, for the provider-specific answer. */
export type WebhookOutcome = 'APPLIED' | 'DUPLICATE' | 'IGNORED' | 'UNKNOWN_PAYMENT' | 'ON_HOLD' | 'REJECTED' | 'MALFORMED';

export interface WebhookAnswer {
  status: number;
  body: string;
  contentType?: string;
}

export interface PaymentGateway {
  id: ProviderId;
  /** Currencies the provider takes; a payment in another currency is converted to the first. */
  currencies: readonly string[];
  /**
   * How long an amount quoted in the provider's currency holds (crypto, whose price moves): the
   * payment expires then, or with the order's reservation if that is sooner. Unset: the reservation.
   */
  quoteValidMs?: number;
  createCheckout(request: CheckoutRequest): Promise<Checkout>;
  /** Verifies (signature, or a look-up at the provider) and normalizes one notification. */
  parseNotification(request: NotificationRequest): Promise<ParsedNotification>;
  /** The payment's state at the provider right now (reconciliation); null when it does not know it. */
  fetchStatus(payment: { publicId: string; providerRef: string | null }): Promise<Omit<PaymentUpdate, 'eventId' | 'kind'> | null>;
  /** Gives the money back in full, where the provider can. */
  refund?(payment: { publicId: string; providerRef: string | null; amountMinor: bigint; currency: string }): Promise<void>;
  /** The answer the provider expects (so it retries when it should and stops when it should). */
  answer(outcome: WebhookOutcome): WebhookAnswer;
}
