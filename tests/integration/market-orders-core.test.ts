import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { CoreDeps } from '../../src/core/deps.js';
import { autoConfirmLotOrders } from '../../src/core/market/orders/auto-confirm-lot-orders.js';
import { cancelLotOrder } from '../../src/core/market/orders/cancel-lot-order.js';
import { confirmLotOrder } from '../../src/core/market/orders/confirm-lot-order.js';
import type { OrderDeps } from '../../src/core/market/orders/deps.js';
import { deliverLotOrder } from '../../src/core/market/orders/deliver-lot-order.js';
import { expireLotOrders } from '../../src/core/market/orders/expire-lot-orders.js';
import { lotOrderView } from '../../src/core/market/orders/lot-order-view.js';
import { openDispute } from '../../src/core/market/orders/open-dispute.js';
import { postOrderMessage } from '../../src/core/market/orders/post-order-message.js';
import { resolveDispute } from '../../src/core/market/orders/resolve-dispute.js';
import { reviewLotOrder, sellerRating } from '../../src/core/market/orders/review-lot-order.js';
import { startLotOrder } from '../../src/core/market/orders/start-lot-order.js';
import { requestWithdrawal } from '../../src/core/market/withdrawals/request-withdrawal.js';
import { sellerProceeds } from '../../src/core/market/withdrawals/seller-proceeds.js';
import { applyPaymentUpdate } from '../../src/core/payments/apply-payment-update.js';
import { createPayment } from '../../src/core/payments/create-payment.js';
import type { Database } from '../../src/infra/database.js';
import { createTestDb } from '../support/db.js';
import { FakeGateway } from '../support/fake-gateway.js';
import { coreDeps, fixedClock, makeLot, makeMarket, makeSeller, makeUser } from '../support/factories.js';
import { expectBooksBalance } from '../support/ledger.js';
import { expectEscrowBalances, ledgerOf, orderDeps } from '../support/market-orders.js';

let db: Database;
let clock: ReturnType<typeof fixedClock>;
let core: CoreDeps;
let gateway: FakeGateway;
let deps: OrderDeps;

beforeAll(async () => {
  db = await createTestDb();
});
afterAll(() => db.close());
afterEach(async () => {
  await expectBooksBalance(db.prisma);
  await expectEscrowBalances(db.prisma);
});

function fresh() {
  clock = fixedClock();
  core = coreDeps(db.prisma, { clock });
  // A USD provider, so amounts are the order's own.
  gateway = new FakeGateway('stripe', ['USD']);
  deps = orderDeps(core, [gateway]);
}

/** A seller's lot (1.50 USD each, 10 in stock) in a market with a 5% fee (at least 0.50 USD), and a buyer. */
async function setup(options: { lotType?: 'MULTIPLE' | 'FORM'; quantity?: bigint; price?: string } = {}) {
  const { market, category } = await makeMarket(db.prisma, { lotType: options.lotType });
  await db.prisma.feeRule.create({ data: { marketId: market.id, percent: '5', minMinor: 50n, minCurrency: 'USD' } });
  const seller = await makeSeller(db.prisma);
  const lot = await makeLot(db.prisma, seller.id, category.id, { quantity: options.quantity ?? 10n, price: options.price ?? '1.5' });
  const buyer = await makeUser(db.prisma);
  return { market, category, seller, lot, buyer };
}

async function started(buyerId: number, lotId: number, quantity = 1n) {
  const result = await startLotOrder(deps, { buyerId, lotId, quantity });
  if (!result.ok) throw new Error(result.code);
  return result.value;
}

/** Pays an order through the payments core, as a provider's notification would. */
async function pay(buyerId: number, orderId: number, eventId = `evt-${orderId}`) {
  const created = await createPayment(deps, { buyerId, lotOrderId: orderId, provider: 'stripe' });
  if (!created.ok) throw new Error(created.code);
  const applied = await applyPaymentUpdate(deps, 'stripe', {
    eventId,
    kind: 'test',
    ref: { publicId: created.value.publicId },
    state: 'succeeded',
    amountMinor: created.value.amountMinor,
    currency: created.value.currency,
  }, '{}');
  return { created: created.value, applied };
}

const orderRow = (id: number) => db.prisma.lotOrder.findUniqueOrThrow({ where: { id } });
const lotRow = (id: number) => db.prisma.lot.findUniqueOrThrow({ where: { id } });

