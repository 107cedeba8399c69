// Issue 6's "Done when", end to end through the bot: an admin sets up a market, a category and a
// fee rule from /admin → Market; a user applies to sell, is approved, and lists a lot in the
// selling conversation; a Russian buyer (RUB) finds it by browsing and by search, buys, pays (the
// provider's notification applied as the webhook applies it), receives the goods, confirms and
// rates; the seller's rating shows on the card, the proceeds are withdrawn and marked paid; a
// second buyer (EUR) buys, chats with the seller through the bot, disputes, and support refunds.
// Every step is a press or a message to the bot; the database is only read, to check.

import { afterAll, beforeAll, expect, test } from 'vitest';
import { notifyLotOrderPayment } from '../../src/bot/features/market-orders.js';
import type { CoreDeps } from '../../src/core/deps.js';
import type { MarketSettings } from '../../src/core/market/deps.js';
import { Dec } from '../../src/core/money.js';
import { applyPaymentUpdate } from '../../src/core/payments/apply-payment-update.js';
import type { OrderDeps } from '../../src/core/market/orders/deps.js';
import { storedRates } from '../../src/core/rates/stored-rates.js';
import { storeRates } from '../../src/core/rates/store-rates.js';
import type { Database } from '../../src/infra/database.js';
import { silentLogger } from '../../src/infra/logger.js';
import { type ApiCall, BotHarness, type TgUser, tgUser } from '../support/bot.js';
import { createTestDb } from '../support/db.js';
import { FakeGateway } from '../support/fake-gateway.js';
import { coreDeps, fixedClock } from '../support/factories.js';
import { expectBooksBalance } from '../support/ledger.js';
import { expectEscrowBalances, ledgerOf, orderDeps } from '../support/market-orders.js';

// The figures, by hand. Lot: 2.50 USD per unit, 20 units. Fee rule: 10 %, at least 0.30 USD.
// Rates (2026-01-15): CBR USD/RUB 92.35, EUR/RUB 100.12; ECB EUR/USD 1.0842 (USD→EUR = 1/1.0842
// = 0.9223390518 to 10 places). Conversions for display round up to the minor unit.
//   Buyer 1 (RUB), 2 units: price 500 ¢, fee max(50, 30) = 50 ¢, total 550 ¢ = 5.50 USD
//     ≈ 461.75 / 46.18 / 507.93 RUB. Seller's proceeds: 550 − 50 = 500 ¢ = the price, 5.00 USD;
//     withdrawn in full and marked paid → 0.
//   Buyer 2 (EUR), 1 unit: price 250 ¢, fee max(25, 30) = 30 ¢ (the minimum), total 280 ¢
//     ≈ 2.31 / 0.28 / 2.59 EUR; disputed and refunded: 280 ¢ back through the provider, 0 to the seller.
//   Lot quantity: 20 − 2 − 1 = 17 (a dispute refund does not put units back).
const SETTINGS: MarketSettings = { currencies: ['RUB', 'USD', 'EUR'], defaultDisplayCurrency: 'RUB', sellerAutoApprove: false };

const ADMIN = tgUser(8100, { first_name: 'Ada' });
const SELLER = tgUser(8101, { first_name: 'Sam', last_name: 'Goldsmith', username: 'sam_gold' });
const BUYER = tgUser(8102, { first_name: 'Иван', last_name: 'Покупатель', username: 'ivan_buys', language_code: 'ru' });
const SECOND = tgUser(8103, { first_name: 'Berta', username: 'berta_b' });

let db: Database;
let core: CoreDeps;
let deps: OrderDeps;
let gateway: FakeGateway;
let bot: BotHarness;

