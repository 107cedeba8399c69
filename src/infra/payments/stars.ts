import type { PaymentGateway } from '../../core/payments/gateway.js';

// Placeholder: the adapter is being written.
export function createStarsGateway(): PaymentGateway {
  throw new Error('not implemented yet');
}