describe('starting an order', () => {
  test('takes the quantity, snapshots the price with the fee, and records the display currency', async () => {
    fresh();
    const { lot, buyer } = await setup();
    await db.prisma.user.update({ where: { id: buyer.id }, data: { displayCurrency: 'RUB' } });
    const order = await started(buyer.id, lot.id, 4n);
    // 4 × 1.50 = 6.00; 5% = 0.30, below the 0.50 minimum.
    expect(order).toMatchObject({ quantity: 4n, priceMinor: 600n, feeMinor: 50n, totalMinor: 650n, currency: 'USD', displayCurrency: 'RUB', displayRate: '90' });
    expect((await lotRow(lot.id)).quantity).toBe(6n);
    const row = await orderRow(order.orderId);
    expect(row).toMatchObject({ status: 'AWAITING_PAYMENT', totalMinor: 650n, sellerId: lot.sellerId });
    expect(row.reservedUntil.getTime() - clock.now().getTime()).toBe(30 * 60_000);
  });

  test("a buyer who never chose records their language's currency: ru → RUB; en on a USD lot → none beside it", async () => {
    fresh();
    const { lot, buyer } = await setup();
    await db.prisma.user.update({ where: { id: buyer.id }, data: { displayCurrency: null, language: 'ru' } });
    expect(await started(buyer.id, lot.id, 1n)).toMatchObject({ currency: 'USD', displayCurrency: 'RUB', displayRate: '90' });
    await db.prisma.user.update({ where: { id: buyer.id }, data: { language: 'en' } });
    expect(await started(buyer.id, lot.id, 1n)).toMatchObject({ currency: 'USD', displayCurrency: null, displayRate: null });
  });

  test('a category rule wins over the market rule; the percent applies above the minimum', async () => {
    fresh();
    const { market, category, lot, buyer } = await setup({ price: '100' });
    await db.prisma.feeRule.create({ data: { marketId: market.id, categoryId: category.id, percent: '2.5', minMinor: 0n, minCurrency: 'USD' } });
    const order = await started(buyer.id, lot.id, 3n);
    expect(order).toMatchObject({ priceMinor: 30_000n, feeMinor: 750n, totalMinor: 30_750n });
  });

  test('refuses bad quantities, unknown, own, inactive and deleted lots, and more than the stock, changing nothing', async () => {
    fresh();
    const { lot, buyer, seller, category } = await setup({ quantity: 3n });
    for (const quantity of [0n, -1n, 10n ** 13n]) expect(await startLotOrder(deps, { buyerId: buyer.id, lotId: lot.id, quantity })).toMatchObject({ ok: false, code: 'BAD_QUANTITY' });
    expect(await startLotOrder(deps, { buyerId: buyer.id, lotId: 999_999, quantity: 1n })).toMatchObject({ ok: false, code: 'LOT_NOT_FOUND' });
    expect(await startLotOrder(deps, { buyerId: buyer.id, lotId: -1, quantity: 1n })).toMatchObject({ ok: false, code: 'LOT_NOT_FOUND' });
    expect(await startLotOrder(deps, { buyerId: seller.id, lotId: lot.id, quantity: 1n })).toMatchObject({ ok: false, code: 'OWN_LOT' });
    expect(await startLotOrder(deps, { buyerId: buyer.id, lotId: lot.id, quantity: 4n })).toMatchObject({ ok: false, code: 'NOT_ENOUGH', details: { available: '3' } });
    const paused = await makeLot(db.prisma, seller.id, category.id, { active: false });
    expect(await startLotOrder(deps, { buyerId: buyer.id, lotId: paused.id, quantity: 1n })).toMatchObject({ ok: false, code: 'LOT_UNAVAILABLE' });
    const deleted = await makeLot(db.prisma, seller.id, category.id, { active: false });
    await db.prisma.lot.update({ where: { id: deleted.id }, data: { deletedAt: clock.now() } });
    expect(await startLotOrder(deps, { buyerId: buyer.id, lotId: deleted.id, quantity: 1n })).toMatchObject({ ok: false, code: 'LOT_NOT_FOUND' });
    expect((await lotRow(lot.id)).quantity).toBe(3n);
    expect(await db.prisma.lotOrder.count({ where: { buyerId: buyer.id } })).toBe(0);
  });

  test('a form lot sells exactly one', async () => {
    fresh();
    const { lot, buyer } = await setup({ lotType: 'FORM', quantity: 1n });
    expect(await startLotOrder(deps, { buyerId: buyer.id, lotId: lot.id, quantity: 2n })).toMatchObject({ ok: false, code: 'BAD_QUANTITY' });
    await started(buyer.id, lot.id, 1n);
    expect(await lotRow(lot.id)).toMatchObject({ quantity: 0n, active: false });
    const other = await makeUser(db.prisma);
    expect(await startLotOrder(deps, { buyerId: other.id, lotId: lot.id, quantity: 1n })).toMatchObject({ ok: false });
  });

  test('a seller changing the price between reading and taking is noticed', async () => {
    fresh();
    const { lot, buyer } = await setup();
    const original = db.prisma.lot.findUnique.bind(db.prisma.lot);
    // The lot as the buyer saw it, then the seller's new price lands before the conditional update.
    await db.prisma.lot.update({ where: { id: lot.id }, data: { price: '1.5' } });
    const result = await startLotOrder(
      { ...deps, db: new Proxy(db.prisma, { get: (t, p) => (p === 'lot' ? { ...t.lot, findUnique: async (a: never) => { const r = await original(a); await t.lot.update({ where: { id: lot.id }, data: { price: '2' } }); return r; } } : Reflect.get(t, p)) }) },
      { buyerId: buyer.id, lotId: lot.id, quantity: 1n },
    );
    expect(result).toMatchObject({ ok: false, code: 'LOT_CHANGED' });
    expect((await lotRow(lot.id)).quantity).toBe(10n);
  });
});

