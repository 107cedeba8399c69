import type { Update } from 'grammy/types';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { offerPaymentRetry } from '../../src/bot/features/payments.js';
import { formatDate } from '../../src/bot/format.js';
import type { CoreDeps } from '../../src/core/deps.js';
import { applyPaymentUpdate } from '../../src/core/payments/apply-payment-update.js';
import type { PaymentGateway } from '../../src/core/payments/gateway.js';
import type { Database } from '../../src/infra/database.js';
import { createStarsGateway, orderBuyerAsPayer } from '../../src/infra/payments/stars.js';
import { answers, BotHarness, type TgUser, tgUser } from '../support/bot.js';
import { createTestDb } from '../support/db.js';
import { FakeGateway } from '../support/fake-gateway.js';
import { coreDeps, fixedClock, makeToken } from '../support/factories.js';
import { expectBooksBalance } from '../support/ledger.js';
import { paymentDeps, pendingOrder } from '../support/payments.js';

const START = new Date('2026-01-15T12:00:00Z');
const clock = fixedClock(START);
const ADMIN = tgUser(880_001, { first_name: 'Admin' });
let db: Database;
let core: CoreDeps;

beforeAll(async () => {
  db = await createTestDb();
  core = coreDeps(db.prisma, { clock });
});
afterAll(() => db.close());
beforeEach(() => clock.set(START));
afterEach(() => expectBooksBalance(db.prisma));

/** A bot with these payment methods on; Stars refunds go through this bot's (recorded) Bot API. */
function botWith(gateways: (PaymentGateway | 'stars')[], tokenId = 0): BotHarness {
  let harness: BotHarness | undefined;
  const stars = createStarsGateway({
    refundStarPayment: (userId, chargeId) => harness!.bot.api.refundStarPayment(userId, chargeId),
    payerOf: orderBuyerAsPayer(db.prisma),
  });
  const on = gateways.map((g) => (g === 'stars' ? stars : g));
  harness = new BotHarness(core, { tokenId, payments: paymentDeps(core, on), adminIds: [BigInt(ADMIN.id)] });
  return harness;
}

/** A pending order of 1,000 tokens at 0.0125 USD (12.50 USD) and its buyer as a Telegram user. */
async function order(language: 'en' | 'ru' = 'en') {
  const setup = await pendingOrder(db.prisma, core);
  if (language === 'ru') await db.prisma.user.update({ where: { id: setup.buyer.id }, data: { language: 'ru' } });
  const user = tgUser(Number(setup.buyer.telegramId), { language_code: language });
  return { ...setup, orderId: setup.order.orderId, user };
}

const paymentsOf = (orderId: number) => db.prisma.payment.findMany({ where: { tokenOrderId: orderId }, orderBy: { id: 'asc' } });
const orderRow = (id: number) => db.prisma.tokenOrder.findUniqueOrThrow({ where: { id } });
const purchaseEntries = (orderId: number) => db.prisma.ledgerEntry.count({ where: { kind: 'PURCHASE', source: `token_order:${orderId}` } });

function callsOf(calls: { method: string; payload: Record<string, unknown> }[], method: string) {
  return calls.filter((c) => c.method === method);
}

/** The alert a callback query was answered with. */
function alertOf(calls: { method: string; payload: Record<string, unknown> }[]): string | undefined {
  const [answer] = answers(calls);
  return answer?.payload.text as string | undefined;
}

let queryIds = 1;
function checkout(harness: BotHarness, from: TgUser, query: { currency?: string; total_amount: number; invoice_payload: string }) {
  return harness.send({
    pre_checkout_query: { id: `q${queryIds++}`, from: { ...from, is_bot: false }, currency: query.currency ?? 'XTR', total_amount: query.total_amount, invoice_payload: query.invoice_payload },
  } as Omit<Update, 'update_id'>);
}

