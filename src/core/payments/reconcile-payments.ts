import { Prisma } from '../../generated/prisma/client.js';
import { type AppliedUpdate, applyPaymentUpdate } from './apply-payment-update.js';
import type { PaymentDeps } from './deps.js';
import type { ProviderId } from './gateway.js';

/**
 * Asks the providers about payments still open after `pendingForMs`, and applies each answer
 * through the same path as a notification (so a missed webhook is recovered, and one that
 * arrives later is a duplicate). A payment the provider does not know, whose reservation has
 * ended, expires here. Several processes can sweep at once: each claims its batch with SKIP
 * LOCKED and moves the claimed payments' updated_at, so the others pass them by.
 */
export async function reconcilePayments(
  deps: PaymentDeps,
  options: { pendingForMs: number; batch?: number },
): Promise<AppliedUpdate[]> {
  const now = deps.clock.now();
  const providers = [...deps.gateways.keys()];
  if (providers.length === 0) return [];
  const claimed = await deps.db.$queryRaw<{ public_id: string; provider: ProviderId; provider_ref: string | null; expires_at: Date | null }[]>(Prisma.sql`
    UPDATE payments SET updated_at = ${now}
    WHERE id IN (
      SELECT id FROM payments
      WHERE status IN ('CREATED', 'PENDING') AND updated_at <= ${new Date(now.getTime() - options.pendingForMs)}
        AND provider = ANY(${providers}::text[])
      ORDER BY updated_at LIMIT ${options.batch ?? 100}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING public_id, provider, provider_ref, expires_at`);

  const results: AppliedUpdate[] = [];
  for (const payment of claimed) {
    const gateway = deps.gateways.get(payment.provider)!;
    try {
      const status = await gateway.fetchStatus({ publicId: payment.public_id, providerRef: payment.provider_ref });
      if (status && status.state !== 'pending') {
        const update = { ...status, eventId: `reconcile:${payment.public_id}:${status.state}`, kind: 'reconciliation' };
        results.push(await applyPaymentUpdate(deps, payment.provider, update, JSON.stringify(update, bigintAsString)));
      } else if (!status && payment.expires_at && payment.expires_at <= now) {
        const update = { eventId: `reconcile:${payment.public_id}:expired`, kind: 'reconciliation', ref: { publicId: payment.public_id }, state: 'expired' as const };
        results.push(await applyPaymentUpdate(deps, payment.provider, update, JSON.stringify(update)));
      }
    } catch (error) {
      // One provider being down must not stop the sweep; the payment is asked again next time.
      deps.logger.error({ err: error, provider: payment.provider, publicId: payment.public_id }, 'reconciliation: status request failed');
    }
  }
  return results;
}

const bigintAsString = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value);
