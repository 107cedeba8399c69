import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createApp } from '../../src/api/app.js';
import { createPayment } from '../../src/core/payments/create-payment.js';
import type { WebhookOutcome } from '../../src/core/payments/gateway.js';
import { reconcilePayments } from '../../src/core/payments/reconcile-payments.js';
import { refundPayment } from '../../src/core/payments/refund-payment.js';
import type { Database } from '../../src/infra/database.js';
import { silentLogger } from '../../src/infra/logger.js';
import { createYooMoneyGateway, type YooMoneySettings } from '../../src/infra/payments/yoomoney.js';
import { createTestDb } from '../support/db.js';
import { coreDeps, fixedClock } from '../support/factories.js';
import { type FakeYooMoney, signYooMoneyNotification, startFakeYooMoney } from '../support/fakes/yoomoney-server.js';
import { expectBooksBalance } from '../support/ledger.js';
import { paymentDeps, pendingOrder } from '../support/payments.js';

const WALLET = '4100118000000001';
const SECRET = 'Zq8rT2vLx9Pw4mN6bC1dE5fG';
const RETURN_URL = 'https://t.me/market_test_bot';

// Reference values from /work/shared/fixtures/yoomoney.json (see SOURCES.md there).
/** Vector ym-doc-hash-example: the docs' "verify notification" example (official, recomputed). */
const DOC_HASH_EXAMPLE = {
  secret: '01234567890ABCDEF01234567890',
  params: {
    notification_type: 'p2p-incoming',
    operation_id: '1234567',
    amount: '300.00',
    currency: '643',
    datetime: '2011-07-01T09:00:00.000+04:00',
    sender: '41001XXXXXXXX',
    codepro: 'false',
    label: 'YM.label.12345',
  },
  sha1: 'a2ee4a9195f4a90e893cff4f62eeba0b662321f9',
};
/** Vector ym-doc-request-example: the docs' example request. No secret is published: parser fixture only. */
const DOC_REQUEST_EXAMPLE = {
  operation_id: '904035776918098009',
  notification_type: 'p2p-incoming',
  datetime: '2014-04-28T16:31:28Z',
  sha1_hash: '8693ddf402fe5dcc4c4744d466cabada2628148c',
  sender: '41003188981230',
  codepro: 'false',
  currency: '643',
  amount: '0.99',
  withdraw_amount: '1.00',
  label: 'YM.label.12345',
};

let db: Database;
let fake: FakeYooMoney;

beforeAll(async () => {
  db = await createTestDb();
  fake = await startFakeYooMoney({ wallet: WALLET, secret: SECRET });
});
afterAll(async () => {
  await fake.close();
  await db.close();
});
afterEach(() => expectBooksBalance(db.prisma));

function gatewayWith(settings: Partial<YooMoneySettings> = {}) {
  return createYooMoneyGateway({ wallet: WALLET, notificationSecret: SECRET, apiUrl: fake.url, returnUrl: RETURN_URL, ...settings });
}

/** The core with YooMoney on (pointed at the fake), the API, and the fake delivering to it. */
function setup(settings: Partial<YooMoneySettings> = {}) {
  const clock = fixedClock();
  const core = coreDeps(db.prisma, { clock });
  const gateway = gatewayWith(settings);
  const payments = paymentDeps(core, [gateway]);
  const app = createApp({ core, logger: silentLogger, payments: { payments } });
  fake.deliverTo(async (body, headers) => app.request('/webhooks/yoomoney', { method: 'POST', body, headers }));
  return { clock, core, gateway, payments, app };
}

type Env = ReturnType<typeof setup>;

