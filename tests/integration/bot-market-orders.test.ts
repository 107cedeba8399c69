import { afterAll, beforeAll, expect, test } from 'vitest';
import { applyPaymentUpdate } from '../../src/core/payments/apply-payment-update.js';
import { notifyLotOrderPayment } from '../../src/bot/features/market-orders.js';
import type { Database } from '../../src/infra/database.js';
import { silentLogger } from '../../src/infra/logger.js';
import { BotHarness, tgUser } from '../support/bot.js';
import { createTestDb } from '../support/db.js';
import { FakeGateway } from '../support/fake-gateway.js';
import { coreDeps, fixedClock, makeLot, makeMarket } from '../support/factories.js';
import { expectBooksBalance } from '../support/ledger.js';
import { expectEscrowBalances, ledgerOf, orderDeps } from '../support/market-orders.js';

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(() => db.close());

test('journey: a seller lists, a RUB buyer buys a USD lot, pays, gets it, confirms and rates; a second buyer disputes and is refunded', async () => {
  const clock = fixedClock();
  const core = coreDeps(db.prisma, { clock });
  const gateway = new FakeGateway('stripe', ['USD']);
  const deps = orderDeps(core, [gateway]);
  // Fresh published rates (CBR) for the display currency.
  await db.prisma.currencyRate.create({ data: { source: 'cbr', base: 'USD', quote: 'RUB', rate: '80', rateDate: new Date('2026-01-15'), fetchedAt: clock.now() } });
  const { storedRates } = await import('../../src/core/rates/stored-rates.js');
  deps.rates = storedRates(db.prisma, { maxAgeHours: 96, clock });
  const support = tgUser(7001);
  const bot = new BotHarness(core, { payments: deps, escrow: deps.escrow, adminIds: [BigInt(support.id)] });
  const seller = tgUser(7002);
  const buyer = tgUser(7003, { language_code: 'ru' });
  const second = tgUser(7004);
  for (const u of [seller, buyer, second, support]) await bot.sendText(u, '/start');
  const sellerId = (await db.prisma.user.findUniqueOrThrow({ where: { telegramId: BigInt(seller.id) } })).id;
  const buyerRow = await db.prisma.user.update({ where: { telegramId: BigInt(buyer.id) }, data: { displayCurrency: 'RUB' } });
  await db.prisma.sellerProfile.create({ data: { userId: sellerId, status: 'APPROVED' } });
  const { market, category } = await makeMarket(db.prisma);
  await db.prisma.feeRule.create({ data: { marketId: market.id, percent: '10', minMinor: 0n, minCurrency: 'USD' } });
  const lot = await makeLot(db.prisma, sellerId, category.id, { price: '2.5', quantity: 20n, shortDescription: 'Gold 1k' });

  // Buy: quantity, summary in USD and RUB, provider buttons.
  await bot.press(buyer, `mko.buy:${lot.id}`);
  expect(bot.lastText()).toContain('Gold 1k');
  await bot.press(buyer, bot.button('2'));
  // 2 × 2.50 = 5.00 + 10% = 0.50 → 5.50 USD ≈ 440.00 RUB at 80.
  expect(bot.lastText()).toMatch(/5[.,]50/);
  expect(bot.lastText()).toMatch(/440[.,]00/);
  await bot.press(buyer, bot.button('Stripe'));
  expect(bot.lastButtons().some((b) => b.url?.startsWith('https://pay.example/'))).toBe(true);
  const order = await db.prisma.lotOrder.findFirstOrThrow({ where: { buyerId: buyerRow.id } });
  expect(order).toMatchObject({ totalMinor: 550n, feeMinor: 50n, displayCurrency: 'RUB' });

  // The provider's notification (as the webhook applies it), then the notices.
  const payment = await db.prisma.payment.findFirstOrThrow({ where: { lotOrderId: order.id } });
  const before = bot.calls.length;
  const applied = await applyPaymentUpdate(deps, 'stripe', { eventId: 'e1', kind: 'paid', ref: { publicId: payment.publicId }, state: 'succeeded', amountMinor: 550n, currency: 'USD' }, '{}');
  await notifyLotOrderPayment(bot.bot.api, { core, logger: silentLogger, adminIds: [] }, applied);
  const notices = bot.since(before).filter((c) => c.method === 'sendMessage');
  expect(notices.map((c) => c.payload.chat_id)).toEqual([buyer.id, seller.id]);

  // The buyer writes; the seller sees "Buyer", never the buyer's name or id.
  await bot.press(buyer, `mko.msg:${order.id}`);
  let relay = await bot.sendText(buyer, 'Когда?');
  const relayed = relay.find((c) => c.method === 'sendMessage' && c.payload.chat_id === seller.id)!;
  expect(String(relayed.payload.text)).toContain('Buyer');
  expect(String(relayed.payload.text)).not.toContain(buyer.first_name);
  expect(String(relayed.payload.text)).not.toContain(String(buyer.id));

  // The seller delivers.
  await bot.press(seller, `mko.view:${order.id}`);
  await bot.press(seller, bot.button('Deliver'));
  relay = await bot.sendText(seller, 'Mailbox: 2k gold sent');
  expect(relay.some((c) => c.method === 'sendMessage' && c.payload.chat_id === buyer.id)).toBe(true);
  // The buyer confirms and rates.
  await bot.press(buyer, `mko.view:${order.id}`);
  expect(bot.lastText()).toContain('Mailbox: 2k gold sent');
  await bot.press(buyer, bot.button('✅'));
  expect((await db.prisma.lotOrder.findUniqueOrThrow({ where: { id: order.id } })).status).toBe('CONFIRMED');
  await bot.press(buyer, `mko.view:${order.id}`);
  await bot.press(buyer, bot.button('⭐⭐⭐⭐⭐'));
  await bot.sendText(buyer, 'Быстро и честно');
  expect(await db.prisma.review.findUniqueOrThrow({ where: { orderId: order.id } })).toMatchObject({ rating: 5, text: 'Быстро и честно' });
  expect(await ledgerOf(db.prisma, sellerId, 'USD')).toBe(500n);

  // A second buyer disputes and support refunds.
  await bot.press(second, `mko.buy:${lot.id}`);
  await bot.press(second, bot.button('1'));
  await bot.press(second, bot.button('Stripe'));
  const o2 = await db.prisma.lotOrder.findFirstOrThrow({ where: { buyer: { telegramId: BigInt(second.id) } } });
  const p2 = await db.prisma.payment.findFirstOrThrow({ where: { lotOrderId: o2.id } });
  await applyPaymentUpdate(deps, 'stripe', { eventId: 'e2', kind: 'paid', ref: { publicId: p2.publicId }, state: 'succeeded', amountMinor: p2.amountMinor, currency: 'USD' }, '{}');
  await bot.press(second, `mko.view:${o2.id}`);
  await bot.press(second, bot.button('dispute'));
  const disputeCalls = await bot.sendText(second, 'Nothing arrived');
  expect(disputeCalls.some((c) => c.method === 'sendMessage' && c.payload.chat_id === support.id)).toBe(true);
  await bot.press(support, 'adm');
  await bot.press(support, bot.button('Disputes'));
  await bot.press(support, bot.button(`#${o2.id}`));
  expect(bot.lastText()).toContain('Nothing arrived');
  expect(bot.lastText()).not.toContain(second.first_name);
  await bot.press(support, bot.button('Refund'));
  expect(gateway.refunds).toEqual([p2.publicId]);
  expect((await db.prisma.lotOrder.findUniqueOrThrow({ where: { id: o2.id } })).status).toBe('REFUNDED');
  // A stranger pressing the order's buttons learns nothing.
  await bot.press(tgUser(7999), `mko.view:${o2.id}`);
  expect(bot.calls.at(-1)?.payload.text).toBe('No such order.');

  await expectBooksBalance(db.prisma);
  await expectEscrowBalances(db.prisma);
});

