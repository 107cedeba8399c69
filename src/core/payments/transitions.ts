import type { PaymentStatus } from '../../generated/prisma/client.js';
import type { PaymentState } from './gateway.js';

/**
 * The legal moves of a payment: created → pending → succeeded / failed / expired, succeeded →
 * refunded, and a paid-but-mismatched payment held for review. Money that arrives after the
 * payment expired or failed on our side (the payer finished late, a reconciliation expired it
 * first) is still taken: failed / expired → succeeded, and the order's late-payment rule decides
 * (sold while the tokens remain, otherwise marked for refund). Anything else (a "pending" after
 * "succeeded", a second "succeeded") is recorded and ignored.
 */
const LEGAL: Record<PaymentStatus, readonly PaymentStatus[]> = {
  CREATED: ['PENDING', 'SUCCEEDED', 'FAILED', 'EXPIRED', 'ON_HOLD'],
  PENDING: ['SUCCEEDED', 'FAILED', 'EXPIRED', 'ON_HOLD'],
  SUCCEEDED: ['REFUNDED'],
  ON_HOLD: ['REFUNDED'],
  FAILED: ['SUCCEEDED', 'ON_HOLD'],
  EXPIRED: ['SUCCEEDED', 'ON_HOLD'],
  REFUNDED: [],
};

export function canMove(from: PaymentStatus, to: PaymentStatus): boolean {
  return LEGAL[from].includes(to);
}

export const STATUS_OF: Record<PaymentState, PaymentStatus> = {
  pending: 'PENDING',
  succeeded: 'SUCCEEDED',
  failed: 'FAILED',
  expired: 'EXPIRED',
  refunded: 'REFUNDED',
};

/** Statuses in which the payer may still pay. */
export const OPEN_STATUSES: readonly PaymentStatus[] = ['CREATED', 'PENDING'];