/** A pending order of 1000 tokens at 0.0125 USD (12.50 USD = 1125.00 RUB at 90), a YooMoney payment for it, its link opened. */
async function openPayment(env: Env) {
  const { order, buyer } = await pendingOrder(db.prisma, env.core);
  const created = await createPayment(env.payments, { buyerId: buyer.id, orderId: order.orderId, provider: 'yoomoney' });
  if (!created.ok) throw new Error(created.code);
  if (created.value.checkout.kind !== 'redirect') throw new Error('expected a link');
  // The payer opens the link; the fake checks the form the way the docs describe it.
  const page = await fetch(created.value.checkout.payUrl);
  expect(page.status, await page.text()).toBe(200);
  return { order, buyer, payment: created.value, publicId: created.value.publicId };
}

async function paymentRow(publicId: string) {
  return db.prisma.payment.findUniqueOrThrow({ where: { publicId } });
}
async function orderRow(id: number) {
  return db.prisma.tokenOrder.findUniqueOrThrow({ where: { id } });
}
async function eventsOf(publicId: string) {
  const payment = await paymentRow(publicId);
  return db.prisma.paymentEvent.findMany({ where: { paymentId: payment.id }, orderBy: { id: 'asc' } });
}

/** Everything a notification could change, to show that one changed nothing. */
async function snapshot() {
  const [payments, orders, ledger, balances, events, rounds] = await Promise.all([
    db.prisma.payment.findMany({ orderBy: { id: 'asc' }, select: { id: true, status: true, providerRef: true, holdReason: true, succeededAt: true } }),
    db.prisma.tokenOrder.findMany({ orderBy: { id: 'asc' }, select: { id: true, status: true, paidAt: true } }),
    db.prisma.ledgerEntry.count(),
    db.prisma.balance.findMany({ orderBy: [{ userId: 'asc' }, { asset: 'asc' }] }),
    db.prisma.paymentEvent.count(),
    db.prisma.tokenRound.findMany({ orderBy: { id: 'asc' }, select: { id: true, sold: true, reserved: true } }),
  ]);
  return { payments, orders, ledger, balances, events, rounds };
}

async function purchaseEntries(orderId: number) {
  return db.prisma.ledgerEntry.count({ where: { kind: 'PURCHASE', source: `token_order:${orderId}` } });
}

describe('reference values from the YooMoney docs', () => {
  test('the official sha1_hash example verifies, and the fake signs it the same way', async () => {
    expect(signYooMoneyNotification(DOC_HASH_EXAMPLE.params, DOC_HASH_EXAMPLE.secret)).toBe(DOC_HASH_EXAMPLE.sha1);
    const gateway = gatewayWith({ notificationSecret: DOC_HASH_EXAMPLE.secret });
    const body = new URLSearchParams({ ...DOC_HASH_EXAMPLE.params, sha1_hash: DOC_HASH_EXAMPLE.sha1 }).toString();
    const parsed = await gateway.parseNotification({ rawBody: body, headers: {} });
    expect(parsed).toEqual({
      ok: true,
      updates: [
        // No withdraw_amount in the example: what the payer paid is unknown, so it could only go ON_HOLD.
        { eventId: '1234567', kind: 'p2p-incoming', ref: { publicId: 'YM.label.12345' }, state: 'succeeded', amountMinor: undefined, currency: 'RUB' },
      ],
    });
  });

  test('the official example fails with any other secret, or with any signed field changed', async () => {
    const body = (params: Record<string, string>) => new URLSearchParams({ ...params, sha1_hash: DOC_HASH_EXAMPLE.sha1 }).toString();
    const otherSecret = gatewayWith({ notificationSecret: `${DOC_HASH_EXAMPLE.secret.slice(0, -1)}1` });
    expect(await otherSecret.parseNotification({ rawBody: body(DOC_HASH_EXAMPLE.params), headers: {} })).toMatchObject({ ok: false, code: 'BAD_SIGNATURE' });
    const gateway = gatewayWith({ notificationSecret: DOC_HASH_EXAMPLE.secret });
    for (const field of Object.keys(DOC_HASH_EXAMPLE.params) as (keyof typeof DOC_HASH_EXAMPLE.params)[]) {
      const changed = { ...DOC_HASH_EXAMPLE.params, [field]: `${DOC_HASH_EXAMPLE.params[field]}0` };
      expect(await gateway.parseNotification({ rawBody: body(changed), headers: {} }), field).toMatchObject({ ok: false, code: 'BAD_SIGNATURE' });
    }
  });

  test('the docs example request parses: the payer paid withdraw_amount, operation_id is the event', async () => {
    const gateway = gatewayWith();
    // Its own sha1_hash was made with a secret nobody published: it cannot verify here.
    const asPublished = new URLSearchParams(DOC_REQUEST_EXAMPLE).toString();
    expect(await gateway.parseNotification({ rawBody: asPublished, headers: {} })).toMatchObject({ ok: false, code: 'BAD_SIGNATURE' });
    // Signed with our secret, the same fields parse.
    const resigned = new URLSearchParams({ ...DOC_REQUEST_EXAMPLE, sha1_hash: signYooMoneyNotification(DOC_REQUEST_EXAMPLE, SECRET) }).toString();
    expect(await gateway.parseNotification({ rawBody: resigned, headers: {} })).toEqual({
      ok: true,
      updates: [
        { eventId: '904035776918098009', kind: 'p2p-incoming', ref: { publicId: 'YM.label.12345' }, state: 'succeeded', amountMinor: 100n, currency: 'RUB' },
      ],
    });
  });
});

