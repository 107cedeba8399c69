// The market's data model guards what no code path may break, whatever the code does: these
// statements go straight to the database and must be refused by its constraints.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/infra/database.js';
import { createTestDb } from '../support/db.js';
import { makeLot, makeMarket, makeSeller, makeToken, makeUser } from '../support/factories.js';

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db?.close();
});

async function lotOrder() {
  const { category } = await makeMarket(db.prisma);
  const seller = await makeSeller(db.prisma);
  const buyer = await makeUser(db.prisma);
  const lot = await makeLot(db.prisma, seller.id, category.id);
  const order = await db.prisma.lotOrder.create({
    data: {
      buyerId: buyer.id, sellerId: seller.id, lotId: lot.id, quantity: 2n, unitPrice: '1.5', priceUnit: 1n,
      priceMinor: 300n, feeMinor: 30n, totalMinor: 330n, currency: 'USD', reservedUntil: new Date(Date.now() + 60_000),
    },
  });
  return { seller, buyer, lot, order, category };
}

describe('market schema constraints', () => {
  it('pg_trgm is loaded and the lots text search uses its operators', async () => {
    const rows = await db.prisma.$queryRawUnsafe<{ s: number }[]>(`SELECT similarity('dragon gold', 'dragon')::float8 AS s`);
    expect(rows[0]?.s).toBeGreaterThan(0);
  });

  it('a payment pays exactly one order: a token order or a lot order', async () => {
    const { order } = await lotOrder();
    const token = await makeToken(db.prisma);
    const buyer = await makeUser(db.prisma);
    const tokenOrder = await db.prisma.tokenOrder.create({
      data: { buyerId: buyer.id, roundId: token.rounds[0]!.id, amount: 10n, unitPrice: '0.0125', priceMinor: 13n, currency: 'USD', reservedUntil: new Date() },
    });
    const base = { provider: 'stripe', amountMinor: 330n, currency: 'USD', orderAmountMinor: 330n, orderCurrency: 'USD' };
    await expect(db.prisma.payment.create({ data: { ...base, publicId: 'p-lot', lotOrderId: order.id } })).resolves.toMatchObject({ tokenOrderId: null });
    await expect(db.prisma.payment.create({ data: { ...base, publicId: 'p-none' } })).rejects.toThrow(/payments_pays_one_order/);
    await expect(
      db.prisma.payment.create({ data: { ...base, publicId: 'p-both', lotOrderId: order.id, tokenOrderId: tokenOrder.id } }),
    ).rejects.toThrow(/payments_pays_one_order/);
  });

  it('a review is one per order with a rating from 1 to 5', async () => {
    const { order, seller, buyer } = await lotOrder();
    const review = { orderId: order.id, sellerId: seller.id, buyerId: buyer.id };
    for (const rating of [0, 6]) {
      await expect(db.prisma.review.create({ data: { ...review, rating } })).rejects.toThrow(/reviews_rating_range/);
    }
    await db.prisma.review.create({ data: { ...review, rating: 5 } });
    await expect(db.prisma.review.create({ data: { ...review, rating: 4 } })).rejects.toThrow(/Unique constraint|unique/i);
  });

  it("a lot's quantity never goes below zero and its price stays positive", async () => {
    const { lot } = await lotOrder();
    await expect(db.prisma.$executeRawUnsafe(`UPDATE lots SET quantity = quantity - 101 WHERE id = ${lot.id}`)).rejects.toThrow(/lots_quantity_not_negative/);
    await expect(db.prisma.lot.update({ where: { id: lot.id }, data: { price: '0' } })).rejects.toThrow(/lots_price_positive/);
    await expect(db.prisma.lot.update({ where: { id: lot.id }, data: { deletedAt: new Date() } })).rejects.toThrow(/lots_deleted_inactive/);
  });

  it("an order's total is its price plus the fee, and nobody buys their own lot", async () => {
    const { order, seller } = await lotOrder();
    await expect(db.prisma.lotOrder.update({ where: { id: order.id }, data: { totalMinor: 300n } })).rejects.toThrow(/lot_orders_amounts/);
    await expect(db.prisma.lotOrder.update({ where: { id: order.id }, data: { buyerId: seller.id } })).rejects.toThrow(/lot_orders_not_own_lot/);
  });

  it('one market-wide fee rule per market, one per category', async () => {
    const { market, category } = await makeMarket(db.prisma);
    const rule = { marketId: market.id, percent: '5', minMinor: 10n, minCurrency: 'USD' };
    await db.prisma.feeRule.create({ data: rule });
    await expect(db.prisma.feeRule.create({ data: rule })).rejects.toThrow(/fee_rules_one_per_market|unique/i);
    await db.prisma.feeRule.create({ data: { ...rule, categoryId: category.id } });
    await expect(db.prisma.feeRule.create({ data: { ...rule, categoryId: category.id } })).rejects.toThrow(/Unique constraint|unique/i);
    await expect(db.prisma.feeRule.create({ data: { ...rule, marketId: (await makeMarket(db.prisma)).market.id, percent: '101' } })).rejects.toThrow(/fee_rules_percent_range/);
  });

  it('a withdrawal is decided exactly when it leaves REQUESTED', async () => {
    const seller = await makeSeller(db.prisma);
    const w = await db.prisma.withdrawal.create({ data: { sellerId: seller.id, amountMinor: 500n, currency: 'USD', destination: 'card 4242' } });
    await expect(db.prisma.withdrawal.update({ where: { id: w.id }, data: { status: 'PAID' } })).rejects.toThrow(/withdrawals_decided/);
    await expect(db.prisma.withdrawal.create({ data: { sellerId: seller.id, amountMinor: 0n, currency: 'USD', destination: 'x' } })).rejects.toThrow(/withdrawals_amount_positive/);
  });
});
