import { readFixture } from '../support/fixtures.js';
import type { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { Hono } from 'hono';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { ApiEnv } from '../../src/api/env.js';
import { createApp } from '../../src/api/app.js';
import { createBot } from '../../src/bot/bot.js';
import type { BotContext } from '../../src/bot/context.js';
import { parseRefundedPayment, parseSuccessfulPayment } from '../../src/bot/features/payments.js';
import type { CoreDeps } from '../../src/core/deps.js';
import { createPayment } from '../../src/core/payments/create-payment.js';
import type { PaymentDeps } from '../../src/core/payments/deps.js';
import { reconcilePayments } from '../../src/core/payments/reconcile-payments.js';
import { refundPayment } from '../../src/core/payments/refund-payment.js';
import type { Database } from '../../src/infra/database.js';
import { silentLogger } from '../../src/infra/logger.js';
import { createStarsGateway, orderBuyerAsPayer } from '../../src/infra/payments/stars.js';
import { BOT_INFO } from '../support/bot.js';
import { createTestDb } from '../support/db.js';
import { coreDeps, fixedClock } from '../support/factories.js';
import { type FakePayer, type FakeTelegram, startFakeTelegram } from '../support/fakes/stars-server.js';
import { expectBooksBalance } from '../support/ledger.js';
import { paymentDeps, pendingOrder } from '../support/payments.js';

// The Bot API's own rules for Stars, collected from its documents (see /work/shared/fixtures/SOURCES.md).
const telegramFixture = readFixture<{
  pre_checkout_query_fields: Record<string, string>;
  successful_payment_fields: Record<string, string>;
  stars_rules: Record<string, string>;
}>('telegram.json');

const TOKEN = '4242:TEST-stars-token-0000000000000000';
const SECRET = 'stars-test-webhook-secret';
const START = new Date('2026-01-15T12:00:00Z');
const ADMIN_TELEGRAM_ID = 9_000_001n;

const clock = fixedClock(START);
let db: Database;
let core: CoreDeps;
let payments: PaymentDeps;
let bot: Bot<BotContext>;
let app: Hono<ApiEnv>;
let telegram: FakeTelegram;

/** Telegram's webhook delivery: POST /webhooks/telegram with the secret token, as in BOT_MODE=webhook. */
async function deliver(update: Update): Promise<Response> {
  const response = await app.request('/webhooks/telegram', {
    method: 'POST',
    body: JSON.stringify(update),
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
  });
  if (response.status !== 200) throw new Error(`webhook answered ${response.status}: ${await response.text()}`);
  return response;
}

beforeAll(async () => {
  db = await createTestDb();
  core = coreDeps(db.prisma, { clock });
  telegram = await startFakeTelegram({ token: TOKEN, deliver });
  // Refunds go through the bot's Bot API client (created just below), over HTTP to the fake.
  const gateway = createStarsGateway({ refundStarPayment: (userId, chargeId) => bot.api.refundStarPayment(userId, chargeId), payerOf: orderBuyerAsPayer(db.prisma) });
  payments = paymentDeps(core, [gateway]);
  bot = createBot(
    TOKEN,
    { core, payments, logger: silentLogger, adminIds: [ADMIN_TELEGRAM_ID], tokenId: 0 },
    { botInfo: BOT_INFO, apiRoot: telegram.url, autoRetry: false, rateLimit: false },
  );
  app = createApp({ core, logger: silentLogger, telegram: { bot, secret: SECRET }, payments: { payments } });
});
afterAll(async () => {
  await telegram?.close();
  await db?.close();
});
beforeEach(() => clock.set(START));
afterEach(() => expectBooksBalance(db.prisma));

let updateIds = 1;

/** The buyer presses a button under the order's screen. */
function press(payer: FakePayer, data: string) {
  return deliver({
    update_id: updateIds++,
    callback_query: {
      id: `cq${updateIds}`,
      from: { ...payer, is_bot: false },
      chat_instance: 'ci',
      data,
      message: { message_id: 1, date: Math.floor(Date.now() / 1000), chat: { id: payer.id, type: 'private', first_name: payer.first_name }, text: 'order' },
    },
  } as Update);
}

/** A pending order of 1,000 tokens at 0.0125 USD (12.50 USD = 625 XTR at 50 XTR per USD), and its buyer as a payer. */
async function starsOrder() {
  const setup = await pendingOrder(db.prisma, core);
  const payer: FakePayer = { id: Number(setup.buyer.telegramId), first_name: 'Buyer', language_code: 'en' };
  return { ...setup, payer };
}

/** The order, with the Stars button pressed: the invoice the bot sent. */
async function invoicedOrder() {
  const setup = await starsOrder();
  await press(setup.payer, `pay.m:stars:${setup.order.orderId}`);
  const invoice = telegram.invoices.findLast((i) => i.chatId === setup.payer.id);
  if (!invoice) throw new Error(`no invoice: ${JSON.stringify(telegram.calls.slice(-3))}`);
  const payment = await db.prisma.payment.findUniqueOrThrow({ where: { publicId: invoice.payload } });
  return { ...setup, invoice, payment };
}

const orderOf = (id: number) => db.prisma.tokenOrder.findUniqueOrThrow({ where: { id } });
const paymentOf = (id: number) => db.prisma.payment.findUniqueOrThrow({ where: { id } });
const eventsOf = (paymentId: number) => db.prisma.paymentEvent.findMany({ where: { paymentId }, orderBy: { id: 'asc' } });
const purchaseEntries = (orderId: number) => db.prisma.ledgerEntry.count({ where: { kind: 'PURCHASE', source: `token_order:${orderId}` } });

/** What a change would touch: the payment, its order, its events, the whole ledger. */
async function snapshot(paymentId: number, orderId: number) {
  return {
    payment: await paymentOf(paymentId),
    order: await orderOf(orderId),
    events: await db.prisma.paymentEvent.count(),
    ledger: await db.prisma.ledgerEntry.count(),
  };
}

describe('the Stars gateway', () => {
  test('is Telegram Stars: XTR only, an invoice the bot sends, no webhook of its own, no status look-up', async () => {
    const gateway = createStarsGateway();
    expect(gateway.id).toBe('stars');
    expect(gateway.currencies).toEqual(['XTR']);
    const request = { publicId: '0b6f2d1e-5a7c-4c1e-9d0f-2b8a4e6c1d3f', amountMinor: 625n, currency: 'XTR', description: 'x', expiresAt: START };
    expect(await gateway.createCheckout(request)).toEqual({ kind: 'invoice' });
    expect(await gateway.parseNotification({ rawBody: '{"successful_payment":{}}', headers: {} })).toMatchObject({ ok: false, code: 'MALFORMED' });
    expect(await gateway.fetchStatus({ publicId: request.publicId, providerRef: 'stxCharge' })).toBeNull();
    expect(gateway.answer('MALFORMED').status).toBe(400);
    expect(gateway.answer('REJECTED').status).toBe(403);
    expect(gateway.answer('APPLIED').status).toBe(200);
  });

  test('refuses to open an invoice Telegram would refuse: another currency, less than one Star, a payload over 128 bytes', async () => {
    const gateway = createStarsGateway();
    const request = { publicId: 'p', amountMinor: 625n, currency: 'XTR', description: 'x', expiresAt: START };
    await expect(gateway.createCheckout({ ...request, currency: 'USD' })).rejects.toThrow(/XTR/);
    await expect(gateway.createCheckout({ ...request, amountMinor: 0n })).rejects.toThrow(/from 1/);
    await expect(gateway.createCheckout({ ...request, publicId: 'x'.repeat(129) })).rejects.toThrow(/128 bytes/);
  });

  test('without the bot to refund through, it offers no refund (and the core says so)', async () => {
    const gateway = createStarsGateway();
    expect(gateway.refund).toBeUndefined();
    const withRefunds = createStarsGateway({ refundStarPayment: async () => true, payerOf: async () => 1 });
    await expect(withRefunds.refund!({ publicId: 'p', providerRef: null, amountMinor: 625n, currency: 'XTR' })).rejects.toThrow(/charge/);
    const noPayer = createStarsGateway({ refundStarPayment: async () => true, payerOf: async () => null });
    await expect(noPayer.refund!({ publicId: 'p', providerRef: 'stx1', amountMinor: 625n, currency: 'XTR' })).rejects.toThrow(/payer/);
  });

  test('createPayment converts the order to Stars at the fixed rate, rounded up, and opens an invoice checkout', async () => {
    const { buyer, order } = await pendingOrder(db.prisma, core, { amount: 1001 }); // 12.5125 USD → 625.625 → 626 XTR
    const created = await createPayment(payments, { buyerId: buyer.id, orderId: order.orderId, provider: 'stars' });
    expect(created).toMatchObject({ ok: true, value: { amountMinor: 626n, currency: 'XTR', checkout: { kind: 'invoice' } } });
    const again = await createPayment(payments, { buyerId: buyer.id, orderId: order.orderId, provider: 'stars' });
    expect(again.ok && created.ok && again.value.paymentId).toBe(created.ok && created.value.paymentId);
  });
});

describe('the Bot API rules (fixtures)', () => {
  test('the invoice follows the Stars rules: XTR, empty provider token, exactly one price in whole Stars, payload of 1-128 bytes', async () => {
    const { invoice, payment } = await invoicedOrder();
    const sent = telegram.callsOf('sendInvoice').at(-1)!.payload;
    expect(telegramFixture.stars_rules['sendInvoice.currency']).toBe("'XTR'");
    expect(sent.currency).toBe('XTR');
    expect(telegramFixture.stars_rules['sendInvoice.provider_token']).toMatch(/empty string/);
    expect(sent.provider_token).toBe('');
    expect(telegramFixture.stars_rules['sendInvoice.prices']).toMatch(/exactly one item/);
    expect(sent.prices).toEqual([{ label: '1,000 tokens', amount: 625 }]);
    expect(telegramFixture.stars_rules['sendInvoice.payload']).toBe('1-128 bytes');
    expect(sent.payload).toBe(payment.publicId);
    expect(Buffer.byteLength(invoice.payload)).toBeLessThanOrEqual(128);
    expect(invoice.title).toBe(`Order #${payment.tokenOrderId}`);
    expect(invoice.description).toContain('12.50 USD, that is 625 XTR (at 50 XTR per USD)');
  });

  test('a successful_payment with exactly the fields the Bot API defines parses; without the charge id it is malformed', () => {
    const required = Object.entries(telegramFixture.successful_payment_fields).filter(([, rule]) => !rule.startsWith('optional'));
    expect(required.map(([field]) => field).sort()).toEqual(
      ['currency', 'invoice_payload', 'provider_payment_charge_id', 'telegram_payment_charge_id', 'total_amount'].sort(),
    );
    const values: Record<string, unknown> = {
      currency: 'XTR',
      total_amount: 625,
      invoice_payload: '0b6f2d1e-5a7c-4c1e-9d0f-2b8a4e6c1d3f',
      telegram_payment_charge_id: 'stxCHARGE1',
      provider_payment_charge_id: '',
    };
    const message = Object.fromEntries(required.map(([field]) => [field, values[field]]));
    expect(parseSuccessfulPayment(message)).toEqual({
      ok: true,
      updates: [
        {
          eventId: 'stxCHARGE1',
          kind: 'successful_payment',
          ref: { publicId: '0b6f2d1e-5a7c-4c1e-9d0f-2b8a4e6c1d3f' },
          state: 'succeeded',
          amountMinor: 625n,
          currency: 'XTR',
          providerRef: 'stxCHARGE1',
        },
      ],
    });
    const { telegram_payment_charge_id: _dropped, ...withoutCharge } = message;
    expect(parseSuccessfulPayment(withoutCharge)).toMatchObject({ ok: false, code: 'MALFORMED' });
    expect(parseSuccessfulPayment({ ...message, total_amount: 6.25 })).toMatchObject({ ok: false, code: 'MALFORMED' });
    expect(parseSuccessfulPayment({ ...message, invoice_payload: 'x'.repeat(129) })).toMatchObject({ ok: false, code: 'MALFORMED' });
    expect(parseRefundedPayment({ currency: 'XTR', total_amount: 625, invoice_payload: 'p', telegram_payment_charge_id: 'stxCHARGE1' })).toMatchObject({
      ok: true,
      updates: [{ eventId: 'refunded:stxCHARGE1', ref: { providerRef: 'stxCHARGE1' }, state: 'refunded' }],
    });
  });

  test('the checkout carries every required pre_checkout_query field, and the bot answers it first, well within 10 s', async () => {
    const { invoice, payer, payment } = await invoicedOrder();
    const required = Object.entries(telegramFixture.pre_checkout_query_fields)
      .filter(([, rule]) => !rule.startsWith('optional'))
      .map(([field]) => field);
    expect(required.sort()).toEqual(['currency', 'from', 'id', 'invoice_payload', 'total_amount']);
    const before = telegram.calls.length;
    const result = await telegram.pay(invoice, payer);
    const query = telegram.delivered.findLast((u) => u.pre_checkout_query)!.pre_checkout_query!;
    for (const field of required) expect(query).toHaveProperty(field);
    expect(query).toMatchObject({ currency: 'XTR', total_amount: 625, invoice_payload: payment.publicId, from: { id: payer.id } });
    expect(result).toMatchObject({ approved: true, answered: true });
    expect(result.answeredInMs).toBeLessThan(10_000);
    expect(telegram.calls[before]).toEqual({ method: 'answerPreCheckoutQuery', payload: { pre_checkout_query_id: query.id, ok: true } });
  });
});

describe('paying with Stars, end to end', () => {
  test('Stars button → invoice → checkout approved → successful_payment: order PAID, booked once, the buyer told, the charge kept', async () => {
    const { invoice, payer, payment, order, buyer } = await invoicedOrder();
    expect(invoice.amount).toBe(625);
    expect(payment).toMatchObject({ status: 'PENDING', provider: 'stars', amountMinor: 625n, currency: 'XTR', orderAmountMinor: 1250n });
    const result = await telegram.pay(invoice, payer);
    expect(result.approved).toBe(true);
    const chargeId = result.charge!.chargeId;
    expect(await paymentOf(payment.id)).toMatchObject({ status: 'SUCCEEDED', providerRef: chargeId });
    expect(await orderOf(order.orderId)).toMatchObject({ status: 'PAID' });
    expect(await purchaseEntries(order.orderId)).toBe(1);
    const [event] = await eventsOf(payment.id);
    expect(event).toMatchObject({ provider: 'stars', eventId: chargeId, kind: 'successful_payment', outcome: 'APPLIED' });
    // The payer is on record with the payment, for refunds and disputes.
    expect(JSON.parse(event!.rawBody)).toMatchObject({ from: { id: payer.id }, successful_payment: { telegram_payment_charge_id: chargeId } });
    expect(telegram.textsTo(payer.id).at(-1)).toContain(`Payment for order #${order.orderId} is confirmed: 1,000 tokens credited`);
    expect(buyer.id).toBe((await orderOf(order.orderId)).buyerId);
  });

  test('the same successful_payment delivered 20 times in parallel credits once, and the buyer hears once', async () => {
    const { invoice, payer, payment, order } = await invoicedOrder();
    const result = await telegram.pay(invoice, payer);
    const heard = telegram.textsTo(payer.id).length;
    const responses = await Promise.all(Array.from({ length: 20 }, () => deliver(result.successfulPayment!)));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(await purchaseEntries(order.orderId)).toBe(1);
    expect(await eventsOf(payment.id)).toHaveLength(1);
    expect(telegram.textsTo(payer.id)).toHaveLength(heard);
    expect(telegram.callsOf('refundStarPayment')).toHaveLength(0);
  });

  test.each([
    ['one Star short', { totalAmount: 624 }, 'does not match'],
    ['another currency', { currency: 'USD', totalAmount: 1250 }, 'does not match'],
    ['a payload we never issued', { payload: 'not-one-of-ours' }, 'not valid'],
  ])('a checkout with %s is refused with a clear message and nothing is charged or changed', async (_name, options, words) => {
    const { invoice, payer, payment, order } = await invoicedOrder();
    const before = await snapshot(payment.id, order.orderId);
    const result = await telegram.pay(invoice, payer, options);
    expect(result).toMatchObject({ approved: false, answered: true });
    expect(result.errorMessage).toContain(words);
    expect(await snapshot(payment.id, order.orderId)).toEqual(before);
  });

  test('a checkout from someone who is not the buyer (a forwarded invoice) is refused', async () => {
    const { invoice, payment, order } = await invoicedOrder();
    const before = await snapshot(payment.id, order.orderId);
    const result = await telegram.pay(invoice, { id: 55_555, first_name: 'Stranger' });
    expect(result.approved).toBe(false);
    expect(result.errorMessage).toContain("another customer's order");
    expect(await snapshot(payment.id, order.orderId)).toEqual(before);
  });

  test('a checkout after the reservation ended is refused', async () => {
    const { invoice, payer, payment, order } = await invoicedOrder();
    clock.advance(31 * 60_000);
    const before = await snapshot(payment.id, order.orderId);
    const result = await telegram.pay(invoice, payer);
    expect(result.approved).toBe(false);
    expect(result.errorMessage).toContain('reservation for this order has ended');
    expect(await snapshot(payment.id, order.orderId)).toEqual(before);
  });

  test('a checkout of an invoice already paid is refused', async () => {
    const { invoice, payer } = await invoicedOrder();
    expect((await telegram.pay(invoice, payer)).approved).toBe(true);
    const again = await telegram.pay(invoice, payer);
    expect(again.approved).toBe(false);
    expect(again.errorMessage).toContain('already paid');
  });

  test('one Star short (or the wrong currency) in successful_payment: the payment is ON_HOLD, the order not paid, admins told', async () => {
    for (const paid of [{ paidAmount: 624 }, { paidCurrency: 'USD' }]) {
      const { invoice, payer, payment, order } = await invoicedOrder();
      const result = await telegram.pay(invoice, payer, paid);
      expect(result.approved).toBe(true);
      expect(await paymentOf(payment.id)).toMatchObject({ status: 'ON_HOLD', providerRef: result.charge!.chargeId });
      expect((await paymentOf(payment.id)).holdReason).toContain('expected 625 XTR');
      expect(await orderOf(order.orderId)).toMatchObject({ status: 'PENDING' });
      expect(await purchaseEntries(order.orderId)).toBe(0);
      expect(telegram.textsTo(payer.id).at(-1)).toContain('does not match the order');
      expect(telegram.textsTo(Number(ADMIN_TELEGRAM_ID)).at(-1)).toContain(`Payment #${payment.id} for order #${order.orderId} is on hold`);
    }
  });

  test('a second charge for an invoice already paid (out of order) credits nothing and its Stars go back; the first stays', async () => {
    const { invoice, payer, payment, order } = await invoicedOrder();
    const first = await telegram.pay(invoice, payer);
    const second = telegram.charge(invoice.payload, payer, 625);
    await deliver(telegram.successfulPaymentUpdate(second, payer));
    expect(await paymentOf(payment.id)).toMatchObject({ status: 'SUCCEEDED', providerRef: first.charge!.chargeId });
    expect(await purchaseEntries(order.orderId)).toBe(1);
    expect(telegram.charges.get(second.chargeId)?.refunded).toBe(true);
    expect(telegram.charges.get(first.charge!.chargeId)?.refunded).toBe(false);
    expect(telegram.textsTo(payer.id).at(-1)).toContain('we sent your Stars back');
    expect((await eventsOf(payment.id)).map((e) => e.outcome)).toEqual(['APPLIED', 'IGNORED']);
    // Telegram then reports that refund: it was not the charge that paid, so nothing changes.
    await deliver(telegram.refundedPaymentUpdate(second, payer));
    expect(await orderOf(order.orderId)).toMatchObject({ status: 'PAID' });
  });

  test('a payment whose successful_payment never came cannot be looked up: reconciliation expires it with its reservation', async () => {
    const { invoice, payer, payment, order } = await invoicedOrder();
    // Other tests' open payments are swept too: look at this one's.
    const sweep = async () => (await reconcilePayments(payments, { pendingForMs: 600_000 })).filter((r) => r.paymentId === payment.id);
    clock.advance(11 * 60_000);
    expect(await sweep()).toEqual([]); // no status at Telegram, and the reservation is still on
    clock.advance(20 * 60_000);
    expect(await sweep()).toMatchObject([{ outcome: 'APPLIED', status: 'EXPIRED' }]);
    expect(await paymentOf(payment.id)).toMatchObject({ status: 'EXPIRED' });
    expect(await orderOf(order.orderId)).toMatchObject({ status: 'EXPIRED' });
    // The checkout is refused from now on.
    expect((await telegram.pay(invoice, payer)).approved).toBe(false);
  });

  test('a charge approved just before its payment expired is still taken: the order is sold while its tokens remain', async () => {
    const { invoice, payer, payment, order } = await invoicedOrder();
    clock.advance(31 * 60_000);
    await reconcilePayments(payments, { pendingForMs: 600_000 });
    expect(await paymentOf(payment.id)).toMatchObject({ status: 'EXPIRED' });
    const late = telegram.charge(invoice.payload, payer, 625);
    await deliver(telegram.successfulPaymentUpdate(late, payer));
    expect(await paymentOf(payment.id)).toMatchObject({ status: 'SUCCEEDED', providerRef: late.chargeId });
    expect(await orderOf(order.orderId)).toMatchObject({ status: 'PAID' });
    expect(await purchaseEntries(order.orderId)).toBe(1);
    expect(telegram.charges.get(late.chargeId)?.refunded).toBe(false);
  });

  test('a late charge when the round has nothing left marks the order for refund; the admin refund gives the Stars back', async () => {
    const setup = await pendingOrder(db.prisma, core, { cap: 1_000n });
    const payer: FakePayer = { id: Number(setup.buyer.telegramId), first_name: 'Buyer' };
    await press(payer, `pay.m:stars:${setup.order.orderId}`);
    const invoice = telegram.invoices.findLast((i) => i.chatId === payer.id)!;
    const payment = await db.prisma.payment.findUniqueOrThrow({ where: { publicId: invoice.payload } });
    clock.advance(31 * 60_000);
    await reconcilePayments(payments, { pendingForMs: 600_000 });
    // Meanwhile the round sells out to others (set by hand, and put back at the end for the books check).
    await db.prisma.tokenRound.update({ where: { id: setup.order.roundId }, data: { sold: 1_000n } });
    const late = telegram.charge(invoice.payload, payer, 625);
    await deliver(telegram.successfulPaymentUpdate(late, payer));
    expect(await orderOf(setup.order.orderId)).toMatchObject({ status: 'REFUND_REQUIRED' });
    expect(telegram.textsTo(payer.id).at(-1)).toContain('We will refund');
    expect(await refundPayment(payments, { paymentId: payment.id, isAdmin: true })).toMatchObject({ ok: true });
    expect(telegram.charges.get(late.chargeId)?.refunded).toBe(true);
    expect(await orderOf(setup.order.orderId)).toMatchObject({ status: 'REFUNDED' });
    await db.prisma.tokenRound.update({ where: { id: setup.order.roundId }, data: { sold: 0n } });
  });

  test('a successful_payment for a payment we do not know is recorded as UNKNOWN_PAYMENT and the Stars go back', async () => {
    const { payer } = await starsOrder();
    const stray = telegram.charge('3f1c9a52-0000-4000-8000-000000000000', payer, 100);
    await deliver(telegram.successfulPaymentUpdate(stray, payer));
    const event = await db.prisma.paymentEvent.findUniqueOrThrow({ where: { provider_eventId: { provider: 'stars', eventId: stray.chargeId } } });
    expect(event).toMatchObject({ outcome: 'UNKNOWN_PAYMENT', paymentId: null });
    expect(telegram.charges.get(stray.chargeId)?.refunded).toBe(true);
  });
});

describe('refunds', () => {
  test('refundPayment gives the Stars back to the buyer (refundStarPayment with their id and the charge id) and undoes the order', async () => {
    const { invoice, payer, payment, order } = await invoicedOrder();
    const paid = await telegram.pay(invoice, payer);
    const refunded = await refundPayment(payments, { paymentId: payment.id, isAdmin: true });
    expect(refunded).toEqual({ ok: true, value: { paymentId: payment.id, orderId: order.orderId, market: false } });
    const call = telegram.callsOf('refundStarPayment').at(-1)!.payload;
    expect(call).toEqual({ user_id: payer.id, telegram_payment_charge_id: paid.charge!.chargeId });
    expect(telegram.charges.get(paid.charge!.chargeId)?.refunded).toBe(true);
    expect(await paymentOf(payment.id)).toMatchObject({ status: 'REFUNDED' });
    expect(await orderOf(order.orderId)).toMatchObject({ status: 'REFUNDED' });
    expect(await db.prisma.ledgerEntry.count({ where: { kind: 'REFUND', source: `PURCHASE:token_order:${order.orderId}` } })).toBe(1);
    // Twice is refused before Telegram is asked again; Telegram's refunded_payment afterwards changes nothing.
    expect(await refundPayment(payments, { paymentId: payment.id, isAdmin: true })).toMatchObject({ ok: false, code: 'NOT_REFUNDABLE' });
    expect(telegram.callsOf('refundStarPayment').filter((c) => c.payload.telegram_payment_charge_id === paid.charge!.chargeId)).toHaveLength(1);
    const ledger = await db.prisma.ledgerEntry.count();
    await deliver(telegram.refundedPaymentUpdate(paid.charge!, payer));
    expect(await db.prisma.ledgerEntry.count()).toBe(ledger);
  });

  test('a refund Telegram reports (refunded_payment for the charge that paid) undoes the order once', async () => {
    const { invoice, payer, payment, order } = await invoicedOrder();
    const paid = await telegram.pay(invoice, payer);
    const update = telegram.refundedPaymentUpdate(paid.charge!, payer);
    await deliver(update);
    await deliver(update);
    expect(await paymentOf(payment.id)).toMatchObject({ status: 'REFUNDED' });
    expect(await orderOf(order.orderId)).toMatchObject({ status: 'REFUNDED' });
    expect((await eventsOf(payment.id)).map((e) => e.outcome)).toEqual(['APPLIED', 'APPLIED']);
    expect(telegram.textsTo(payer.id).at(-1)).toContain(`Order #${order.orderId}`);
  });

  test('Telegram refusing the refund (already refunded there) changes nothing here', async () => {
    const { invoice, payer, payment, order } = await invoicedOrder();
    const paid = await telegram.pay(invoice, payer);
    telegram.charges.get(paid.charge!.chargeId)!.refunded = true;
    expect(await refundPayment(payments, { paymentId: payment.id, isAdmin: true })).toMatchObject({ ok: false, code: 'PROVIDER_FAILED' });
    expect(await paymentOf(payment.id)).toMatchObject({ status: 'SUCCEEDED' });
    expect(await orderOf(order.orderId)).toMatchObject({ status: 'PAID' });
  });
});

describe('where Stars updates may come from', () => {
  test('a successful_payment posted without the webhook secret (or with a wrong one) is refused and changes nothing', async () => {
    const { invoice, payer, payment, order } = await invoicedOrder();
    const charge = telegram.charge(invoice.payload, payer, 625);
    const before = await snapshot(payment.id, order.orderId);
    const wrongSecrets: Record<string, string>[] = [{}, { 'x-telegram-bot-api-secret-token': 'guessed' }, { 'x-telegram-bot-api-secret-token': `${SECRET}x` }];
    for (const headers of wrongSecrets) {
      const response = await app.request('/webhooks/telegram', {
        method: 'POST',
        body: JSON.stringify(telegram.successfulPaymentUpdate(charge, payer)),
        headers: { 'content-type': 'application/json', ...headers },
      });
      expect(response.status).toBe(401);
    }
    expect(await snapshot(payment.id, order.orderId)).toEqual(before);
  });

  test('POST /webhooks/stars is not a payment webhook: 404, nothing recorded', async () => {
    const events = await db.prisma.paymentEvent.count();
    const response = await app.request('/webhooks/stars', { method: 'POST', body: '{"successful_payment":{}}' });
    expect(response.status).toBe(404);
    expect(await db.prisma.paymentEvent.count()).toBe(events);
  });
});