describe('the quickpay link', () => {
  test('is the documented form with receiver, quickpay-form=button, paymentType, sum in roubles, label=publicId and successURL', async () => {
    const env = setup();
    const { payment, publicId } = await openPayment(env);
    expect(payment).toMatchObject({ amountMinor: 112500n, currency: 'RUB' });
    if (payment.checkout.kind !== 'redirect') throw new Error('expected a link');
    const link = new URL(payment.checkout.payUrl);
    expect(`${link.origin}${link.pathname}`).toBe(`${fake.url}/quickpay/confirm`);
    expect(Object.fromEntries(link.searchParams)).toEqual({
      receiver: WALLET,
      'quickpay-form': 'button',
      paymentType: 'AC',
      sum: '1125.00',
      label: publicId,
      successURL: RETURN_URL,
    });
    expect(payment.checkout.providerRef).toBeUndefined();
    expect(fake.forms.get(publicId)).toMatchObject({ receiver: WALLET, sum: '1125.00', paymentType: 'AC', successURL: RETURN_URL });
    expect(await paymentRow(publicId)).toMatchObject({ status: 'PENDING', payUrl: payment.checkout.payUrl, providerRef: null });
  });

  test('a wallet payment type can be chosen, and YooMoney takes roubles only', async () => {
    const env = setup({ paymentType: 'PC' });
    const { publicId } = await openPayment(env);
    expect(fake.forms.get(publicId)?.paymentType).toBe('PC');
    expect(env.gateway.currencies).toEqual(['RUB']);
    await expect(env.gateway.createCheckout({ publicId: 'x', amountMinor: 100n, currency: 'USD', description: 'd', expiresAt: new Date() })).rejects.toThrow(/RUB/);
  });

  test('settings that cannot work stop start-up with a clear message', () => {
    expect(() => gatewayWith({ wallet: 'not-a-wallet' })).toThrow(/YOOMONEY_WALLET/);
    expect(() => gatewayWith({ notificationSecret: '' })).toThrow(/YOOMONEY_NOTIFICATION_SECRET/);
  });
});

