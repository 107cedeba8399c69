import type { PaymentGateway } from '../../core/payments/gateway.js';

export interface QiwiSettings {
  secretKey: string;
  siteId: string;
  /** The P2P API base (tests: a fake server); default https://api.qiwi.com. */
  apiUrl?: string;
  /** Where the payer returns after paying. */
  returnUrl: string;
  fetch?: typeof fetch;
}

// Placeholder: the adapter is being written.
export function createQiwiGateway(_settings: QiwiSettings): PaymentGateway {
  throw new Error('not implemented yet');
}
