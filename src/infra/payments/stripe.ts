import type { PaymentGateway } from '../../core/payments/gateway.js';

export interface StripeSettings {
  secretKey: string;
  webhookSecret: string;
  /** The Stripe API base (tests: a fake server); default Stripe's own. */
  apiUrl?: string;
  /** Where the payer returns after paying. */
  returnUrl: string;
  fetch?: typeof fetch;
}

// Placeholder: the adapter is being written.
export function createStripeGateway(_settings: StripeSettings): PaymentGateway {
  throw new Error('not implemented yet');
}
