import type { PaymentGateway } from '../../core/payments/gateway.js';

export interface YooMoneySettings {
  wallet: string;
  notificationSecret: string;
  /** The quickpay base URL; default YooMoney's own. */
  apiUrl?: string;
  /** Where the payer returns after paying. */
  returnUrl: string;
  fetch?: typeof fetch;
}

// Placeholder: the adapter is being written.
export function createYooMoneyGateway(_settings: YooMoneySettings): PaymentGateway {
  throw new Error('not implemented yet');
}
