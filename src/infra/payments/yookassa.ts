import type { PaymentGateway } from '../../core/payments/gateway.js';

export interface YooKassaSettings {
  shopId: string;
  secretKey: string;
  /** The YooKassa API base (tests: a fake server); default https://api.yookassa.ru/v3. */
  apiUrl?: string;
  /** Where the payer returns after paying. */
  returnUrl: string;
  fetch?: typeof fetch;
}

// Placeholder: the adapter is being written.
export function createYooKassaGateway(_settings: YooKassaSettings): PaymentGateway {
  throw new Error('not implemented yet');
}