function successfulPayment(harness: BotHarness, from: TgUser, paid: { total_amount: number; invoice_payload: string; charge: string; currency?: string }) {
  return harness.sendMessage(from, {
    successful_payment: {
      currency: paid.currency ?? 'XTR',
      total_amount: paid.total_amount,
      invoice_payload: paid.invoice_payload,
      telegram_payment_charge_id: paid.charge,
      provider_payment_charge_id: '',
    },
  });
}

/** The buyer chose Stars: the invoice the bot sent. */
async function starsInvoice(harness: BotHarness, user: TgUser, orderId: number) {
  const calls = await harness.press(user, `pay.m:stars:${orderId}`);
  const invoice = callsOf(calls, 'sendInvoice')[0];
  if (!invoice) throw new Error(`no invoice sent: ${JSON.stringify(calls)}`);
  return invoice.payload as { chat_id: number; payload: string; currency: string; prices: { label: string; amount: number }[]; provider_token?: string; title: string; description: string };
}

describe('the payment step', () => {
  test('after Confirm, the reserved order offers one button per enabled method, in a fixed order, above Cancel order', async () => {
    const token = await makeToken(db.prisma, [{ name: 'Seed', unitPrice: '0.0125', cap: 10_000n, minPurchase: 100n }]);
    const harness = botWith(['stars', new FakeGateway('yookassa', ['RUB'])], token.id);
    const user = tgUser(881_001);
    await harness.press(user, 'buy');
    await harness.press(user, harness.button('🛒'));
    await harness.press(user, harness.button('1,000'));
    await harness.press(user, harness.button('Confirm'));
    const [placed] = await db.prisma.tokenOrder.findMany({ where: { buyer: { telegramId: BigInt(user.id) } } });
    expect(harness.lastText()).toContain('Choose how to pay');
    expect(harness.lastButtons()).toEqual([
      { text: '💳 Card or SBP (YooKassa)', data: `pay.m:yookassa:${placed!.id}` },
      { text: '⭐ Telegram Stars', data: `pay.m:stars:${placed!.id}` },
      { text: '✖️ Cancel order', data: `ord.cancel:${placed!.id}` },
      { text: '⬅️ Menu', data: 'menu' },
    ]);
  });

  test('the order screen again (pay.o) shows the methods; with none on, it says they will appear', async () => {
    const { orderId, user } = await order();
    const harness = botWith(['stars']);
    await harness.press(user, `pay.o:${orderId}`);
    expect(harness.lastButtons().map((b) => b.data)).toEqual([`pay.m:stars:${orderId}`, `ord.cancel:${orderId}`, 'menu']);
    const none = botWith([]);
    await none.press(user, `pay.o:${orderId}`);
    expect(none.lastText()).toContain('Payment methods will appear here');
    expect(none.lastButtons().map((b) => b.data)).toEqual([`ord.cancel:${orderId}`, 'menu']);
  });

  test('choosing a page-to-pay method shows the Pay link and the amount converted into its currency', async () => {
    const { orderId, user } = await order();
    const yookassa = new FakeGateway('yookassa', ['RUB']);
    const harness = botWith([yookassa, 'stars']);
    const calls = await harness.press(user, `pay.m:yookassa:${orderId}`);
    expect(answers(calls)).toHaveLength(1);
    const [payment] = await paymentsOf(orderId);
    expect(payment).toMatchObject({ provider: 'yookassa', status: 'PENDING', amountMinor: 112_500n, currency: 'RUB' });
    const text = harness.lastText();
    expect(text).toContain(`Order #${orderId}: 1,000 tokens for 12.50 USD`);
    expect(text).toContain('To pay with 💳 Card or SBP (YooKassa): 1,125.00 RUB (at 90 RUB per USD)');
    expect(text).toContain(formatDate(new Date(START.getTime() + 30 * 60_000), 'en'));
    expect(harness.lastButtons()).toEqual([
      { text: '💳 Pay 1,125.00 RUB', data: undefined, url: `https://pay.example/${payment!.publicId}` },
      { text: '🔁 Another payment method', data: `pay.o:${orderId}` },
      { text: '✖️ Cancel order', data: `ord.cancel:${orderId}` },
      { text: '⬅️ Menu', data: 'menu' },
    ]);
    // Asking again reuses the open payment rather than opening a second one.
    await harness.press(user, `pay.m:yookassa:${orderId}`);
    expect(await paymentsOf(orderId)).toHaveLength(1);
    expect(yookassa.checkouts).toHaveLength(1);
  });

  test('a method that takes the order currency shows no conversion', async () => {
    const { orderId, user } = await order();
    const harness = botWith([new FakeGateway('stripe', ['USD'])]);
    await harness.press(user, `pay.m:stripe:${orderId}`);
    expect(harness.lastText()).toContain('To pay with 💳 Card (Stripe): 12.50 USD');
    expect(harness.lastText()).not.toContain('(at ');
  });

  test('in Russian: method names, the amount with its rate, Russian number formats', async () => {
    const { orderId, user } = await order('ru');
    const harness = botWith([new FakeGateway('yookassa', ['RUB']), 'stars']);
    await harness.press(user, `pay.o:${orderId}`);
    expect(harness.lastText()).toContain('Выберите способ оплаты');
    expect(harness.lastButtons().map((b) => b.text)).toEqual(['💳 Карта или СБП (ЮKassa)', '⭐ Telegram Stars', '✖️ Отменить заказ', '⬅️ Меню']);
    await harness.press(user, `pay.m:yookassa:${orderId}`);
    expect(harness.lastText()).toContain('1\u00a0125,00 RUB (по курсу 90 RUB за USD)');
    expect(harness.lastButtons()[0]?.text).toBe('💳 Оплатить 1\u00a0125,00 RUB');
  });

  test.each([
    ['the order expired', 'ORDER_NOT_PAYABLE', 'can no longer be paid'],
    ['the method is off (an old button)', 'PROVIDER_OFF', 'not available right now'],
    ['the provider failed', 'PROVIDER_FAILED', 'did not answer'],
    ['no rate to its currency', 'RATE_UNAVAILABLE', 'no exchange rate'],
    ["someone else's order", 'ORDER_NOT_FOUND', 'no such order'],
  ])('when %s, the buyer gets a clear message and nothing is opened', async (_case, code, words) => {
    const { orderId, user } = await order();
    const failing = new FakeGateway('yookassa', ['RUB']);
    failing.failCheckout = code === 'PROVIDER_FAILED';
    const harness = botWith([failing, new FakeGateway('sber', ['KZT'])]);
    let from = user;
    let provider = 'yookassa';
    if (code === 'ORDER_NOT_PAYABLE') clock.advance(31 * 60_000);
    if (code === 'PROVIDER_OFF') provider = 'qiwi';
    if (code === 'RATE_UNAVAILABLE') provider = 'sber';
    if (code === 'ORDER_NOT_FOUND') from = tgUser(881_777);
    const calls = await harness.press(from, `pay.m:${provider}:${orderId}`);
    expect(alertOf(calls)).toContain(words);
    expect(answers(calls)[0]?.payload.show_alert).toBe(true);
    const opened = await paymentsOf(orderId);
    // Nothing the buyer could pay on: no pending payment, no page (a provider that failed may leave a closed row).
    expect(opened.filter((p) => p.status === 'PENDING' || p.payUrl !== null)).toEqual([]);
  });

  test('a forged or outdated payment button is answered as out of date', async () => {
    const { orderId, user } = await order();
    const harness = botWith(['stars']);
    const calls = await harness.press(user, `pay.m:paypal:${orderId}`);
    expect(alertOf(calls)).toContain('out of date');
    expect(await paymentsOf(orderId)).toEqual([]);
  });
});

