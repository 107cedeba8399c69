import { afterAll, beforeAll, expect, test } from 'vitest';
import { deleteLot } from '../../src/core/market/lots/delete-lot.js';
import { startLotOrder } from '../../src/core/market/orders/start-lot-order.js';
import { type Database, openDatabase } from '../../src/infra/database.js';
import { coreDeps, makeLot, makeMarket, makeSeller, makeUser } from '../support/factories.js';
import { orderDeps } from '../support/market-orders.js';
import { createPgTestDb, type PgTestDb } from '../support/postgres.js';

// A buy and a delete of the same lot on two connections of their own (two "processes").
let a: PgTestDb;
let b: Database | undefined;

beforeAll(async () => {
  a = await createPgTestDb(10);
  b = await openDatabase({ url: a.url, dataDir: 'unused', poolSize: 10 });
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

/** Resolves once a statement of this database waits for a lock (the delete queued behind the buy). */
async function someoneWaitsForALock(): Promise<void> {
  for (;;) {
    const [row] = await a.prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
    if (row && row.n > 0n) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

test('a delete that starts while a buy of the lot is committing sees its order and is refused', async () => {
  const { category } = await makeMarket(a.prisma);
  const seller = await makeSeller(a.prisma);
  const buyer = await makeUser(a.prisma);
  const lot = await makeLot(a.prisma, seller.id, category.id, { quantity: 5n });
  let deleting: ReturnType<typeof deleteLot> | undefined;
  // The buy's statements (the escrow's UPDATE lots ... + INSERT lot_orders), held open until the
  // delete on the other connection has started and waits on the lot's row.
  await a.prisma.$transaction(async (tx) => {
    await tx.$executeRaw`UPDATE lots SET quantity = quantity - 1 WHERE id = ${lot.id} AND active AND deleted_at IS NULL AND quantity >= 1`;
    await tx.lotOrder.create({
      data: { buyerId: buyer.id, sellerId: seller.id, lotId: lot.id, quantity: 1n, unitPrice: '1.5', priceUnit: 1n, priceMinor: 150n, feeMinor: 0n, totalMinor: 150n, currency: 'USD', status: 'AWAITING_PAYMENT', reservedUntil: new Date(Date.now() + 60_000) },
    });
    deleting = deleteLot(coreDeps(b!.prisma), { sellerId: seller.id, lotId: lot.id });
    await someoneWaitsForALock();
  });
  expect(await deleting).toEqual({ ok: false, code: 'LOT_HAS_OPEN_ORDERS' });
  expect(await a.prisma.lot.findUniqueOrThrow({ where: { id: lot.id } })).toMatchObject({ deletedAt: null, quantity: 4n });
});

test('a buy after the delete finds the lot gone', async () => {
  const { category } = await makeMarket(a.prisma);
  const seller = await makeSeller(a.prisma);
  const buyer = await makeUser(a.prisma);
  const lot = await makeLot(a.prisma, seller.id, category.id, { quantity: 5n });
  expect(await deleteLot(coreDeps(b!.prisma), { sellerId: seller.id, lotId: lot.id })).toEqual({ ok: true, value: { lotId: lot.id } });
  expect(await startLotOrder(orderDeps(coreDeps(a.prisma), []), { buyerId: buyer.id, lotId: lot.id, quantity: 1n })).toEqual({ ok: false, code: 'LOT_NOT_FOUND' });
});