describe('unpaid orders', () => {
  test('the expiry sweep gives the quantity back and a sold-out lot returns to sale', async () => {
    fresh();
    const { lot, buyer } = await setup({ quantity: 2n });
    const order = await started(buyer.id, lot.id, 2n);
    expect(await lotRow(lot.id)).toMatchObject({ quantity: 0n, active: false });
    const mine = async () => (await expireLotOrders(core)).filter((o) => o.buyerId === buyer.id);
    expect(await mine()).toEqual([]);
    clock.advance(31 * 60_000);
    expect(await mine()).toEqual([{ orderId: order.orderId, buyerId: buyer.id }]);
    expect(await mine()).toEqual([]);
    expect(await lotRow(lot.id)).toMatchObject({ quantity: 2n, active: true });
    expect((await orderRow(order.orderId)).status).toBe('EXPIRED');
    expect(await createPayment(deps, { buyerId: buyer.id, lotOrderId: order.orderId, provider: 'stripe' })).toMatchObject({ ok: false, code: 'ORDER_NOT_PAYABLE' });
  });

  test('the buyer or the seller cancels an unpaid order; the quantity goes back once', async () => {
    fresh();
    const { lot, buyer, seller } = await setup();
    const a = await started(buyer.id, lot.id, 3n);
    const b = await started(buyer.id, lot.id, 2n);
    const stranger = await makeUser(db.prisma);
    expect(await cancelLotOrder(deps, { actor: { userId: stranger.id }, orderId: a.orderId })).toMatchObject({ ok: false, code: 'ORDER_NOT_FOUND' });
    expect(await cancelLotOrder(deps, { actor: { userId: buyer.id }, orderId: a.orderId })).toMatchObject({ ok: true, value: { refunded: false } });
    expect(await cancelLotOrder(deps, { actor: { userId: buyer.id }, orderId: a.orderId })).toMatchObject({ ok: false, code: 'WRONG_STATUS' });
    expect(await cancelLotOrder(deps, { actor: { userId: seller.id }, orderId: b.orderId })).toMatchObject({ ok: true });
    expect((await lotRow(lot.id)).quantity).toBe(10n);
  });

  test('a payment for another buyer\'s order or an unknown order is refused', async () => {
    fresh();
    const { lot, buyer } = await setup();
    const order = await started(buyer.id, lot.id);
    const other = await makeUser(db.prisma);
    expect(await createPayment(deps, { buyerId: other.id, lotOrderId: order.orderId, provider: 'stripe' })).toMatchObject({ ok: false, code: 'ORDER_NOT_FOUND' });
    expect(await createPayment(deps, { buyerId: buyer.id, lotOrderId: 987_654, provider: 'stripe' })).toMatchObject({ ok: false, code: 'ORDER_NOT_FOUND' });
    expect(await createPayment(deps, { buyerId: buyer.id, lotOrderId: order.orderId, provider: 'sber' })).toMatchObject({ ok: false, code: 'PROVIDER_OFF' });
  });
});