describe('Telegram Stars', () => {
  test('choosing Stars sends an invoice: XTR, one price of 625 Stars (12.50 USD at 50 XTR per USD), our payment as the payload', async () => {
    const { orderId, user } = await order();
    const harness = botWith(['stars']);
    const invoice = await starsInvoice(harness, user, orderId);
    const [payment] = await paymentsOf(orderId);
    expect(payment).toMatchObject({ provider: 'stars', status: 'PENDING', amountMinor: 625n, currency: 'XTR' });
    expect(invoice).toMatchObject({
      chat_id: user.id,
      currency: 'XTR',
      provider_token: '',
      payload: payment!.publicId,
      prices: [{ label: '1,000 tokens', amount: 625 }],
      title: `Order #${orderId}`,
    });
    expect(invoice.description).toContain('1,000 tokens, round “Round 1”: 12.50 USD, that is 625 XTR (at 50 XTR per USD)');
  });

  test('the checkout is approved for our open payment, at its amount, from its buyer, within the reservation', async () => {
    const { orderId, user } = await order();
    const harness = botWith(['stars']);
    const invoice = await starsInvoice(harness, user, orderId);
    const calls = await checkout(harness, user, { total_amount: 625, invoice_payload: invoice.payload });
    expect(calls).toEqual([{ method: 'answerPreCheckoutQuery', payload: { pre_checkout_query_id: expect.any(String), ok: true } }]);
  });

  test.each([
    ['an unknown payload', { invoice_payload: 'no-such-payment' }, 'This invoice is not valid'],
    ['a wrong amount', { total_amount: 600 }, 'does not match the order'],
    ['another currency', { currency: 'USD', total_amount: 1250 }, 'does not match the order'],
    ['an expired order', { expired: true }, 'reservation for this order has ended'],
    ['another user', { stranger: true }, "another customer's order"],
  ])('the checkout is refused for %s, with the reason, and nothing changes', async (_case, twist, words) => {
    const { orderId, user } = await order();
    const harness = botWith(['stars']);
    const invoice = await starsInvoice(harness, user, orderId);
    const { expired, stranger, ...query } = twist as { expired?: boolean; stranger?: boolean; invoice_payload?: string; total_amount?: number; currency?: string };
    if (expired) clock.advance(31 * 60_000);
    const events = await db.prisma.paymentEvent.count();
    const calls = await checkout(harness, stranger ? tgUser(881_999) : user, { total_amount: 625, invoice_payload: invoice.payload, ...query });
    expect(callsOf(calls, 'answerPreCheckoutQuery')).toEqual([
      { method: 'answerPreCheckoutQuery', payload: { pre_checkout_query_id: expect.any(String), ok: false, error_message: expect.stringContaining(words) } },
    ]);
    expect(await db.prisma.paymentEvent.count()).toBe(events);
    expect((await paymentsOf(orderId))[0]?.status).toBe('PENDING');
  });

  test('a refusal is in the payer’s language', async () => {
    const { orderId, user } = await order('ru');
    const harness = botWith(['stars']);
    const invoice = await starsInvoice(harness, user, orderId);
    const calls = await checkout(harness, user, { total_amount: 1, invoice_payload: invoice.payload });
    expect(callsOf(calls, 'answerPreCheckoutQuery')[0]?.payload.error_message).toContain('Сумма счёта не совпадает');
  });

  test('successful_payment credits the order once (sent twice), keeps the charge id, and tells the buyer their new balance', async () => {
    const { orderId, user } = await order();
    const harness = botWith(['stars']);
    const invoice = await starsInvoice(harness, user, orderId);
    const first = await successfulPayment(harness, user, { total_amount: 625, invoice_payload: invoice.payload, charge: 'stxCHARGE-A' });
    expect(await orderRow(orderId)).toMatchObject({ status: 'PAID' });
    expect((await paymentsOf(orderId))[0]).toMatchObject({ status: 'SUCCEEDED', providerRef: 'stxCHARGE-A' });
    const told = callsOf(first, 'sendMessage');
    expect(told).toHaveLength(1);
    expect(told[0]?.payload).toMatchObject({ chat_id: user.id });
    expect(told[0]?.payload.text).toBe(`✅ Payment for order #${orderId} is confirmed: 1,000 tokens credited. Your balance: 1,000 tokens.`);
    const second = await successfulPayment(harness, user, { total_amount: 625, invoice_payload: invoice.payload, charge: 'stxCHARGE-A' });
    expect(second).toEqual([]);
    expect(await purchaseEntries(orderId)).toBe(1);
  });

  test('the buyer hears in Russian', async () => {
    const { orderId, user } = await order('ru');
    const harness = botWith(['stars']);
    const invoice = await starsInvoice(harness, user, orderId);
    await successfulPayment(harness, user, { total_amount: 625, invoice_payload: invoice.payload, charge: 'stxCHARGE-RU' });
    expect(harness.lastText()).toBe(`✅ Оплата заказа №${orderId} подтверждена. Зачислено: 1\u00a0000 токенов. Ваш баланс: 1\u00a0000 токенов.`);
  });

  test('a charge that arrives after the payment expired still pays the order while its tokens remain (the late-payment rule)', async () => {
    const { orderId, user } = await order();
    const harness = botWith(['stars']);
    const invoice = await starsInvoice(harness, user, orderId);
    const [payment] = await paymentsOf(orderId);
    await applyPaymentUpdate(core, 'stars', { eventId: `expired-${orderId}`, kind: 'test', ref: { publicId: payment!.publicId }, state: 'expired' }, '{}');
    expect(await orderRow(orderId)).toMatchObject({ status: 'EXPIRED' });
    const calls = await successfulPayment(harness, user, { total_amount: 625, invoice_payload: invoice.payload, charge: `stxLATE${orderId}` });
    expect(callsOf(calls, 'refundStarPayment')).toEqual([]);
    expect(await orderRow(orderId)).toMatchObject({ status: 'PAID' });
    expect(harness.lastText()).toContain(`Payment for order #${orderId} is confirmed`);
  });

  test('a second charge for an invoice already paid credits nothing, and its Stars go back to the payer', async () => {
    const { orderId, user } = await order();
    const harness = botWith(['stars']);
    const invoice = await starsInvoice(harness, user, orderId);
    await successfulPayment(harness, user, { total_amount: 625, invoice_payload: invoice.payload, charge: `stxONE${orderId}` });
    const calls = await successfulPayment(harness, user, { total_amount: 625, invoice_payload: invoice.payload, charge: `stxTWO${orderId}` });
    expect(callsOf(calls, 'refundStarPayment')).toEqual([{ method: 'refundStarPayment', payload: { user_id: user.id, telegram_payment_charge_id: `stxTWO${orderId}` } }]);
    expect(harness.lastText()).toContain('we sent your Stars back');
    expect((await paymentsOf(orderId))[0]).toMatchObject({ status: 'SUCCEEDED', providerRef: `stxONE${orderId}` });
    expect(await purchaseEntries(orderId)).toBe(1);
  });

  test('if giving a stray charge back fails, the payer is told to contact support', async () => {
    const { orderId, user } = await order();
    const harness = botWith(['stars']);
    harness.responders.set('refundStarPayment', () => {
      throw new Error('Telegram is down');
    });
    const calls = await successfulPayment(harness, user, { total_amount: 10, invoice_payload: 'never-issued', charge: `stxSTRAY${orderId}` });
    expect(callsOf(calls, 'refundStarPayment')).toHaveLength(1);
    expect(harness.lastText()).toContain('/paysupport');
    const event = await db.prisma.paymentEvent.findUniqueOrThrow({ where: { provider_eventId: { provider: 'stars', eventId: `stxSTRAY${orderId}` } } });
    expect(event.outcome).toBe('UNKNOWN_PAYMENT');
  });

  test('a successful_payment arriving while the buyer is in the middle of another purchase is still credited', async () => {
    // The buy conversation waits for an amount; the payment must not be taken for one.
    const token = await makeToken(db.prisma, [{ name: 'Seed', cap: 10_000n }]);
    const { orderId, user } = await order();
    const harness = botWith(['stars'], token.id);
    const invoice = await starsInvoice(harness, user, orderId);
    await harness.press(user, 'buy');
    await harness.press(user, harness.button('🛒'));
    expect(harness.lastText()).toContain('How many tokens');
    await successfulPayment(harness, user, { total_amount: 625, invoice_payload: invoice.payload, charge: 'stxDURING' });
    expect(await orderRow(orderId)).toMatchObject({ status: 'PAID' });
  });

  test('a successful_payment from a user over the flood limit is still credited', async () => {
    const { orderId, user } = await order();
    let harness: BotHarness | undefined;
    const stars = createStarsGateway({ refundStarPayment: (u, c) => harness!.bot.api.refundStarPayment(u, c), payerOf: orderBuyerAsPayer(db.prisma) });
    harness = new BotHarness(core, { tokenId: 0, payments: paymentDeps(core, [stars]) }, { rateLimit: { limit: 2, windowMs: 60_000 } });
    const invoice = await starsInvoice(harness, user, orderId);
    for (let i = 0; i < 3; i++) await harness.sendText(user, 'hello');
    await successfulPayment(harness, user, { total_amount: 625, invoice_payload: invoice.payload, charge: 'stxFLOOD' });
    expect(await orderRow(orderId)).toMatchObject({ status: 'PAID' });
  });
});