beforeAll(async () => {
  db = await createTestDb();
  const clock = fixedClock(new Date('2026-01-15T12:00:00Z'));
  core = coreDeps(db.prisma, { clock });
  // Published rates of the day, stored as the rates refresh stores them (CBR: X/RUB, ECB: EUR/X).
  const fetchedAt = new Date('2026-01-15T08:00:00Z');
  await storeRates(db.prisma, 'cbr', { date: '2026-01-15', rates: [{ base: 'USD', quote: 'RUB', rate: new Dec('92.35') }, { base: 'EUR', quote: 'RUB', rate: new Dec('100.12') }] }, fetchedAt);
  await storeRates(db.prisma, 'ecb', { date: '2026-01-15', rates: [{ base: 'EUR', quote: 'USD', rate: new Dec('1.0842') }] }, fetchedAt);
  // As src/main.ts wires it: one provider on, published rates (refused when older than 96 h),
  // the escrow timings, the market settings; the lists show prices at the same rates.
  gateway = new FakeGateway('stripe', ['USD']);
  deps = { ...orderDeps(core, [gateway]), rates: storedRates(db.prisma, { maxAgeHours: 96, clock }), market: SETTINGS };
  bot = new BotHarness(core, { payments: deps, escrow: deps.escrow, market: SETTINGS, adminIds: [BigInt(ADMIN.id)] });
  for (const u of [ADMIN, SELLER, BUYER, SECOND]) await bot.sendText(u, '/start');
});
afterAll(() => db.close());

// The harness records every user's chat in one list: these read one user's screens.
const toUser = (u: TgUser, calls: ApiCall[] = bot.calls) => calls.filter((c) => c.method !== 'answerCallbackQuery' && c.payload.chat_id === u.id);
function screen(u: TgUser): string {
  const last = toUser(u).at(-1);
  return String(last?.payload.text ?? last?.payload.caption ?? '');
}
function buttonsOf(u: TgUser): { text: string; data?: string }[] {
  for (const call of toUser(u).reverse()) {
    const markup = call.payload.reply_markup as { inline_keyboard?: { text: string; callback_data?: string }[][] } | undefined;
    if (markup?.inline_keyboard) return markup.inline_keyboard.flat().map((b) => ({ text: b.text, data: b.callback_data }));
  }
  return [];
}
function button(u: TgUser, label: string | RegExp): string {
  const found = buttonsOf(u).find((b) => (typeof label === 'string' ? b.text.includes(label) : label.test(b.text)));
  if (!found?.data) throw new Error(`no button ${label} for ${u.id} in ${JSON.stringify(buttonsOf(u))}`);
  return found.data;
}
const tap = (u: TgUser, label: string | RegExp) => bot.press(u, button(u, label));
const textsTo = (u: TgUser, calls: ApiCall[]) => toUser(u, calls).filter((c) => c.method === 'sendMessage').map((c) => String(c.payload.text));
const userId = async (u: TgUser) => (await db.prisma.user.findUniqueOrThrow({ where: { telegramId: BigInt(u.id) } })).id;
/** Nothing of `u`'s account (names, username, Telegram id) appears in `text`. */
function expectAnonymous(text: string, u: TgUser) {
  for (const secret of [u.first_name, u.last_name, u.username, String(u.id)]) if (secret) expect(text).not.toContain(secret);
}
/** The provider's notification that a payment succeeded, applied as POST /payments/<provider> applies it, then its notices. */
async function providerPays(orderId: number, eventId: string): Promise<ApiCall[]> {
  const payment = await db.prisma.payment.findFirstOrThrow({ where: { lotOrderId: orderId } });
  const before = bot.calls.length;
  const applied = await applyPaymentUpdate(deps, 'stripe', { eventId, kind: 'paid', ref: { publicId: payment.publicId }, state: 'succeeded', amountMinor: payment.amountMinor, currency: payment.currency }, '{}');
  expect(applied).toMatchObject({ outcome: 'APPLIED', lotOrderId: orderId, status: 'SUCCEEDED' });
  await notifyLotOrderPayment(bot.bot.api, { core, logger: silentLogger, adminIds: [BigInt(ADMIN.id)] }, applied);
  return bot.since(before);
}