describe('payment and escrow', () => {
  test('paid: the total is held for the seller, once, whatever the replays', async () => {
    fresh();
    const { lot, buyer, seller } = await setup();
    const order = await started(buyer.id, lot.id, 2n);
    const { created, applied } = await pay(buyer.id, order.orderId);
    expect(created).toMatchObject({ amountMinor: 350n, currency: 'USD' });
    expect(gateway.checkouts.at(-1)).toMatchObject({ amountMinor: 350n, currency: 'USD' });
    expect(applied).toMatchObject({ outcome: 'APPLIED', lotOrderId: order.orderId, orderStatus: 'PAID' });
    expect(applied.orderId).toBeUndefined();
    const replay = await applyPaymentUpdate(deps, 'stripe', { eventId: 'other-event', kind: 'test', ref: { publicId: created.publicId }, state: 'succeeded', amountMinor: 350n, currency: 'USD' }, '{}');
    expect(replay.outcome).toBe('IGNORED');
    expect(await ledgerOf(db.prisma, seller.id, 'USD:held')).toBe(350n);
    expect(await ledgerOf(db.prisma, seller.id, 'USD')).toBe(0n);
    expect(await orderRow(order.orderId)).toMatchObject({ status: 'PAID', paidAt: clock.now() });
  });

  test('a wrong amount holds the payment and pays nothing', async () => {
    fresh();
    const { lot, buyer, seller } = await setup();
    const order = await started(buyer.id, lot.id);
    const created = await createPayment(deps, { buyerId: buyer.id, lotOrderId: order.orderId, provider: 'stripe' });
    if (!created.ok) throw new Error(created.code);
    const applied = await applyPaymentUpdate(deps, 'stripe', { eventId: 'e1', kind: 'test', ref: { publicId: created.value.publicId }, state: 'succeeded', amountMinor: 1n, currency: 'USD' }, '{}');
    expect(applied.outcome).toBe('ON_HOLD');
    expect((await orderRow(order.orderId)).status).toBe('AWAITING_PAYMENT');
    expect(await ledgerOf(db.prisma, seller.id, 'USD:held')).toBe(0n);
  });

  test('paid after expiry: sold if the lot still has it; otherwise the payment is held for a refund', async () => {
    fresh();
    const { lot, buyer, seller } = await setup({ quantity: 1n });
    const order = await started(buyer.id, lot.id);
    const created = await createPayment(deps, { buyerId: buyer.id, lotOrderId: order.orderId, provider: 'stripe' });
    if (!created.ok) throw new Error(created.code);
    clock.advance(31 * 60_000);
    await expireLotOrders(core);
    const late = () =>
      applyPaymentUpdate(deps, 'stripe', { eventId: `late-${created.value.publicId}`, kind: 'test', ref: { publicId: created.value.publicId }, state: 'succeeded', amountMinor: 150n + 50n, currency: 'USD' }, '{}');
    // Someone else bought the unit meanwhile.
    const other = await makeUser(db.prisma);
    await started(other.id, lot.id);
    expect(await late()).toMatchObject({ outcome: 'ON_HOLD' });
    expect((await orderRow(order.orderId)).status).toBe('EXPIRED');
    expect(await ledgerOf(db.prisma, seller.id, 'USD:held')).toBe(0n);

    const second = await setup({ quantity: 2n });
    const o2 = await started(second.buyer.id, second.lot.id);
    const c2 = await createPayment(deps, { buyerId: second.buyer.id, lotOrderId: o2.orderId, provider: 'stripe' });
    if (!c2.ok) throw new Error(c2.code);
    clock.advance(31 * 60_000);
    await expireLotOrders(core);
    const applied = await applyPaymentUpdate(deps, 'stripe', { eventId: 'late2', kind: 'test', ref: { publicId: c2.value.publicId }, state: 'succeeded', amountMinor: 200n, currency: 'USD' }, '{}');
    expect(applied).toMatchObject({ outcome: 'APPLIED', orderStatus: 'PAID' });
    expect((await lotRow(second.lot.id)).quantity).toBe(1n);
  });

  test('a lot that deactivates after a sale goes inactive when paid', async () => {
    fresh();
    const { lot, buyer } = await setup();
    await db.prisma.lot.update({ where: { id: lot.id }, data: { deactivateAfterSale: true } });
    const order = await started(buyer.id, lot.id);
    expect((await lotRow(lot.id)).active).toBe(true);
    await pay(buyer.id, order.orderId);
    expect(await lotRow(lot.id)).toMatchObject({ active: false, quantity: 9n });
  });

  test('auto-delivery: the stored goods go to the order on payment, which is delivered at once', async () => {
    fresh();
    const { lot, buyer } = await setup({ quantity: 3n });
    await db.prisma.lot.update({ where: { id: lot.id }, data: { autoDelivery: true } });
    await db.prisma.lotGoods.createMany({ data: ['KEY-1', 'KEY-2', 'KEY-3'].map((content) => ({ lotId: lot.id, content })) });
    const order = await started(buyer.id, lot.id, 2n);
    const { applied } = await pay(buyer.id, order.orderId);
    expect(applied.orderStatus).toBe('DELIVERED');
    const row = await orderRow(order.orderId);
    expect(row.confirmBy?.getTime()).toBe(clock.now().getTime() + 72 * 3_600_000);
    const view = await lotOrderView(db.prisma, { actor: { userId: buyer.id }, orderId: order.orderId });
    expect(view.ok && view.value.goods).toEqual(['KEY-1', 'KEY-2']);
    // Not enough goods left for the next: it stays PAID for the seller to deliver.
    const other = await makeUser(db.prisma);
    await db.prisma.lot.update({ where: { id: lot.id }, data: { quantity: 5n } });
    const o2 = await started(other.id, lot.id, 2n);
    expect((await pay(other.id, o2.orderId)).applied.orderStatus).toBe('PAID');
    expect(await db.prisma.lotGoods.count({ where: { lotId: lot.id, orderId: null } })).toBe(1);
  });
});

