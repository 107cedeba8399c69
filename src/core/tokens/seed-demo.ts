import type { Db } from '../deps.js';

/**
 * On an empty database: a demo token with three rounds, the first active, so a fresh install has
 * something to sell. Does nothing when any token exists.
 */
export async function seedDemoSale(db: Db, now: Date): Promise<boolean> {
  if ((await db.token.count()) > 0) return false;
  await db.token.create({
    data: {
      name: 'Market Token',
      symbol: 'MKT',
      decimals: 0,
      totalSupply: 10_000_000n,
      rounds: {
        create: [
          { position: 1, name: 'Seed', currency: 'USD', unitPrice: '0.0100', cap: 1_000_000n, referralPercent: '10', minPurchase: 100n, maxPurchase: 100_000n, status: 'ACTIVE', activatedAt: now },
          { position: 2, name: 'Private', currency: 'USD', unitPrice: '0.0125', cap: 2_000_000n, referralPercent: '7', minPurchase: 100n, maxPurchase: 200_000n },
          { position: 3, name: 'Public', currency: 'USD', unitPrice: '0.0150', cap: 3_000_000n, referralPercent: '5', minPurchase: 10n, maxPurchase: 500_000n },
        ],
      },
    },
  });
  return true;
}
