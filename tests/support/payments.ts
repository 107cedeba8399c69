import type { CoreDeps } from '../../src/core/deps.js';
import type { PaymentDeps } from '../../src/core/payments/deps.js';
import type { PaymentGateway, ProviderId } from '../../src/core/payments/gateway.js';
import { fixedRates } from '../../src/core/rates/rates.js';
import { startPurchase } from '../../src/core/tokens/start-purchase.js';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import { makeToken, makeUser, TEST_RATES } from './factories.js';

/** The core with the given gateways and the tests' fixed rates. */
export function paymentDeps(core: CoreDeps, gateways: PaymentGateway[]): PaymentDeps {
  return { ...core, gateways: new Map(gateways.map((g) => [g.id, g] as [ProviderId, PaymentGateway])), rates: fixedRates(TEST_RATES) };
}

/**
 * A buyer (with a referrer, so rewards are booked too) and a pending order of `amount` tokens at
 * `unitPrice` in `currency`, on a fresh token with room to spare.
 */
export async function pendingOrder(
  db: PrismaClient,
  core: CoreDeps,
  options: { amount?: number; unitPrice?: string; currency?: string; cap?: bigint } = {},
) {
  const token = await makeToken(db, [{ cap: options.cap ?? 100_000n, unitPrice: options.unitPrice ?? '0.0125', currency: options.currency ?? 'USD', referralPercent: '10' }]);
  const referrer = await makeUser(db);
  const buyer = await makeUser(db, { referrerId: referrer.id });
  const started = await startPurchase(core, { buyerId: buyer.id, tokenId: token.id, amount: options.amount ?? 1000 });
  if (!started.ok) throw new Error(started.code);
  return { token, buyer, referrer, order: started.value };
}
