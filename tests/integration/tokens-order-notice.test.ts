import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CoreDeps } from '../../src/core/deps.js';
import { confirmPayment } from '../../src/core/tokens/confirm-payment.js';
import { orderNotice } from '../../src/core/tokens/order-notice.js';
import { startPurchase } from '../../src/core/tokens/start-purchase.js';
import type { Database } from '../../src/infra/database.js';
import { createTestDb } from '../support/db.js';
import { coreDeps, makeToken, makeUser } from '../support/factories.js';

let db: Database;
let deps: CoreDeps;

beforeAll(async () => {
  db = await createTestDb();
  deps = coreDeps(db.prisma);
});
afterAll(() => db.close());

describe('an order notice', () => {
  test('has the order, its buyer and the buyer’s balance after the payment', async () => {
    const token = await makeToken(db.prisma, [{ name: 'Seed', unitPrice: '0.0125' }], 'NTC');
    const buyer = await makeUser(db.prisma);
    const started = await startPurchase(deps, { buyerId: buyer.id, tokenId: token.id, amount: 400 });
    if (!started.ok) throw new Error(started.code);
    expect(await orderNotice(db.prisma, started.value.orderId)).toMatchObject({ status: 'PENDING', balance: 0n });
    await confirmPayment(deps, started.value.orderId);
    expect(await orderNotice(db.prisma, started.value.orderId)).toEqual({
      orderId: started.value.orderId,
      status: 'PAID',
      amount: 400n,
      priceMinor: 500n,
      currency: 'USD',
      roundName: 'Seed',
      tokenId: token.id,
      symbol: 'NTC',
      buyer: { userId: buyer.id, telegramId: buyer.telegramId, language: 'en' },
      balance: 400n,
    });
  });

  test('is null for an order that does not exist or an impossible id', async () => {
    expect(await orderNotice(db.prisma, 987_654)).toBeNull();
    expect(await orderNotice(db.prisma, -1)).toBeNull();
    expect(await orderNotice(db.prisma, Number.NaN)).toBeNull();
  });
});