describe('a payment, end to end', () => {
  test('link → payment at YooMoney → notification: the order is paid and booked exactly once', async () => {
    const env = setup();
    const { order, publicId } = await openPayment(env);
    const { notification, response } = await fake.pay(publicId);
    expect(response.status).toBe(200);
    // A card payment: 3 % commission comes off what reaches the wallet; the payer paid the price.
    expect(notification.fields).toMatchObject({ withdraw_amount: '1125.00', amount: '1091.25', label: publicId, currency: '643' });
    expect(await paymentRow(publicId)).toMatchObject({ status: 'SUCCEEDED', amountMinor: 112500n, currency: 'RUB' });
    expect(await orderRow(order.orderId)).toMatchObject({ status: 'PAID' });
    expect(await purchaseEntries(order.orderId)).toBe(1);
    expect(await eventsOf(publicId)).toMatchObject([{ provider: 'yoomoney', eventId: notification.fields.operation_id, kind: 'card-incoming', outcome: 'APPLIED' }]);

    // YooMoney's retries (after 10 minutes, after an hour) change nothing.
    const before = await snapshot();
    for (const _ of [1, 2]) {
      const retry = await fake.deliver(notification);
      expect(retry.status).toBe(200);
      expect(await retry.json()).toEqual({ outcome: 'duplicate' });
    }
    expect(await snapshot()).toEqual(before);
  });

  test('a payment from a YooMoney wallet (1 % commission) is paid as well', async () => {
    const env = setup({ paymentType: 'PC' });
    const { order, publicId } = await openPayment(env);
    const { notification, response } = await fake.pay(publicId);
    expect(response.status).toBe(200);
    expect(notification.fields).toMatchObject({ notification_type: 'p2p-incoming', withdraw_amount: '1125.00', amount: '1113.86' });
    expect(await orderRow(order.orderId)).toMatchObject({ status: 'PAID' });
  });
});

describe('signatures', () => {
  test('a notification signed with another secret is answered 401 and changes nothing, not even payment_events', async () => {
    const env = setup();
    const { publicId } = await openPayment(env);
    const before = await snapshot();
    const { response } = await fake.pay(publicId, { secret: 'not-the-secret' });
    expect(response.status).toBe(401);
    expect(await snapshot()).toEqual(before);
  });

  test.each([
    ['amount', '1125.00'],
    ['label', 'another-payment'],
    ['operation_id', '1'],
    ['notification_type', 'p2p-incoming'],
    ['datetime', '2030-01-01T00:00:00Z'],
    ['codepro', 'true'],
  ])('a genuine notification with %s changed is answered 401 and changes nothing', async (field, value) => {
    const env = setup();
    const { publicId } = await openPayment(env);
    const genuine = fake.notification({ label: publicId, amount: '1091.25', withdraw_amount: '1125.00' });
    const tampered = new URLSearchParams({ ...genuine.fields, [field]: value }).toString();
    const before = await snapshot();
    expect((await fake.deliver(tampered)).status).toBe(401);
    expect(await snapshot()).toEqual(before);
    // The genuine one still goes through.
    expect((await fake.deliver(genuine)).status).toBe(200);
    expect((await paymentRow(publicId)).status).toBe('SUCCEEDED');
  });

  test('a missing, short or non-hex sha1_hash is refused and changes nothing', async () => {
    const env = setup();
    const { publicId } = await openPayment(env);
    const genuine = fake.notification({ label: publicId, amount: '1091.25', withdraw_amount: '1125.00' });
    const before = await snapshot();
    const { sha1_hash: hash, ...unsigned } = genuine.fields;
    expect((await fake.deliver(new URLSearchParams(unsigned).toString())).status).toBe(400);
    expect((await fake.deliver(new URLSearchParams({ ...unsigned, sha1_hash: hash!.slice(0, 39) }).toString())).status).toBe(401);
    expect((await fake.deliver(new URLSearchParams({ ...unsigned, sha1_hash: 'z'.repeat(40) }).toString())).status).toBe(401);
    expect(await snapshot()).toEqual(before);
  });

  test('a replayed notification is a duplicate: credited once', async () => {
    const env = setup();
    const { order, publicId } = await openPayment(env);
    const { notification } = await fake.pay(publicId);
    const before = await snapshot();
    const replay = await fake.deliver(notification);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ outcome: 'duplicate' });
    expect(await snapshot()).toEqual(before);
    expect(await purchaseEntries(order.orderId)).toBe(1);
  });

  test('withdraw_amount is outside the hash: raised to the price over a tiny signed amount, it credits nothing (ON_HOLD)', async () => {
    const env = setup();
    const { order, publicId } = await openPayment(env);
    // A genuine transfer of 1 rouble whose unsigned withdraw_amount someone rewrote.
    const { response } = await fake.pay(publicId, { amount: '0.97', withdrawAmount: '1125.00' });
    expect(response.status).toBe(200);
    expect(await paymentRow(publicId)).toMatchObject({ status: 'ON_HOLD', holdReason: 'paid ? RUB, expected 112500 RUB' });
    expect(await orderRow(order.orderId)).toMatchObject({ status: 'PENDING' });
    expect(await purchaseEntries(order.orderId)).toBe(0);
  });

  test('repeated fields, a body that is not a form, or a field that is not an amount are answered 400 and change nothing', async () => {
    const env = setup();
    const { publicId } = await openPayment(env);
    const genuine = fake.notification({ label: publicId, amount: '1091.25', withdraw_amount: '1125.00' });
    const before = await snapshot();
    expect((await fake.deliver(`${genuine.body}&label=another`)).status).toBe(400);
    expect((await fake.deliver(`${genuine.body}&withdraw_amount=1.00`)).status).toBe(400);
    expect((await fake.deliver('{"label":"x"}')).status).toBe(400);
    expect((await fake.deliver('')).status).toBe(400);
    expect((await fake.deliver(fake.notification({ label: publicId, amount: '1 091,25' }))).status).toBe(400);
    expect((await fake.deliver(fake.notification({ label: publicId, amount: '1091.25', withdraw_amount: 'lots' }))).status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });
});