describe('delivery, confirmation, review', () => {
  async function paidOrder() {
    const s = await setup();
    const order = await started(s.buyer.id, s.lot.id, 2n);
    await pay(s.buyer.id, order.orderId);
    return { ...s, orderId: order.orderId };
  }

  test('the seller delivers, the buyer confirms: the seller gets the total minus the fee, once', async () => {
    fresh();
    const { buyer, seller, orderId } = await paidOrder();
    const stranger = await makeUser(db.prisma);
    expect(await deliverLotOrder(deps, { actor: { userId: stranger.id }, orderId, text: 'x' })).toMatchObject({ ok: false, code: 'ORDER_NOT_FOUND' });
    expect(await deliverLotOrder(deps, { actor: { userId: buyer.id }, orderId, text: 'x' })).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
    expect(await deliverLotOrder(deps, { actor: { userId: seller.id }, orderId, text: '   ' })).toMatchObject({ ok: false, code: 'BAD_TEXT' });
    expect(await deliverLotOrder(deps, { actor: { userId: seller.id }, orderId, text: 'x'.repeat(2001) })).toMatchObject({ ok: false, code: 'BAD_TEXT' });
    expect(await deliverLotOrder(deps, { actor: { userId: seller.id }, orderId, text: 'Sent 2 gold to your mailbox' })).toMatchObject({ ok: true });
    expect(await deliverLotOrder(deps, { actor: { userId: seller.id }, orderId, text: 'again' })).toMatchObject({ ok: false, code: 'WRONG_STATUS' });
    expect(await confirmLotOrder(deps, { actor: { userId: seller.id }, orderId })).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
    expect(await confirmLotOrder(deps, { actor: { userId: stranger.id }, orderId })).toMatchObject({ ok: false, code: 'ORDER_NOT_FOUND' });
    expect(await confirmLotOrder(deps, { actor: { userId: buyer.id }, orderId })).toMatchObject({ ok: true });
    expect(await confirmLotOrder(deps, { actor: { userId: buyer.id }, orderId })).toMatchObject({ ok: false, code: 'WRONG_STATUS' });
    // 3.00 + 0.50 fee held; the seller gets 3.50 − 0.50.
    expect(await ledgerOf(db.prisma, seller.id, 'USD')).toBe(300n);
    expect(await ledgerOf(db.prisma, seller.id, 'USD:held')).toBe(0n);
    expect((await db.prisma.sellerProfile.findUniqueOrThrow({ where: { userId: seller.id } })).salesCount).toBe(1);
    expect(await openDispute(deps, { actor: { userId: buyer.id }, orderId, reason: 'late' })).toMatchObject({ ok: false, code: 'WRONG_STATUS' });
  });

  test('reviews: buyer only, after completion, 1..5, once; the seller\'s rating is the average', async () => {
    fresh();
    const { buyer, seller, orderId, lot } = await paidOrder();
    expect(await reviewLotOrder(deps, { actor: { userId: buyer.id }, orderId, rating: 5 })).toMatchObject({ ok: false, code: 'WRONG_STATUS' });
    await confirmLotOrder(deps, { actor: { userId: buyer.id }, orderId });
    for (const rating of [0, 6, 2.5, Number.NaN]) expect(await reviewLotOrder(deps, { actor: { userId: buyer.id }, orderId, rating })).toMatchObject({ ok: false, code: 'BAD_RATING' });
    expect(await reviewLotOrder(deps, { actor: { userId: buyer.id }, orderId, rating: 4, text: 'y'.repeat(1001) })).toMatchObject({ ok: false, code: 'BAD_TEXT' });
    expect(await reviewLotOrder(deps, { actor: { userId: seller.id }, orderId, rating: 5 })).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
    expect(await reviewLotOrder(deps, { actor: { userId: buyer.id }, orderId, rating: 4, text: ' fast ' })).toMatchObject({ ok: true });
    expect(await reviewLotOrder(deps, { actor: { userId: buyer.id }, orderId, rating: 1 })).toMatchObject({ ok: false, code: 'ALREADY_REVIEWED' });
    expect(await db.prisma.review.findUniqueOrThrow({ where: { orderId } })).toMatchObject({ rating: 4, text: 'fast', sellerId: seller.id });
    const other = await makeUser(db.prisma);
    const o2 = await started(other.id, lot.id);
    await pay(other.id, o2.orderId);
    await confirmLotOrder(deps, { actor: { userId: other.id }, orderId: o2.orderId });
    await reviewLotOrder(deps, { actor: { userId: other.id }, orderId: o2.orderId, rating: 3 });
    const profile = await db.prisma.sellerProfile.findUniqueOrThrow({ where: { userId: seller.id } });
    expect(sellerRating(profile)).toEqual({ average: '3.5', count: 2 });
  });

  test('the auto-confirm sweep completes delivered orders after the deadline, with a fixed clock', async () => {
    fresh();
    const { seller, orderId } = await paidOrder();
    await deliverLotOrder(deps, { actor: { userId: seller.id }, orderId, text: 'done' });
    const mine = async () => (await autoConfirmLotOrders(core)).filter((o) => o.sellerId === seller.id);
    clock.advance(72 * 3_600_000 - 1);
    expect(await mine()).toEqual([]);
    clock.advance(1);
    expect(await mine()).toMatchObject([{ orderId, sellerId: seller.id }]);
    expect(await mine()).toEqual([]);
    expect((await orderRow(orderId)).status).toBe('CONFIRMED');
    expect(await ledgerOf(db.prisma, seller.id, 'USD')).toBe(300n);
  });

  test('a paid order the seller never delivered does not confirm by itself', async () => {
    fresh();
    const { orderId } = await paidOrder();
    clock.advance(1000 * 3_600_000);
    expect((await autoConfirmLotOrders(core)).map((o) => o.orderId)).not.toContain(orderId);
    expect((await orderRow(orderId)).status).toBe('PAID');
  });
});