test('a seller lists a lot, a RUB buyer finds, pays, receives, confirms and rates; the seller withdraws; a second buyer disputes and is refunded', async () => {
  // ── 1. The admin: /admin → Market → Markets → New market, a category, the market's fee rule.
  await bot.sendText(ADMIN, '/admin');
  await tap(ADMIN, 'Market');
  await tap(ADMIN, 'Markets');
  expect(screen(ADMIN)).toContain('No markets yet');
  await tap(ADMIN, 'New market');
  await bot.sendText(ADMIN, 'Dragon Realms');
  await bot.sendText(ADMIN, 'An online RPG with a gold economy.');
  await tap(ADMIN, 'Skip'); // help for buyers
  await tap(ADMIN, 'Skip'); // help for sellers
  await tap(ADMIN, 'Skip'); // poster
  expect(screen(ADMIN)).toContain('Market “Dragon Realms” created');
  await tap(ADMIN, 'Open the market');
  await tap(ADMIN, '➕ Category');
  await bot.sendText(ADMIN, 'Gold');
  await tap(ADMIN, 'By quantity');
  expect(screen(ADMIN)).toContain('Category “Gold” created');
  await tap(ADMIN, 'Open the market');
  await tap(ADMIN, 'Fee rule');
  await bot.sendText(ADMIN, '10');
  await bot.sendText(ADMIN, '0.30 USD');
  expect(screen(ADMIN)).toContain('Fee set: 10%, at least 0.30 USD');
  await tap(ADMIN, 'Open the market');
  expect(screen(ADMIN)).toContain('Fee: 10%, at least 0.30 USD');
  expect(screen(ADMIN)).toContain('Categories: 1, leagues: 0, lots: 0');

  // ── 2. The seller applies from the menu; the admin approves from Applications; the seller lists a lot.
  await bot.sendText(SELLER, '/menu');
  await tap(SELLER, 'Sell');
  await tap(SELLER, 'Apply to sell');
  expect(screen(SELLER)).toContain('Tell the admins about yourself');
  let calls = await bot.sendText(SELLER, 'Gold farmer since 2019.\nFast mail delivery.');
  expect(textsTo(ADMIN, calls).join()).toContain('New seller application from @sam_gold');
  expect(textsTo(ADMIN, calls).join()).toContain('About: Gold farmer since 2019.\nFast mail delivery.');
  expect(screen(SELLER)).toContain('Application sent');
  await bot.sendText(ADMIN, '/admin');
  await tap(ADMIN, 'Market');
  await tap(ADMIN, 'Applications');
  expect(screen(ADMIN)).toContain('💬 Gold farmer since 2019. Fast mail delivery.');
  calls = await tap(ADMIN, '✅ @sam_gold');
  expect(screen(ADMIN)).toContain('Approved; the seller was told');
  expect(textsTo(SELLER, calls).join()).toContain('Your seller application was approved');

  await bot.sendText(SELLER, '/sell');
  await tap(SELLER, 'New lot');
  await tap(SELLER, 'Dragon Realms'); // no leagues: the league step is not asked
  await tap(SELLER, 'Gold');
  expect(screen(SELLER)).toContain('Which platform?');
  await tap(SELLER, 'PC');
  await tap(SELLER, 'Skip'); // level
  await tap(SELLER, /^RU$/);
  await bot.sendText(SELLER, 'Dragon gold coins, delivered by mail');
  await bot.sendText(SELLER, 'Sent to your mailbox within an hour.');
  await bot.sendText(SELLER, '2.5');
  await tap(SELLER, /^1$/);
  await tap(SELLER, /^USD$/);
  await bot.sendText(SELLER, '20');
  await tap(SELLER, 'I deliver by hand');
  await tap(SELLER, /^No$/);
  expect(screen(SELLER)).toContain('2.5 USD per 1');
  expect(screen(SELLER)).toContain('In stock: 20');
  await tap(SELLER, 'Publish');
  expect(screen(SELLER)).toMatch(/Lot #\d+ is on sale/);
  const sellerId = await userId(SELLER);
  const lot = await db.prisma.lot.findFirstOrThrow({ where: { sellerId } });
  expect(lot).toMatchObject({ quantity: 20n, currency: 'USD', priceUnit: 1n, platform: 'PC', language: 'RU', autoDelivery: false, active: true });
  expect(lot.price.toString()).toBe('2.5');

  // ── 3. The Russian buyer: prices in RUB (their language's currency) at the stored CBR rate 92.35.
  // Per unit: 2.50 USD × 92.35 = 230.875 → 230.88 RUB (conversions round up to the kopeck).
  // One unit with the fee: 250 ¢ + max(10 % of 250 = 25 ¢, minimum 30 ¢) = 280 ¢ = 2.80 USD;
  // 2.80 × 92.35 = 258.58 RUB.
  await bot.sendText(BUYER, '/menu');
  await tap(BUYER, 'Маркет');
  await tap(BUYER, 'Dragon Realms');
  expect(screen(BUYER)).toContain('An online RPG with a gold economy.');
  await tap(BUYER, 'Gold (1)');
  let text = screen(BUYER);
  expect(text).toContain('Цены в RUB');
  expect(text).toContain('1. Dragon gold coins, delivered by mail\n2,50 USD ≈ 230,88 RUB · отзывов пока нет · продаж: 0');
  // And by text search: words of the description find it; others do not.
  await tap(BUYER, 'Поиск');
  await bot.sendText(BUYER, 'silver');
  expect(screen(BUYER)).toContain('Ничего не найдено');
  await tap(BUYER, 'Поиск');
  await bot.sendText(BUYER, 'COINS mail');
  expect(screen(BUYER)).toContain('Фильтры: «COINS mail»');
  await tap(BUYER, 'Dragon gold coins');
  text = screen(BUYER);
  expect(text).toContain('🏷 Dragon gold coins, delivered by mail');
  expect(text).toContain('В наличии: 20');
  expect(text).toContain('💰 Цена: 2,50 USD ≈ 230,88 RUB');
  expect(text).toContain('С комиссией площадки: 2,80 USD ≈ 258,58 RUB');
  expect(text).toContain('👤 Продавец: Sam · отзывов пока нет · продаж: 0');
  expectAnonymous(text.replace('Продавец: Sam', ''), SELLER);

  // Buy 2. Price 2 × 2.50 = 5.00 USD; fee max(10 % = 0.50, 0.30) = 0.50 USD; total 5.50 USD.
  // In RUB, each line at 92.35 rounded up: 461.75, 46.175 → 46.18, 507.925 → 507.93.
  await tap(BUYER, 'Купить');
  expect(screen(BUYER)).toContain('20');
  await tap(BUYER, /^2$/);
  text = screen(BUYER);
  expect(text).toMatch(/🧾 Заказ №\d+: Dragon gold coins, delivered by mail × 2/);
  expect(text).toContain('Цена: 5,00 USD (≈ 461,75 RUB)');
  expect(text).toContain('0,50 USD (≈ 46,18 RUB)');
  expect(text).toContain('5,50 USD (≈ 507,93 RUB)');
  const buyerId = await userId(BUYER);
  const order = await db.prisma.lotOrder.findFirstOrThrow({ where: { buyerId } });
  expect(order).toMatchObject({ quantity: 2n, priceMinor: 500n, feeMinor: 50n, totalMinor: 550n, currency: 'USD', displayCurrency: 'RUB', status: 'AWAITING_PAYMENT' });
  expect(order.displayRate?.toString()).toBe('92.35');
  expect((await db.prisma.lot.findUniqueOrThrow({ where: { id: lot.id } })).quantity).toBe(18n);
  await tap(BUYER, 'Stripe');
  expect(buttonsOf(BUYER).some((b) => b.text.includes('5,50'))).toBe(true);
  expect(gateway.checkouts.at(-1)).toMatchObject({ amountMinor: 550n, currency: 'USD' });

  calls = await providerPays(order.id, 'evt-1');
  expect(textsTo(BUYER, calls).join()).toContain(`Заказ №${order.id} оплачен`);
  expect(textsTo(SELLER, calls).join()).toContain(`Order #${order.id} is paid. Deliver it`);
  expect((await db.prisma.lotOrder.findUniqueOrThrow({ where: { id: order.id } })).status).toBe('PAID');

  // ── 4. The seller delivers from the notice's order screen; the buyer gets it, confirms and rates.
  await tap(SELLER, 'Open the order');
  expect(screen(SELLER)).toContain('Your proceeds after the fee: 5.00 USD');
  expect(screen(SELLER)).toContain('5.50 USD');
  expect(screen(SELLER)).not.toContain('RUB'); // the buyer's currency is not the seller's business
  await tap(SELLER, 'Deliver');
  calls = await bot.sendText(SELLER, 'Sent 2 × 1000 gold to the mailbox of DragonSlayer77');
  expect(textsTo(BUYER, calls).join()).toContain(`Продавец передал заказ №${order.id}`);
  await tap(BUYER, 'Открыть заказ');
  expect(screen(BUYER)).toContain('Sent 2 × 1000 gold to the mailbox of DragonSlayer77');
  calls = await tap(BUYER, 'Я получил');
  expect(textsTo(SELLER, calls).join()).toContain(`The buyer confirmed order #${order.id}`);
  expect((await db.prisma.lotOrder.findUniqueOrThrow({ where: { id: order.id } })).status).toBe('CONFIRMED');
  await tap(BUYER, '⭐⭐⭐⭐⭐');
  await bot.sendText(BUYER, 'Быстро и честно');
  expect(await db.prisma.review.findUniqueOrThrow({ where: { orderId: order.id } })).toMatchObject({ rating: 5, text: 'Быстро и честно' });
  // The card, opened again by its link, shows the rating and the sale.
  await bot.sendText(BUYER, `/start lot_${lot.id}`);
  expect(screen(BUYER)).toContain('👤 Продавец: Sam · ★ 5 (отзывов: 1) · продаж: 1');
  expect(screen(BUYER)).toContain('В наличии: 18');

  // Proceeds: the buyer paid 5.50; the fee 0.50 went to the platform; the seller has 5.00 USD.
  expect(await ledgerOf(db.prisma, sellerId, 'USD')).toBe(500n);
  await bot.sendText(SELLER, '/sell');
  await tap(SELLER, 'Proceeds');
  expect(screen(SELLER)).toContain('USD: available 5.00 USD, held 0.00 USD, requested 0.00 USD');
  await tap(SELLER, 'Withdraw USD');
  expect(screen(SELLER)).toContain('Available: 5.00 USD');
  await bot.sendText(SELLER, '5.01');
  expect(screen(SELLER)).toContain('more than your available proceeds');
  await bot.sendText(SELLER, '5');
  await bot.sendText(SELLER, 'IBAN DE89 3704 0044 0532 0130 00');
  calls = await tap(SELLER, 'Request');
  expect(screen(SELLER)).toMatch(/Withdrawal #\d+ of 5.00 USD requested/);
  expect(textsTo(ADMIN, calls).join()).toContain('5.00 USD by Sam');
  await bot.sendText(ADMIN, '/admin');
  await tap(ADMIN, 'Market');
  await tap(ADMIN, 'Withdrawals');
  expect(screen(ADMIN)).toContain('@sam_gold: 5.00 USD → IBAN DE89 3704 0044 0532 0130 00');
  await tap(ADMIN, 'paid');
  calls = await bot.sendText(ADMIN, 'SEPA-2026-0115-1');
  expect(textsTo(SELLER, calls).join()).toContain('of 5.00 USD was paid. Reference: SEPA-2026-0115-1');
  expect(await db.prisma.withdrawal.findFirstOrThrow({ where: { sellerId } })).toMatchObject({ status: 'PAID', amountMinor: 500n, currency: 'USD' });
  expect(await ledgerOf(db.prisma, sellerId, 'USD')).toBe(0n);
  await bot.sendText(SELLER, '/sell');
  await tap(SELLER, 'Proceeds');
  expect(screen(SELLER)).toMatch(/#\d+ 5.00 USD · paid/);

  // ── 5. A second buyer, prices in EUR (chosen in Profile; the ECB's EUR/USD 1.0842).
  await bot.sendText(SECOND, '/profile');
  await tap(SECOND, 'Display currency');
  await tap(SECOND, /^EUR$/);
  await bot.sendText(SECOND, `/start lot_${lot.id}`);
  // 2.50 USD / 1.0842 = 2.50 × 0.9223390518 = 2.3058… → 2.31 EUR.
  expect(screen(SECOND)).toContain('💰 Price: 2.50 USD ≈ 2.31 EUR');
  expect(screen(SECOND)).toContain('👤 Seller: Sam · ★ 5 (1 review) · sales: 1');
  await tap(SECOND, 'Buy');
  await tap(SECOND, /^1$/);
  // 1 unit: 2.50 USD; fee max(10 % = 0.25, minimum 0.30) = 0.30 USD; total 2.80 USD ≈ 2.5826… → 2.59 EUR.
  expect(screen(SECOND)).toContain('Fee: 0.30 USD (≈ 0.28 EUR)');
  expect(screen(SECOND)).toContain('Total: 2.80 USD (≈ 2.59 EUR)');
  const second = await db.prisma.lotOrder.findFirstOrThrow({ where: { buyerId: await userId(SECOND) } });
  expect(second).toMatchObject({ quantity: 1n, priceMinor: 250n, feeMinor: 30n, totalMinor: 280n, displayCurrency: 'EUR' });
  await tap(SECOND, 'Stripe');
  calls = await providerPays(second.id, 'evt-2');
  expect(textsTo(SELLER, calls).join()).toContain(`Order #${second.id} is paid`);

  // The buyer writes in the order's chat; the seller sees "Buyer", never who; the seller answers.
  await bot.press(SECOND, `mko.view:${second.id}`);
  await tap(SECOND, 'Message');
  calls = await bot.sendText(SECOND, 'Is it coming today?');
  const relayed = textsTo(SELLER, calls).join();
  expect(relayed).toContain(`Order #${second.id} — Buyer:\nIs it coming today?`);
  expectAnonymous(relayed, SECOND);
  await tap(SELLER, 'Reply');
  calls = await bot.sendText(SELLER, 'Out of stock in the game, sorry');
  const answer = textsTo(SECOND, calls).join();
  expect(answer).toContain(`Order #${second.id} — Seller:\nOut of stock in the game, sorry`);
  expectAnonymous(answer, SELLER);

  // The buyer disputes; support is told, sees the conversation (roles only) and refunds.
  await bot.press(SECOND, `mko.view:${second.id}`);
  await tap(SECOND, 'Open a dispute');
  calls = await bot.sendText(SECOND, 'Nothing arrived');
  expect(textsTo(ADMIN, calls).join()).toContain(`A dispute was opened on order #${second.id}`);
  expect(textsTo(SELLER, calls).join()).toContain(`The buyer opened a dispute on order #${second.id}`);
  await bot.sendText(ADMIN, '/admin');
  await tap(ADMIN, 'Disputes');
  await tap(ADMIN, `#${second.id}`);
  text = screen(ADMIN);
  expect(text).toContain('Status: in dispute');
  expect(text).toContain('Buyer: Is it coming today?');
  expect(text).toContain('Seller: Out of stock in the game, sorry');
  expect(text).toContain('Nothing arrived');
  expectAnonymous(text, SECOND);
  expectAnonymous(text, SELLER);
  const payment = await db.prisma.payment.findFirstOrThrow({ where: { lotOrderId: second.id } });
  calls = await tap(ADMIN, 'Refund the buyer');
  expect(screen(ADMIN)).toContain("The dispute is closed: the buyer's money was returned.");
  expect(textsTo(SECOND, calls).join()).toContain(`Order #${second.id}: your money is being returned`);
  expect(textsTo(SELLER, calls).join()).toContain(`Order #${second.id} was refunded to the buyer`);
  expect(gateway.refunds).toEqual([payment.publicId]);
  expect((await db.prisma.payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe('REFUNDED');
  expect((await db.prisma.lotOrder.findUniqueOrThrow({ where: { id: second.id } })).status).toBe('REFUNDED');
  // Nothing was credited to the seller for it: no proceeds entry, the balance still 0 after the withdrawal.
  expect(await db.prisma.ledgerEntry.count({ where: { source: `lot_order:${second.id}`, kind: 'SALE_PROCEEDS' } })).toBe(0);
  expect(await ledgerOf(db.prisma, sellerId, 'USD')).toBe(0n);

  // ── 6. The books: balances match their entries, every escrow hold was released exactly once.
  await expectBooksBalance(db.prisma);
  await expectEscrowBalances(db.prisma);
  // 20 listed − 2 (confirmed) − 1 (refunded after a dispute: not put back, the goods may have been handed over) = 17.
  expect((await db.prisma.lot.findUniqueOrThrow({ where: { id: lot.id } })).quantity).toBe(17n);
  expect(await db.prisma.sellerProfile.findUniqueOrThrow({ where: { userId: sellerId } })).toMatchObject({ ratingSum: 5, ratingCount: 1, salesCount: 1 });
});