describe('timing', () => {
  test('the protocol has no freshness window: the last retry, an hour after the transfer, still credits', async () => {
    const env = setup();
    const { order, publicId } = await openPayment(env);
    const datetime = new Date(env.clock.now().getTime() - 60 * 60_000).toISOString();
    const { response } = await fake.pay(publicId, { datetime });
    expect(response.status).toBe(200);
    expect(await orderRow(order.orderId)).toMatchObject({ status: 'PAID' });
  });
});

describe('amounts and currencies', () => {
  test.each([
    ['one kopeck short', '1124.99', 'paid 112499 RUB, expected 112500 RUB'],
    ['one kopeck over', '1125.01', 'paid 112501 RUB, expected 112500 RUB'],
  ])('paid %s: the payment is ON_HOLD and the order is not paid', async (_name, withdrawAmount, holdReason) => {
    const env = setup();
    const { order, publicId } = await openPayment(env);
    const { response } = await fake.pay(publicId, { withdrawAmount });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ outcome: 'on_hold' });
    expect(await paymentRow(publicId)).toMatchObject({ status: 'ON_HOLD', holdReason });
    expect(await orderRow(order.orderId)).toMatchObject({ status: 'PENDING' });
    expect(await purchaseEntries(order.orderId)).toBe(0);
  });

  test('a currency other than 643 (RUB): ON_HOLD, the order is not paid', async () => {
    const env = setup();
    const { order, publicId } = await openPayment(env);
    const { response } = await fake.pay(publicId, { currency: '840' });
    expect(response.status).toBe(200);
    expect(await paymentRow(publicId)).toMatchObject({ status: 'ON_HOLD', holdReason: 'paid 112500 840, expected 112500 RUB' });
    expect(await orderRow(order.orderId)).toMatchObject({ status: 'PENDING' });
  });

  test('no withdraw_amount at all: what the payer paid is unknown, so ON_HOLD', async () => {
    const env = setup();
    const { order, publicId } = await openPayment(env);
    const { withdraw_amount: _, ...fields } = fake.notification({ label: publicId, amount: '1125.00' }).fields;
    const { sha1_hash: __, ...unsigned } = fields;
    const response = await fake.deliver(new URLSearchParams({ ...unsigned, sha1_hash: signYooMoneyNotification(unsigned, SECRET) }).toString());
    expect(response.status).toBe(200);
    expect(await paymentRow(publicId)).toMatchObject({ status: 'ON_HOLD' });
    expect(await orderRow(order.orderId)).toMatchObject({ status: 'PENDING' });
  });
});