describe('disputes and cancellation', () => {
  async function paidOrder() {
    const s = await setup();
    const order = await started(s.buyer.id, s.lot.id, 2n);
    const { created } = await pay(s.buyer.id, order.orderId);
    return { ...s, orderId: order.orderId, publicId: created.publicId, paymentId: created.paymentId };
  }

  test('the buyer disputes; support refunds through the provider; the seller gets nothing', async () => {
    fresh();
    const { buyer, seller, orderId, publicId, paymentId, lot } = await paidOrder();
    await deliverLotOrder(deps, { actor: { userId: seller.id }, orderId, text: 'here' });
    expect(await openDispute(deps, { actor: { userId: seller.id }, orderId, reason: 'x' })).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
    expect(await openDispute(deps, { actor: { userId: buyer.id }, orderId, reason: '' })).toMatchObject({ ok: false, code: 'BAD_TEXT' });
    expect(await openDispute(deps, { actor: { userId: buyer.id }, orderId, reason: 'Nothing arrived' })).toMatchObject({ ok: true });
    expect(await openDispute(deps, { actor: { userId: buyer.id }, orderId, reason: 'again' })).toMatchObject({ ok: false, code: 'WRONG_STATUS' });
    // No auto-confirm for a disputed order.
    clock.advance(100 * 3_600_000);
    expect((await autoConfirmLotOrders(core)).map((o) => o.orderId)).not.toContain(orderId);
    expect(await confirmLotOrder(deps, { actor: { userId: buyer.id }, orderId })).toMatchObject({ ok: false, code: 'WRONG_STATUS' });
    expect(await resolveDispute(deps, { actor: { userId: seller.id }, orderId, decision: 'refund' })).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
    const support = await makeUser(db.prisma);
    expect(await resolveDispute(deps, { actor: { userId: support.id, isSupport: true }, orderId, decision: 'nope' as never })).toMatchObject({ ok: false, code: 'BAD_DECISION' });
    expect(await resolveDispute(deps, { actor: { userId: support.id, isSupport: true }, orderId: 999_999, decision: 'refund' })).toMatchObject({ ok: false, code: 'ORDER_NOT_FOUND' });
    expect(await resolveDispute(deps, { actor: { userId: support.id, isSupport: true }, orderId, decision: 'refund' })).toMatchObject({ ok: true, value: { moneyReturned: true } });
    expect(gateway.refunds).toEqual([publicId]);
    expect((await db.prisma.payment.findUniqueOrThrow({ where: { id: paymentId } })).status).toBe('REFUNDED');
    expect((await orderRow(orderId)).status).toBe('REFUNDED');
    expect(await resolveDispute(deps, { actor: { userId: support.id, isSupport: true }, orderId, decision: 'release' })).toMatchObject({ ok: false, code: 'WRONG_STATUS' });
    expect(gateway.refunds).toEqual([publicId]);
    expect(await ledgerOf(db.prisma, seller.id, 'USD')).toBe(0n);
    expect(await ledgerOf(db.prisma, seller.id, 'USD:held')).toBe(0n);
    // The quantity is not given back on a refund.
    expect((await lotRow(lot.id)).quantity).toBe(8n);
  });

  test('a refund the provider refused stays REFUNDED and is retried by asking again', async () => {
    fresh();
    const { buyer, orderId, paymentId } = await paidOrder();
    await openDispute(deps, { actor: { userId: buyer.id }, orderId, reason: 'bad' });
    const support = { userId: (await makeUser(db.prisma)).id, isSupport: true };
    const refund = gateway.refund!;
    gateway.refund = async () => {
      throw new Error('provider down');
    };
    expect(await resolveDispute(deps, { actor: support, orderId, decision: 'refund' })).toMatchObject({ ok: true, value: { moneyReturned: false } });
    expect((await db.prisma.payment.findUniqueOrThrow({ where: { id: paymentId } })).status).toBe('SUCCEEDED');
    gateway.refund = refund;
    expect(await resolveDispute(deps, { actor: support, orderId, decision: 'refund' })).toMatchObject({ ok: true, value: { moneyReturned: true } });
    expect((await db.prisma.payment.findUniqueOrThrow({ where: { id: paymentId } })).status).toBe('REFUNDED');
  });

  test('support releases a dispute: like a confirmation', async () => {
    fresh();
    const { buyer, seller, orderId } = await paidOrder();
    await openDispute(deps, { actor: { userId: buyer.id }, orderId, reason: 'slow' });
    const support = { userId: (await makeUser(db.prisma)).id, isSupport: true };
    expect(await resolveDispute(deps, { actor: support, orderId, decision: 'release' })).toMatchObject({ ok: true });
    expect(await ledgerOf(db.prisma, seller.id, 'USD')).toBe(300n);
    expect(await resolveDispute(deps, { actor: support, orderId, decision: 'refund' })).toMatchObject({ ok: false, code: 'WRONG_STATUS' });
  });

  test('the seller cancels before delivery: the buyer is refunded; not after delivery; never the buyer', async () => {
    fresh();
    const { buyer, seller, orderId, publicId } = await paidOrder();
    expect(await cancelLotOrder(deps, { actor: { userId: buyer.id }, orderId })).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
    expect(await cancelLotOrder(deps, { actor: { userId: seller.id }, orderId })).toMatchObject({ ok: true, value: { refunded: true, moneyReturned: true } });
    expect(gateway.refunds).toEqual([publicId]);
    expect((await orderRow(orderId)).status).toBe('REFUNDED');
    const second = await paidOrder();
    await deliverLotOrder(deps, { actor: { userId: second.seller.id }, orderId: second.orderId, text: 'here' });
    expect(await cancelLotOrder(deps, { actor: { userId: second.seller.id }, orderId: second.orderId })).toMatchObject({ ok: false, code: 'WRONG_STATUS' });
  });

  test('a provider-side refund of a held order releases the hold', async () => {
    fresh();
    const { publicId, seller } = await paidOrder();
    const applied = await applyPaymentUpdate(deps, 'stripe', { eventId: 'ext-refund', kind: 'charge.refunded', ref: { publicId }, state: 'refunded' }, '{}');
    expect(applied).toMatchObject({ outcome: 'APPLIED', orderStatus: 'REFUNDED' });
    expect(await ledgerOf(db.prisma, seller.id, 'USD:held')).toBe(0n);
  });
});