describe('after a failed payment', () => {
  test('the buyer is offered the order again with every method while it is still reserved', async () => {
    const { orderId, user } = await order();
    const yookassa = new FakeGateway('yookassa', ['RUB']);
    const harness = botWith([yookassa, 'stars']);
    await harness.press(user, `pay.m:yookassa:${orderId}`);
    const [payment] = await paymentsOf(orderId);
    const applied = await applyPaymentUpdate(core, 'yookassa', { eventId: 'fail-1', kind: 'test', ref: { publicId: payment!.publicId }, state: 'failed' }, '{}');
    const before = harness.calls.length;
    expect(await offerPaymentRetry(harness.bot.api, { core, payments: paymentDeps(core, [yookassa, createStarsGateway()]), logger: core.logger as never }, applied)).toBe('sent');
    const [sent] = harness.since(before);
    expect(sent?.method).toBe('sendMessage');
    expect(sent?.payload.chat_id).toBe(user.id);
    expect(sent?.payload.text).toContain(`The payment for order #${orderId} did not go through`);
    expect(harness.lastButtons().map((b) => b.data)).toEqual([`pay.m:yookassa:${orderId}`, `pay.m:stars:${orderId}`, `ord.cancel:${orderId}`, 'menu']);
    // Pressing it again opens a new payment (the failed one is closed).
    await harness.press(user, `pay.m:yookassa:${orderId}`);
    expect((await paymentsOf(orderId)).map((p) => p.status)).toEqual(['FAILED', 'PENDING']);
  });

  test('no offer once the order is no longer waiting, or for a payment that did not fail', async () => {
    const { orderId, user, buyer } = await order();
    const harness = botWith(['stars']);
    await starsInvoice(harness, user, orderId);
    const [payment] = await paymentsOf(orderId);
    const deps = { core, payments: paymentDeps(core, [createStarsGateway()]), logger: core.logger as never };
    const paid = await applyPaymentUpdate(core, 'stars', { eventId: 'ok-1', kind: 'test', ref: { publicId: payment!.publicId }, state: 'succeeded', amountMinor: 625n, currency: 'XTR' }, '{}');
    expect(await offerPaymentRetry(harness.bot.api, deps, paid)).toBe('skipped');
    expect(await offerPaymentRetry(harness.bot.api, deps, { outcome: 'APPLIED', status: 'FAILED', orderId, paymentId: payment!.id })).toBe('skipped');
    expect(buyer.id).toBe((await orderRow(orderId)).buyerId);
  });
});