describe('concurrency', () => {
  test('the same notification delivered 20 times at once is credited once', async () => {
    const env = setup();
    const { order, publicId } = await openPayment(env);
    const notification = fake.notification({ label: publicId, amount: '1091.25', withdraw_amount: '1125.00' });
    const responses = await Promise.all(Array.from({ length: 20 }, () => fake.deliver(notification)));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    const outcomes = (await Promise.all(responses.map((r) => r.json() as Promise<{ outcome: string }>))).map((b) => b.outcome).sort();
    expect(outcomes).toEqual(['applied', ...Array(19).fill('duplicate')]);
    expect(await orderRow(order.orderId)).toMatchObject({ status: 'PAID' });
    expect(await purchaseEntries(order.orderId)).toBe(1);
    expect(await eventsOf(publicId)).toHaveLength(1);
  });
});

describe('transfers not credited yet, and events out of order', () => {
  test.each([['unaccepted'], ['codepro']] as const)('a transfer with %s=true credits nothing; the credited one that follows pays the order', async (flag) => {
    const env = setup();
    const { order, publicId } = await openPayment(env);
    const operationId = '900000000000000001' + (flag === 'codepro' ? '2' : '1');
    const held = await fake.pay(publicId, { operationId, [flag]: true });
    expect(held.response.status).toBe(200);
    expect(await held.response.json()).toEqual({ outcome: 'ignored' });
    expect(await paymentRow(publicId)).toMatchObject({ status: 'PENDING' });
    expect(await orderRow(order.orderId)).toMatchObject({ status: 'PENDING' });

    // Accepted later: the same operation, now credited, is not taken for a redelivery.
    const credited = await fake.pay(publicId, { operationId });
    expect(credited.response.status).toBe(200);
    expect(await orderRow(order.orderId)).toMatchObject({ status: 'PAID' });
    expect((await eventsOf(publicId)).map((e) => [e.eventId, e.outcome])).toEqual([
      [`${operationId}:${flag}`, 'IGNORED'],
      [operationId, 'APPLIED'],
    ]);
  });

  test('a late "not credited yet" after the credit is ignored: the order stays paid', async () => {
    const env = setup();
    const { order, publicId } = await openPayment(env);
    const operationId = '900000000000000003';
    await fake.pay(publicId, { operationId });
    const late = await fake.pay(publicId, { operationId, unaccepted: true });
    expect(late.response.status).toBe(200);
    expect(await late.response.json()).toEqual({ outcome: 'ignored' });
    expect(await paymentRow(publicId)).toMatchObject({ status: 'SUCCEEDED' });
    expect(await orderRow(order.orderId)).toMatchObject({ status: 'PAID' });
    expect(await purchaseEntries(order.orderId)).toBe(1);
  });

  test('a credit after the payment expired is still taken: sold from what is left, once', async () => {
    const env = setup();
    const { order, publicId } = await openPayment(env);
    env.clock.advance(31 * 60_000);
    await reconcilePayments(env.payments, { pendingForMs: 0 });
    expect(await paymentRow(publicId)).toMatchObject({ status: 'EXPIRED' });
    const late = await fake.pay(publicId);
    expect(late.response.status).toBe(200);
    expect(await late.response.json()).toEqual({ outcome: 'applied' });
    expect(await paymentRow(publicId)).toMatchObject({ status: 'SUCCEEDED' });
    expect(await orderRow(order.orderId)).toMatchObject({ status: 'PAID' });
    expect(await purchaseEntries(order.orderId)).toBe(1);
    expect((await eventsOf(publicId)).map((e) => e.outcome)).toEqual(['APPLIED', 'APPLIED']);
  });
});