test('a market payment held for a wrong amount is refunded by an admin from /refund; the buyer is told, nothing is booked', async () => {
  const clock = fixedClock();
  const core = coreDeps(db.prisma, { clock });
  const gateway = new FakeGateway('stripe', ['USD']);
  const deps = orderDeps(core, [gateway]);
  const admin = tgUser(7101);
  const bot = new BotHarness(core, { payments: deps, escrow: deps.escrow, adminIds: [BigInt(admin.id)] });
  const seller = tgUser(7102);
  const buyer = tgUser(7103);
  for (const u of [seller, buyer, admin]) await bot.sendText(u, '/start');
  const sellerId = (await db.prisma.user.findUniqueOrThrow({ where: { telegramId: BigInt(seller.id) } })).id;
  await db.prisma.sellerProfile.create({ data: { userId: sellerId, status: 'APPROVED' } });
  const { category } = await makeMarket(db.prisma);
  const lot = await makeLot(db.prisma, sellerId, category.id, { price: '3', quantity: 5n, shortDescription: 'Silver' });
  await bot.press(buyer, `mko.buy:${lot.id}`);
  await bot.press(buyer, bot.button('1'));
  await bot.press(buyer, bot.button('Stripe'));
  const order = await db.prisma.lotOrder.findFirstOrThrow({ where: { lotId: lot.id } });
  const payment = await db.prisma.payment.findFirstOrThrow({ where: { lotOrderId: order.id } });
  const applied = await applyPaymentUpdate(deps, 'stripe', { eventId: 'short', kind: 'paid', ref: { publicId: payment.publicId }, state: 'succeeded', amountMinor: 1n, currency: 'USD' }, '{}');
  expect(applied.outcome).toBe('ON_HOLD');

  // A paid (not held) market payment is not refunded here: its dispute or the seller's cancel does it.
  await bot.sendText(admin, `/refund ${payment.id}`);
  expect(bot.lastText()).toContain(`Market order #${order.id}`);
  expect(bot.lastText()).toContain('paid 1 USD, expected 300 USD');
  const before = bot.calls.length;
  await bot.press(admin, bot.button('Refund'));
  const screen = bot.since(before).find((c) => c.payload.chat_id === admin.id && typeof c.payload.text === 'string');
  expect(screen?.payload.text).toContain(`Payment #${payment.id} is refunded`);
  expect(gateway.refunds).toEqual([payment.publicId]);
  expect((await db.prisma.payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe('REFUNDED');
  const told = bot.since(before).filter((c) => c.method === 'sendMessage' && c.payload.chat_id === buyer.id);
  expect(told.map((c) => c.payload.text)).toEqual([`↩️ Your payment #${payment.id} for market order #${order.id} could not be used and was refunded: 3.00 USD.`]);
  expect(await ledgerOf(db.prisma, sellerId, 'USD:held')).toBe(0n);
  await expectBooksBalance(db.prisma);
});