describe('/paysupport', () => {
  test('says how to reach support about a payment, in English and in Russian', async () => {
    const harness = botWith(['stars']);
    await harness.sendText(tgUser(882_001), '/paysupport');
    expect(harness.lastText()).toContain('Payment support');
    expect(harness.lastText()).toContain('order number');
    expect(harness.lastButtons().map((b) => b.data)).toEqual(['buys:1', 'menu']);
    await harness.sendText(tgUser(882_002, { language_code: 'ru' }), '/paysupport');
    expect(harness.lastText()).toContain('Поддержка по оплате');
  });
});

describe('admin refunds', () => {
  async function paidWithStars() {
    const setup = await order();
    const harness = botWith(['stars']);
    const invoice = await starsInvoice(harness, setup.user, setup.orderId);
    await successfulPayment(harness, setup.user, { total_amount: 625, invoice_payload: invoice.payload, charge: `stxPAID${setup.orderId}` });
    const [payment] = await paymentsOf(setup.orderId);
    return { ...setup, harness, payment: payment! };
  }

  test('/refund <payment> asks first; Refund gives the Stars back (refundStarPayment: buyer, charge), undoes the order, tells the buyer', async () => {
    const { harness, payment, orderId, user } = await paidWithStars();
    await harness.sendText(ADMIN, `/refund ${payment.id}`);
    expect(harness.lastText()).toContain(`Refund payment #${payment.id} (⭐ Telegram Stars, SUCCEEDED): 625 XTR (at 50 XTR per USD)?`);
    expect(harness.lastText()).toContain(`Order #${orderId}: 1,000 tokens, PAID`);
    expect(await orderRow(orderId)).toMatchObject({ status: 'PAID' }); // nothing yet
    const calls = await harness.press(ADMIN, harness.button('Refund'));
    expect(callsOf(calls, 'refundStarPayment')).toEqual([
      { method: 'refundStarPayment', payload: { user_id: user.id, telegram_payment_charge_id: `stxPAID${orderId}` } },
    ]);
    expect(await orderRow(orderId)).toMatchObject({ status: 'REFUNDED' });
    expect((await paymentsOf(orderId))[0]).toMatchObject({ status: 'REFUNDED' });
    expect(await db.prisma.ledgerEntry.count({ where: { kind: 'REFUND', source: `PURCHASE:token_order:${orderId}` } })).toBe(1);
    expect(callsOf(calls, 'editMessageText')[0]?.payload.text).toContain(`Payment #${payment.id} is refunded (625 XTR)`);
    expect(callsOf(calls, 'sendMessage').find((c) => c.payload.chat_id === user.id)?.payload.text).toContain(`Order #${orderId}`);
    // The same button again: refused, Telegram not asked twice.
    const again = await harness.press(ADMIN, `pay.rf:${payment.id}`);
    expect(callsOf(again, 'refundStarPayment')).toEqual([]);
    expect(harness.lastText()).toContain('cannot be refunded: its status is REFUNDED');
  });

  test('from /admin: Refunds lists the refundable payments; choosing one asks the same question; Refund refunds it', async () => {
    const { harness, payment, orderId, user } = await paidWithStars();
    await harness.sendText(ADMIN, '/admin');
    await harness.press(ADMIN, harness.button('Refunds'));
    expect(harness.lastText()).toContain('can be refunded');
    await harness.press(ADMIN, harness.button(`#${payment.id} · order #${orderId}`));
    expect(harness.lastText()).toContain(`Refund payment #${payment.id}`);
    const calls = await harness.press(ADMIN, harness.button('Refund'));
    expect(callsOf(calls, 'refundStarPayment')).toEqual([
      { method: 'refundStarPayment', payload: { user_id: user.id, telegram_payment_charge_id: `stxPAID${orderId}` } },
    ]);
    expect(await orderRow(orderId)).toMatchObject({ status: 'REFUNDED' });
    // Refunded payments leave the list; a non-admin cannot open it.
    await harness.press(ADMIN, 'pay.rl');
    expect(harness.lastButtons().some((b) => b.text.startsWith(`#${payment.id} `))).toBe(false);
    expect(alertOf(await harness.press(user, 'pay.rl'))).toBe('Not allowed.');
    expect(alertOf(await harness.press(user, `pay.rq:${payment.id}`))).toBe('Not allowed.');
  });

  test('/refund order <id> finds the order’s payment; Cancel refunds nothing', async () => {
    const { harness, payment, orderId } = await paidWithStars();
    await harness.sendText(ADMIN, `/refund order ${orderId}`);
    expect(harness.lastText()).toContain(`Refund payment #${payment.id}`);
    const calls = await harness.press(ADMIN, `pay.keep:${payment.id}`);
    expect(callsOf(calls, 'refundStarPayment')).toEqual([]);
    expect(harness.lastText()).toContain(`Payment #${payment.id} was not refunded`);
    expect(await orderRow(orderId)).toMatchObject({ status: 'PAID' });
  });

  test('bad input gets the usage or a clear reason, and changes nothing', async () => {
    const { harness, payment } = await paidWithStars();
    await harness.sendText(ADMIN, '/refund');
    expect(harness.lastText()).toContain('Usage: /refund');
    await harness.sendText(ADMIN, '/refund 12abc');
    expect(harness.lastText()).toContain('Usage: /refund');
    await harness.sendText(ADMIN, '/refund 99999999');
    expect(harness.lastText()).toBe('There is no such payment.');
    const { orderId: unpaid, user } = await order();
    await starsInvoice(harness, user, unpaid);
    const [open] = await paymentsOf(unpaid);
    await harness.sendText(ADMIN, `/refund ${open!.id}`);
    expect(harness.lastText()).toContain('cannot be refunded: its status is PENDING');
    expect((await paymentsOf(payment.tokenOrderId!))[0]?.status).toBe('SUCCEEDED');
  });

  test('a non-admin is refused, by command and by a forged button, and nothing changes', async () => {
    const { harness, payment, orderId, user } = await paidWithStars();
    await harness.sendText(user, `/refund ${payment.id}`);
    expect(harness.lastText()).toBe('Not allowed.');
    const calls = await harness.press(user, `pay.rf:${payment.id}`);
    expect(alertOf(calls)).toBe('Not allowed.');
    expect(callsOf(calls, 'refundStarPayment')).toEqual([]);
    expect(await orderRow(orderId)).toMatchObject({ status: 'PAID' });
  });

  test('a provider that cannot refund from here says so', async () => {
    const { orderId, user } = await order();
    const noRefunds = new FakeGateway('yookassa', ['RUB'], false);
    const harness = botWith([noRefunds]);
    await harness.press(user, `pay.m:yookassa:${orderId}`);
    const [payment] = await paymentsOf(orderId);
    await applyPaymentUpdate(core, 'yookassa', { eventId: 'yk-ok', kind: 'test', ref: { publicId: payment!.publicId }, state: 'succeeded', amountMinor: 112_500n, currency: 'RUB' }, '{}');
    await harness.sendText(ADMIN, `/refund ${payment!.id}`);
    await harness.press(ADMIN, harness.button('Refund'));
    expect(harness.lastText()).toContain('cannot refund from here');
    expect(await orderRow(orderId)).toMatchObject({ status: 'PAID' });
  });
});