describe('reconciliation', () => {
  test('YooMoney has no status call: a payment whose notification never comes is left alone until its reservation ends, then expires', async () => {
    const env = setup();
    const { order, publicId } = await openPayment(env);
    expect(await env.gateway.fetchStatus({ publicId, providerRef: null })).toBeNull();

    env.clock.advance(10 * 60_000);
    expect(await reconcilePayments(env.payments, { pendingForMs: 5 * 60_000 })).toEqual([]);
    expect(await paymentRow(publicId)).toMatchObject({ status: 'PENDING' });

    env.clock.advance(21 * 60_000);
    const results = await reconcilePayments(env.payments, { pendingForMs: 5 * 60_000 });
    expect(results).toContainEqual(expect.objectContaining({ outcome: 'APPLIED', status: 'EXPIRED' }));
    expect(await paymentRow(publicId)).toMatchObject({ status: 'EXPIRED' });
    expect(await orderRow(order.orderId)).toMatchObject({ status: 'EXPIRED' });
  });
});

describe('unknown payments and test notifications', () => {
  test.each([
    ['a label that is no payment of ours', 'f00dfeed-0000-4000-8000-000000000000'],
    ['no label (a plain transfer to the wallet)', ''],
  ])('%s: answered 200 (nothing to retry for), recorded as UNKNOWN_PAYMENT, nothing else changes', async (_name, label) => {
    setup();
    const notification = fake.notification({ label, amount: '97.00', withdraw_amount: '100.00' });
    const before = await snapshot();
    const response = await fake.deliver(notification);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ outcome: 'unknown_payment' });
    const after = await snapshot();
    expect({ ...after, events: before.events }).toEqual(before);
    expect(after.events).toBe(before.events + 1);
    const event = await db.prisma.paymentEvent.findUniqueOrThrow({ where: { provider_eventId: { provider: 'yoomoney', eventId: notification.fields.operation_id! } } });
    expect(event).toMatchObject({ paymentId: null, outcome: 'UNKNOWN_PAYMENT', rawBody: notification.body });
  });

  test('the settings page "Test" button gets 200 and records nothing; with a wrong secret it gets 401', async () => {
    setup();
    const before = await snapshot();
    const { response } = await fake.testNotification();
    expect(response.status).toBe(200);
    expect(await snapshot()).toEqual(before);

    const gateway = gatewayWith({ notificationSecret: 'a-secret-typed-wrong' });
    const { notification } = await fake.testNotification();
    expect(await gateway.parseNotification({ rawBody: notification.body, headers: {} })).toMatchObject({ ok: false, code: 'BAD_SIGNATURE' });
  });
});

describe('refunds', () => {
  test('quickpay transfers cannot be refunded through an API: refused, nothing changes', async () => {
    const env = setup();
    const { order, publicId } = await openPayment(env);
    await fake.pay(publicId);
    expect(env.gateway.refund).toBeUndefined();
    const before = await snapshot();
    const payment = await paymentRow(publicId);
    expect(await refundPayment(env.payments, { paymentId: payment.id, isAdmin: true })).toEqual({ ok: false, code: 'PROVIDER_CANNOT_REFUND' });
    expect(await snapshot()).toEqual(before);
    expect(await orderRow(order.orderId)).toMatchObject({ status: 'PAID' });
  });
});

describe('answers', () => {
  test.each([
    ['APPLIED', 200],
    ['DUPLICATE', 200],
    ['IGNORED', 200],
    ['ON_HOLD', 200],
    ['UNKNOWN_PAYMENT', 200],
    ['REJECTED', 401],
    ['MALFORMED', 400],
  ] as [WebhookOutcome, number][])('%s is answered %d', (outcome, status) => {
    expect(gatewayWith().answer(outcome)).toMatchObject({ status, contentType: 'application/json' });
  });
});