describe('the order conversation', () => {
  test('buyer and seller write to each other once paid; support only in a dispute; strangers never', async () => {
    fresh();
    const { lot, buyer, seller } = await setup();
    const order = await started(buyer.id, lot.id);
    const orderId = order.orderId;
    expect(await postOrderMessage(deps, { actor: { userId: buyer.id }, orderId, text: 'hi' })).toMatchObject({ ok: false, code: 'WRONG_STATUS' });
    await pay(buyer.id, orderId);
    const stranger = await makeUser(db.prisma);
    expect(await postOrderMessage(deps, { actor: { userId: stranger.id }, orderId, text: 'hi' })).toMatchObject({ ok: false, code: 'ORDER_NOT_FOUND' });
    expect(await postOrderMessage(deps, { actor: { userId: buyer.id }, orderId, text: ' ' })).toMatchObject({ ok: false, code: 'BAD_TEXT' });
    expect(await postOrderMessage(deps, { actor: { userId: buyer.id }, orderId, text: 'When?' })).toMatchObject({ ok: true, value: { senderRole: 'BUYER', recipientIds: [seller.id] } });
    expect(await postOrderMessage(deps, { actor: { userId: seller.id }, orderId, text: 'Soon' })).toMatchObject({ ok: true, value: { senderRole: 'SELLER', recipientIds: [buyer.id] } });
    const support = { userId: stranger.id, isSupport: true };
    expect(await postOrderMessage(deps, { actor: support, orderId, text: 'x' })).toMatchObject({ ok: false, code: 'WRONG_STATUS' });
    await openDispute(deps, { actor: { userId: buyer.id }, orderId, reason: 'Nothing came' });
    expect(await postOrderMessage(deps, { actor: support, orderId, text: 'Looking' })).toMatchObject({ ok: true, value: { senderRole: 'SUPPORT', recipientIds: [buyer.id, seller.id] } });
    const view = await lotOrderView(db.prisma, { actor: support, orderId });
    expect(view.ok && view.value.messages.map((m) => `${m.role}: ${m.text}`)).toEqual(['BUYER: When?', 'SELLER: Soon', 'BUYER: Nothing came', 'SUPPORT: Looking']);
    expect(view.ok && view.value.actions).toEqual(['refund', 'release', 'message']);
    await resolveDispute(deps, { actor: support, orderId, decision: 'refund' });
  });
});

