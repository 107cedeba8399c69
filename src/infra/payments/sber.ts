import type { PaymentGateway } from '../../core/payments/gateway.js';

export interface SberSettings {
  username: string;
  password: string;
  /** The key of the callback checksum (HMAC-SHA256); callbacks without it are verified by a status request only. */
  callbackKey?: string;
  /** The gateway base (tests: a fake server); default Sber's production. */
  apiUrl?: string;
  /** Where the payer returns after paying. */
  returnUrl: string;
  fetch?: typeof fetch;
}

// Placeholder: the adapter is being written.
export function createSberGateway(_settings: SberSettings): PaymentGateway {
  throw new Error('not implemented yet');
}
