// Lot orders under real concurrency (DESIGN.md invariant 1): 50 buyers on separate connections for
// a lot with less stock than they want, and a confirmation racing a dispute.
// Runs only when TEST_DATABASE_URL is set; every test works in a fresh database of its own.

import { afterAll, describe, expect, it } from 'vitest';
import { confirmLotOrder } from '../../src/core/market/orders/confirm-lot-order.js';
import { openDispute } from '../../src/core/market/orders/open-dispute.js';
import { startLotOrder } from '../../src/core/market/orders/start-lot-order.js';
import { applyPaymentUpdate } from '../../src/core/payments/apply-payment-update.js';
import { createPayment } from '../../src/core/payments/create-payment.js';
import { FakeGateway } from '../support/fake-gateway.js';
import { coreDeps, fixedClock, makeLot, makeMarket, makeSeller, makeUser } from '../support/factories.js';
import { expectEscrowBalances, orderDeps } from '../support/market-orders.js';
import { createPgTestDb, type PgTestDb, TEST_DATABASE_URL } from '../support/postgres.js';

const opened: PgTestDb[] = [];
afterAll(async () => {
  await Promise.all(opened.splice(0).map((db) => db.close()));
});
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe.skipIf(!TEST_DATABASE_URL)('lot orders on PostgreSQL', () => {
  it('50 concurrent buyers never oversell a lot: quantity never negative, sold = orders', async () => {
    const db = await createPgTestDb(60);
    opened.push(db);
    const deps = orderDeps(coreDeps(db.prisma, { clock: fixedClock() }), [new FakeGateway('stripe', ['USD'])]);
    const { category } = await makeMarket(db.prisma);
    const seller = await makeSeller(db.prisma);
    const stock = 37n;
    const lot = await makeLot(db.prisma, seller.id, category.id, { quantity: stock });
    const buyers = await Promise.all(range(50).map(() => makeUser(db.prisma)));
    const results = await Promise.all(buyers.map((b, i) => startLotOrder(deps, { buyerId: b.id, lotId: lot.id, quantity: BigInt(1 + (i % 2)) })));
    const won = results.filter((r) => r.ok);
    const sold = won.reduce((sum, r) => sum + (r.ok ? r.value.quantity : 0n), 0n);
    const after = await db.prisma.lot.findUniqueOrThrow({ where: { id: lot.id } });
    expect(after.quantity).toBeGreaterThanOrEqual(0n);
    expect(sold + after.quantity).toBe(stock);
    const ordered = await db.prisma.lotOrder.aggregate({ where: { lotId: lot.id }, _sum: { quantity: true }, _count: true });
    expect(ordered._sum.quantity).toBe(sold);
    expect(ordered._count).toBe(won.length);
    // Demand (75) is over the stock: some were refused, each with a clear code.
    expect(won.length).toBeLessThan(50);
    for (const r of results) if (!r.ok) expect(['NOT_ENOUGH', 'LOT_UNAVAILABLE']).toContain(r.code);
    // Whatever is left is less than what the last refused buyer asked for, or nothing.
    expect(after.quantity).toBeLessThanOrEqual(1n);
  });

  it('a confirmation racing a dispute: exactly one wins, and the books agree', async () => {
    const db = await createPgTestDb(20);
    opened.push(db);
    const gateway = new FakeGateway('stripe', ['USD']);
    const deps = orderDeps(coreDeps(db.prisma, { clock: fixedClock() }), [gateway]);
    const { category } = await makeMarket(db.prisma);
    const seller = await makeSeller(db.prisma);
    const lot = await makeLot(db.prisma, seller.id, category.id, { quantity: 100n });
    for (const round of range(10)) {
      const buyer = await makeUser(db.prisma);
      const started = await startLotOrder(deps, { buyerId: buyer.id, lotId: lot.id, quantity: 1n });
      if (!started.ok) throw new Error(started.code);
      const created = await createPayment(deps, { buyerId: buyer.id, lotOrderId: started.value.orderId, provider: 'stripe' });
      if (!created.ok) throw new Error(created.code);
      await applyPaymentUpdate(deps, 'stripe', { eventId: `e${round}`, kind: 't', ref: { publicId: created.value.publicId }, state: 'succeeded', amountMinor: created.value.amountMinor, currency: 'USD' }, '{}');
      const actor = { userId: buyer.id };
      const [confirmed, disputed] = await Promise.all([
        confirmLotOrder(deps, { actor, orderId: started.value.orderId }),
        openDispute(deps, { actor, orderId: started.value.orderId, reason: 'race' }),
      ]);
      expect([confirmed.ok, disputed.ok].filter(Boolean)).toHaveLength(1);
      const order = await db.prisma.lotOrder.findUniqueOrThrow({ where: { id: started.value.orderId } });
      expect(order.status).toBe(confirmed.ok ? 'CONFIRMED' : 'DISPUTED');
    }
    await expectEscrowBalances(db.prisma);
  });
});