describe('proceeds to withdrawal (escrow and selling on one ledger)', () => {
  test("a confirmed sale's net shows in the seller's proceeds and can be withdrawn, one cent more cannot", async () => {
    fresh();
    const { seller, lot, buyer } = await setup();
    const order = await started(buyer.id, lot.id, 4n);
    await pay(buyer.id, order.orderId);
    // Paid: the whole total is held, nothing is available yet.
    expect(await sellerProceeds(db.prisma, seller.id)).toEqual([{ currency: 'USD', availableMinor: 0n, heldMinor: 650n, requestedMinor: 0n }]);
    expect(await requestWithdrawal(core, { sellerId: seller.id, currency: 'USD', amountMinor: 1n, destination: 'IBAN' })).toEqual({ ok: false, code: 'INSUFFICIENT_PROCEEDS' });
    expect((await deliverLotOrder(deps, { actor: { userId: seller.id }, orderId: order.orderId, text: 'Traded in game' })).ok).toBe(true);
    expect((await confirmLotOrder(deps, { actor: { userId: buyer.id }, orderId: order.orderId })).ok).toBe(true);
    // Confirmed: 6.50 total − 0.50 fee = 6.00 available, nothing held.
    expect(await sellerProceeds(db.prisma, seller.id)).toEqual([{ currency: 'USD', availableMinor: 600n, heldMinor: 0n, requestedMinor: 0n }]);
    expect(await requestWithdrawal(core, { sellerId: seller.id, currency: 'USD', amountMinor: 601n, destination: 'IBAN' })).toEqual({ ok: false, code: 'INSUFFICIENT_PROCEEDS' });
    expect(await requestWithdrawal(core, { sellerId: seller.id, currency: 'USD', amountMinor: 600n, destination: 'IBAN' })).toMatchObject({ ok: true, value: { balanceMinor: 0n } });
    expect(await sellerProceeds(db.prisma, seller.id)).toEqual([{ currency: 'USD', availableMinor: 0n, heldMinor: 0n, requestedMinor: 600n }]);
    expect(await requestWithdrawal(core, { sellerId: seller.id, currency: 'USD', amountMinor: 1n, destination: 'IBAN' })).toEqual({ ok: false, code: 'INSUFFICIENT_PROCEEDS' });
  });
});
