import { readFixture } from '../support/fixtures.js';
import type { Hono } from 'hono';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { ApiEnv } from '../../src/api/env.js';
import { createApp } from '../../src/api/app.js';
import type { CoreDeps } from '../../src/core/deps.js';
import { createPayment } from '../../src/core/payments/create-payment.js';
import type { PaymentDeps } from '../../src/core/payments/deps.js';
import type { PaymentGateway } from '../../src/core/payments/gateway.js';
import { reconcilePayments } from '../../src/core/payments/reconcile-payments.js';
import { refundPayment } from '../../src/core/payments/refund-payment.js';
import { expireReservations } from '../../src/core/tokens/release-reservations.js';
import type { Database } from '../../src/infra/database.js';
import { silentLogger } from '../../src/infra/logger.js';
import { createYooKassaGateway, YOOKASSA_SENDER_NETWORKS, type YooKassaSettings } from '../../src/infra/payments/yookassa.js';
import { createTestDb } from '../support/db.js';
import { coreDeps, fixedClock } from '../support/factories.js';
import { type FakeYooKassa, type Notification, startFakeYooKassa, type YkPayment } from '../support/fakes/yookassa-server.js';
import { expectBooksBalance } from '../support/ledger.js';
import { paymentDeps, pendingOrder } from '../support/payments.js';

// The reference values collected from YooKassa's own documents (see SOURCES.md next to them).
const fixtures = readFixture<{
  authenticity_advice: { ip_allowlist: string[] };
  examples: {
    notification_payment_waiting_for_capture: { body: { type: string; event: string; object: YkPayment } };
    payment_object_pending: { body: YkPayment };
    payment_object_succeeded: { body: YkPayment };
  };
}>('yookassa.json');
const OFFICIAL_ID = '22d6d597-000f-5000-9000-145f6df21d6f';
const RETURN_URL = 'https://t.me/market_test_bot';

let db: Database;
let fake: FakeYooKassa;
let clock: ReturnType<typeof fixedClock>;
let core: CoreDeps;
let gateway: PaymentGateway;
let deps: PaymentDeps;
let app: Hono<ApiEnv>;

beforeAll(async () => {
  db = await createTestDb();
  fake = await startFakeYooKassa();
});
afterAll(async () => {
  await fake.close();
  await db.close();
});
afterEach(async () => {
  fake.down = false;
  fake.refuseRefunds = undefined;
  await expectBooksBalance(db.prisma);
});

function gatewayWith(extra: Partial<YooKassaSettings> = {}) {
  return createYooKassaGateway({ shopId: fake.shopId, secretKey: fake.secretKey, apiUrl: fake.apiUrl, returnUrl: RETURN_URL, ...extra });
}

function fresh(extra: Partial<YooKassaSettings> = {}) {
  clock = fixedClock();
  core = coreDeps(db.prisma, { clock });
  gateway = gatewayWith(extra);
  deps = paymentDeps(core, [gateway]);
  app = createApp({ core, logger: silentLogger, payments: { payments: deps } });
}

/** A pending order of 1,000 tokens at 0.0125 USD = 12.50 USD = 1,125.00 RUB at 90, with its YooKassa payment open. */
async function openPayment() {
  const setup = await pendingOrder(db.prisma, core);
  const created = await createPayment(deps, { buyerId: setup.buyer.id, orderId: setup.order.orderId, provider: 'yookassa' });
  if (!created.ok) throw new Error(created.code);
  const row = await payment(created.value.paymentId);
  return { ...setup, payment: created.value, row, ykId: row.providerRef! };
}

const deliver = (n: Notification) => app.request('/webhooks/yookassa', { method: 'POST', body: n.body, headers: n.headers });
const order = (id: number) => db.prisma.tokenOrder.findUniqueOrThrow({ where: { id } });
const payment = (id: number) => db.prisma.payment.findUniqueOrThrow({ where: { id } });
const purchases = (orderId: number) => db.prisma.ledgerEntry.count({ where: { kind: 'PURCHASE', source: `token_order:${orderId}` } });
const events = (eventId: string) => db.prisma.paymentEvent.findMany({ where: { provider: 'yookassa', eventId } });

/** Tampering: the notification's copy of the object claims another status. */
const withStatus = (status: string) => (object: Record<string, unknown>) => {
  object.status = status;
};

/** Everything a notification could change. */
async function everything() {
  return {
    events: await db.prisma.paymentEvent.count(),
    ledger: await db.prisma.ledgerEntry.count(),
    balances: await db.prisma.balance.findMany({ orderBy: [{ userId: 'asc' }, { asset: 'asc' }] }),
    payments: await db.prisma.payment.findMany({ select: { id: true, status: true, providerRef: true, holdReason: true }, orderBy: { id: 'asc' } }),
    orders: await db.prisma.tokenOrder.findMany({ select: { id: true, status: true }, orderBy: { id: 'asc' } }),
    rounds: await db.prisma.tokenRound.findMany({ select: { id: true, sold: true, reserved: true }, orderBy: { id: 'asc' } }),
  };
}

describe('the official examples (fixtures/yookassa.json)', () => {
  const officialNotification = () => JSON.stringify(fixtures.examples.notification_payment_waiting_for_capture.body);

  test('the published payment.waiting_for_capture notification is accepted once the API shows that payment, and normalized', async () => {
    fresh();
    fake.seed(fixtures.examples.notification_payment_waiting_for_capture.body.object);
    const parsed = await gateway.parseNotification({ rawBody: officialNotification(), headers: { 'content-type': 'application/json' } });
    expect(parsed).toEqual({
      ok: true,
      updates: [
        {
          eventId: `payment.waiting_for_capture:${OFFICIAL_ID}`,
          kind: 'payment.waiting_for_capture',
          // Its metadata is empty: no publicId of ours, so it is found by YooKassa's id.
          ref: { providerRef: OFFICIAL_ID },
          state: 'pending',
          providerRef: OFFICIAL_ID,
        },
      ],
    });
    // It asked the API, authenticated, for the very object the notification names.
    expect(fake.requests.at(-1)).toMatchObject({
      method: 'GET',
      path: `/v3/payments/${OFFICIAL_ID}`,
      headers: { authorization: `Basic ${Buffer.from(`${fake.shopId}:${fake.secretKey}`).toString('base64')}` },
    });
  });

  test('the API decides: once it shows the published succeeded object, the same notification yields a success of 2.00 RUB', async () => {
    fresh();
    fake.seed(fixtures.examples.payment_object_succeeded.body);
    const parsed = await gateway.parseNotification({ rawBody: officialNotification(), headers: {} });
    expect(parsed).toMatchObject({ ok: true, updates: [{ state: 'succeeded', amountMinor: 200n, currency: 'RUB', providerRef: OFFICIAL_ID }] });
    // A payment.succeeded notification built from the documented envelope around that object (derived, not published).
    const derived = JSON.stringify({ type: 'notification', event: 'payment.succeeded', object: fixtures.examples.payment_object_succeeded.body });
    expect(await gateway.parseNotification({ rawBody: derived, headers: {} })).toEqual({
      ok: true,
      updates: [
        { eventId: `payment.succeeded:${OFFICIAL_ID}`, kind: 'payment.succeeded', ref: { providerRef: OFFICIAL_ID }, state: 'succeeded', amountMinor: 200n, currency: 'RUB', providerRef: OFFICIAL_ID },
      ],
    });
  });

  test('the published pending and succeeded payment objects read as pending and as 2.00 RUB paid', async () => {
    fresh();
    fake.seed(fixtures.examples.payment_object_pending.body);
    expect(await gateway.fetchStatus({ publicId: 'ours', providerRef: OFFICIAL_ID })).toEqual({ ref: { publicId: 'ours' }, state: 'pending', providerRef: OFFICIAL_ID });
    fake.seed(fixtures.examples.payment_object_succeeded.body);
    expect(await gateway.fetchStatus({ publicId: 'ours', providerRef: OFFICIAL_ID })).toEqual({
      ref: { publicId: 'ours' },
      state: 'succeeded',
      amountMinor: 200n,
      currency: 'RUB',
      providerRef: OFFICIAL_ID,
    });
  });

  test('the published notification is refused when the API does not know the payment it names', async () => {
    fresh();
    fake.payments.delete(OFFICIAL_ID);
    expect(await gateway.parseNotification({ rawBody: officialNotification(), headers: {} })).toMatchObject({ ok: false, code: 'NOT_VERIFIED' });
  });

  test('the sender networks are exactly the published list, and addresses inside them pass', async () => {
    expect([...YOOKASSA_SENDER_NETWORKS]).toEqual(fixtures.authenticity_advice.ip_allowlist);
    fresh({ checkSenderIp: true });
    fake.seed(fixtures.examples.payment_object_succeeded.body);
    const body = JSON.stringify({ type: 'notification', event: 'payment.succeeded', object: fixtures.examples.payment_object_succeeded.body });
    const from = (xff?: string) => gateway.parseNotification({ rawBody: body, headers: xff ? { 'x-forwarded-for': xff } : {} });
    for (const inside of ['185.71.76.0', '185.71.76.31', '185.71.77.17', '77.75.153.127', '77.75.156.11', '77.75.156.35', '77.75.154.200', '2a02:5180::1', '::ffff:185.71.76.5']) {
      expect(await from(inside), inside).toMatchObject({ ok: true });
    }
    for (const outside of ['185.71.76.32', '77.75.153.128', '77.75.156.12', '77.75.154.127', '2a02:5181::1', '203.0.113.7']) {
      expect(await from(outside), outside).toMatchObject({ ok: false, code: 'NOT_VERIFIED' });
    }
    // Only the hop our proxy appended counts: an address the client put in front is not believed.
    expect(await from('185.71.76.1, 203.0.113.7')).toMatchObject({ ok: false, code: 'NOT_VERIFIED' });
    expect(await from('10.0.0.1, 185.71.76.1')).toMatchObject({ ok: true });
    expect(await from()).toMatchObject({ ok: false, code: 'NOT_VERIFIED' });
  });
});

describe('paying through YooKassa, end to end', () => {
  test('createPayment asks YooKassa as documented; the payment.succeeded notification pays the order once', async () => {
    fresh();
    const { payment: p, order: o, row, ykId } = await openPayment();
    const create = fake.requests.findLast((r) => r.method === 'POST' && r.path === '/v3/payments')!;
    expect(create.headers).toMatchObject({
      authorization: `Basic ${Buffer.from(`${fake.shopId}:${fake.secretKey}`).toString('base64')}`,
      'idempotence-key': p.publicId,
      'content-type': 'application/json',
    });
    expect(JSON.parse(create.body)).toEqual({
      amount: { value: '1125.00', currency: 'RUB' },
      capture: true,
      confirmation: { type: 'redirect', return_url: RETURN_URL },
      description: expect.stringContaining(`Order #${o.orderId}`),
      metadata: { publicId: p.publicId },
    });
    expect(row).toMatchObject({ status: 'PENDING', amountMinor: 112_500n, currency: 'RUB', providerRef: ykId });
    expect(p.checkout).toEqual({ kind: 'redirect', payUrl: `https://yoomoney.ru/api-pages/v2/payment-confirm/epl?orderId=${ykId}`, providerRef: ykId });

    fake.pay(ykId);
    const notification = fake.notification('payment.succeeded', ykId);
    const first = await deliver(notification);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ status: 'ok', outcome: 'APPLIED' });
    expect(await order(o.orderId)).toMatchObject({ status: 'PAID' });
    expect(await payment(p.paymentId)).toMatchObject({ status: 'SUCCEEDED' });
    expect(await purchases(o.orderId)).toBe(1);
    await expectBooksBalance(db.prisma);

    // A replay (YooKassa redelivers until it sees 200) is answered 200 and books nothing.
    const before = await everything();
    const replay = await deliver(notification);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ status: 'ok', outcome: 'DUPLICATE' });
    expect(await everything()).toEqual(before);
    expect(await events(`payment.succeeded:${ykId}`)).toMatchObject([{ outcome: 'APPLIED', paymentId: p.paymentId }]);
  });

  test('asking twice with the same publicId gets the same YooKassa payment (Idempotence-Key), never a second one', async () => {
    fresh();
    const request = { publicId: crypto.randomUUID(), amountMinor: 50_000n, currency: 'RUB', description: 'x'.repeat(300), expiresAt: new Date() };
    const before = fake.payments.size;
    const first = await gateway.createCheckout(request);
    const second = await gateway.createCheckout(request);
    expect(second).toEqual(first);
    expect(fake.payments.size).toBe(before + 1);
    const posts = fake.requests.filter((r) => r.method === 'POST' && r.headers['idempotence-key'] === request.publicId);
    expect(posts).toHaveLength(2);
    expect(JSON.parse(posts[0]!.body).description).toHaveLength(128); // the API's limit
  });

  test('wrong credentials: YooKassa refuses (401) and the buyer is told the provider failed', async () => {
    fresh({ secretKey: 'test_wrong' });
    const setup = await pendingOrder(db.prisma, core);
    expect(await createPayment(deps, { buyerId: setup.buyer.id, orderId: setup.order.orderId, provider: 'yookassa' })).toEqual({ ok: false, code: 'PROVIDER_FAILED' });
    expect(fake.requests.at(-1)).toMatchObject({ method: 'POST', path: '/v3/payments' });
  });
});

describe('notifications that are not YooKassa’s change nothing', () => {
  test('a notification naming a payment the API does not know: 403, not even an event row', async () => {
    fresh();
    await openPayment();
    const before = await everything();
    const forged = { type: 'notification', event: 'payment.succeeded', object: { id: '2f000000-000f-5000-9000-000000000000', status: 'succeeded', amount: { value: '1125.00', currency: 'RUB' } } };
    const res = await app.request('/webhooks/yookassa', { method: 'POST', body: JSON.stringify(forged), headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(403);
    expect(await everything()).toEqual(before);
  });

  test('a tampered notification claiming success for a payment the API shows pending: 403, nothing changes', async () => {
    fresh();
    const { ykId, order: o } = await openPayment();
    const before = await everything();
    const tampered = fake.notification('payment.succeeded', ykId, {
      edit: (object) => {
        object.status = 'succeeded';
        object.paid = true;
      },
    });
    const res = await deliver(tampered);
    expect(res.status).toBe(403);
    expect(await everything()).toEqual(before);
    expect((await order(o.orderId)).status).toBe('PENDING');
  });

  test('a tampered amount in the body is not believed: the API’s amount is what is compared', async () => {
    fresh();
    const { ykId, order: o } = await openPayment();
    fake.pay(ykId);
    const cheap = (object: Record<string, unknown>) => {
      object.amount = { value: '1.00', currency: 'RUB' };
    };
    const res = await deliver(fake.notification('payment.succeeded', ykId, { edit: cheap }));
    expect(res.status).toBe(200);
    expect((await order(o.orderId)).status).toBe('PAID');
  });

  test.each([
    ['not JSON', 'type=notification'],
    ['no object', JSON.stringify({ type: 'notification', event: 'payment.succeeded' })],
    ['not a notification', JSON.stringify({ type: 'payment', event: 'payment.succeeded', object: { id: 'a' } })],
    ['an id that is not one', JSON.stringify({ type: 'notification', event: 'payment.succeeded', object: { id: '../refunds/x' } })],
  ])('malformed (%s): 400, nothing changes', async (_, body) => {
    fresh();
    await openPayment();
    const before = await everything();
    const res = await app.request('/webhooks/yookassa', { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(await everything()).toEqual(before);
  });

  test('with the sender check on: from outside YooKassa’s networks 403 and nothing changes; from inside it is applied', async () => {
    fresh({ checkSenderIp: true });
    const { ykId, order: o } = await openPayment();
    fake.pay(ykId);
    const before = await everything();
    const outside = await deliver(fake.notification('payment.succeeded', ykId, { from: '203.0.113.7' }));
    expect(outside.status).toBe(403);
    expect(await everything()).toEqual(before);
    const inside = await deliver(fake.notification('payment.succeeded', ykId, { from: '77.75.153.10' }));
    expect(inside.status).toBe(200);
    expect((await order(o.orderId)).status).toBe('PAID');
  });

  test('YooKassa’s API down while checking: 500 so YooKassa delivers again, nothing recorded; the redelivery is applied', async () => {
    fresh();
    const { ykId, order: o } = await openPayment();
    fake.pay(ykId);
    const notification = fake.notification('payment.succeeded', ykId);
    const before = await everything();
    fake.down = true;
    expect((await deliver(notification)).status).toBe(500);
    expect(await everything()).toEqual(before);
    fake.down = false;
    expect((await deliver(notification)).status).toBe(200);
    expect((await order(o.orderId)).status).toBe('PAID');
  });

  test('events of no concern to a shop (payouts, deals) are acknowledged and change nothing', async () => {
    fresh();
    const before = await everything();
    const res = await app.request('/webhooks/yookassa', {
      method: 'POST',
      body: JSON.stringify({ type: 'notification', event: 'payout.succeeded', object: { id: 'po-28559c6d-0007-5000-9000-1ffb2bfd0a2a' } }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(200);
    expect(await everything()).toEqual(before);
  });
});

describe('amounts are compared exactly', () => {
  test.each([
    ['one kopeck short', { value: '1124.99', currency: 'RUB' }],
    ['one kopeck over', { value: '1125.01', currency: 'RUB' }],
    ['the right number in another currency', { value: '1125.00', currency: 'USD' }],
  ])('%s: the payment is put ON_HOLD, the order is not paid, YooKassa gets 200', async (_, paid) => {
    fresh();
    const { ykId, payment: p, order: o } = await openPayment();
    fake.pay(ykId, { amount: paid });
    const res = await deliver(fake.notification('payment.succeeded', ykId));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', outcome: 'ON_HOLD' });
    const held = await payment(p.paymentId);
    expect(held.status).toBe('ON_HOLD');
    expect(held.holdReason).toContain('expected 112500 RUB');
    expect((await order(o.orderId)).status).toBe('PENDING');
    expect(await purchases(o.orderId)).toBe(0);
  });
});

describe('deliveries in any number and order', () => {
  test('the same notification 20 times at once credits the order once', async () => {
    fresh();
    const { ykId, payment: p, order: o } = await openPayment();
    fake.pay(ykId);
    const notification = fake.notification('payment.succeeded', ykId);
    const answers = await Promise.all(Array.from({ length: 20 }, () => deliver(notification)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    const outcomes = await Promise.all(answers.map(async (a) => ((await a.json()) as { outcome: string }).outcome));
    expect(outcomes.filter((x) => x === 'APPLIED')).toHaveLength(1);
    expect(outcomes.filter((x) => x === 'DUPLICATE')).toHaveLength(19);
    expect(await events(`payment.succeeded:${ykId}`)).toHaveLength(1);
    expect(await purchases(o.orderId)).toBe(1);
    expect((await payment(p.paymentId)).status).toBe('SUCCEEDED');
    expect((await order(o.orderId)).status).toBe('PAID');
  });

  test('a late payment.waiting_for_capture after the success is borne out by the API but changes nothing', async () => {
    fresh();
    const { ykId, order: o } = await openPayment();
    const early = fake.notification('payment.waiting_for_capture', ykId, { edit: withStatus('waiting_for_capture') });
    fake.pay(ykId);
    expect((await deliver(fake.notification('payment.succeeded', ykId))).status).toBe(200);
    const late = await deliver(early);
    expect(late.status).toBe(200);
    expect(await late.json()).toEqual({ status: 'ok', outcome: 'IGNORED' });
    expect(await purchases(o.orderId)).toBe(1);
    expect((await order(o.orderId)).status).toBe('PAID');
  });

  test('expired at YooKassa: the payment expires and the reservation goes back; a "succeeded" after that is refused', async () => {
    fresh();
    const { ykId, payment: p, order: o } = await openPayment();
    fake.expire(ykId);
    const res = await deliver(fake.notification('payment.canceled', ykId));
    expect(await res.json()).toEqual({ status: 'ok', outcome: 'APPLIED' });
    expect((await payment(p.paymentId)).status).toBe('EXPIRED');
    expect((await order(o.orderId)).status).toBe('EXPIRED');
    const before = await everything();
    const forged = await deliver(fake.notification('payment.succeeded', ykId, { edit: withStatus('succeeded') }));
    expect(forged.status).toBe(403);
    expect(await everything()).toEqual(before);
  });

  test('declined by the bank: the payment fails, the order stays payable', async () => {
    fresh();
    const { ykId, payment: p, order: o } = await openPayment();
    fake.cancel(ykId, 'insufficient_funds');
    expect((await deliver(fake.notification('payment.canceled', ykId))).status).toBe(200);
    expect((await payment(p.paymentId)).status).toBe('FAILED');
    expect((await order(o.orderId)).status).toBe('PENDING');
  });

  test('paid after the reservation ran out: the success still counts, once, sold from the tokens left', async () => {
    fresh();
    const { ykId, payment: p, order: o } = await openPayment();
    clock.advance(31 * 60_000);
    // (Other tests' orders in this database expire with it; only this one matters here.)
    expect((await expireReservations(core)).map((r) => r.orderId)).toContain(o.orderId);
    fake.pay(ykId);
    const notification = fake.notification('payment.succeeded', ykId);
    expect((await deliver(notification)).status).toBe(200);
    expect((await deliver(notification)).status).toBe(200);
    expect((await payment(p.paymentId)).status).toBe('SUCCEEDED');
    expect((await order(o.orderId)).status).toBe('PAID');
    expect(await purchases(o.orderId)).toBe(1);
  });
});

describe('reconciliation', () => {
  test('a payment whose notification never came is recovered from GET /payments/{id}; the late notification changes nothing', async () => {
    fresh();
    const { ykId, payment: p, order: o } = await openPayment();
    fake.pay(ykId);
    clock.advance(11 * 60_000);
    // The sweep also asks about other tests' open payments (still pending at the fake): only this one changes.
    const swept = await reconcilePayments(deps, { pendingForMs: 600_000 });
    expect(swept).toEqual([expect.objectContaining({ outcome: 'APPLIED', status: 'SUCCEEDED', orderStatus: 'PAID', paymentId: p.paymentId })]);
    expect(fake.requests).toContainEqual(expect.objectContaining({ method: 'GET', path: `/v3/payments/${ykId}` }));
    const late = await deliver(fake.notification('payment.succeeded', ykId));
    expect(late.status).toBe(200);
    expect(await late.json()).toEqual({ status: 'ok', outcome: 'IGNORED' });
    expect(await purchases(o.orderId)).toBe(1);
  });

  test('a payment that expired at YooKassa without a word is expired by reconciliation', async () => {
    fresh();
    const { ykId, payment: p, order: o } = await openPayment();
    fake.expire(ykId);
    clock.advance(11 * 60_000);
    expect(await reconcilePayments(deps, { pendingForMs: 600_000 })).toEqual([expect.objectContaining({ outcome: 'APPLIED', status: 'EXPIRED', paymentId: p.paymentId })]);
    expect((await payment(p.paymentId)).status).toBe('EXPIRED');
    expect((await order(o.orderId)).status).toBe('EXPIRED');
  });

  test('fetchStatus: nothing to ask without YooKassa’s id, and null for an id the API does not know', async () => {
    fresh();
    expect(await gateway.fetchStatus({ publicId: 'p', providerRef: null })).toBeNull();
    expect(await gateway.fetchStatus({ publicId: 'p', providerRef: '2f000000-000f-5000-9000-00000000dead' })).toBeNull();
  });
});

describe('a payment that is not ours', () => {
  test('known to YooKassa but not to us: 404, recorded as UNKNOWN_PAYMENT, nothing else changes', async () => {
    fresh();
    // Made in the same shop by someone else (a publicId we never issued).
    const stranger = await gateway.createCheckout({ publicId: crypto.randomUUID(), amountMinor: 10_000n, currency: 'RUB', description: 'elsewhere', expiresAt: new Date() });
    fake.pay(stranger.providerRef!);
    const before = await everything();
    const res = await deliver(fake.notification('payment.succeeded', stranger.providerRef!));
    expect(res.status).toBe(404);
    const after = await everything();
    expect(after).toEqual({ ...before, events: before.events + 1 });
    expect(await events(`payment.succeeded:${stranger.providerRef}`)).toMatchObject([{ outcome: 'UNKNOWN_PAYMENT', paymentId: null }]);
    // YooKassa's redelivery is a duplicate and stops it.
    expect((await deliver(fake.notification('payment.succeeded', stranger.providerRef!))).status).toBe(200);
  });
});

describe('refunds', () => {
  test('an admin refund goes through POST /refunds; the order is undone and the ledger reversed; refund.succeeded then changes nothing', async () => {
    fresh();
    const { ykId, payment: p, order: o } = await openPayment();
    fake.pay(ykId);
    await deliver(fake.notification('payment.succeeded', ykId));
    expect(await refundPayment(deps, { paymentId: p.paymentId, isAdmin: true })).toEqual({ ok: true, value: { paymentId: p.paymentId, orderId: o.orderId, market: false } });
    const post = fake.requests.findLast((r) => r.method === 'POST' && r.path === '/v3/refunds')!;
    expect(post.headers['idempotence-key']).toBe(`refund-${p.publicId}`);
    expect(JSON.parse(post.body)).toEqual({ payment_id: ykId, amount: { value: '1125.00', currency: 'RUB' } });
    expect(fake.payments.get(ykId)!.refunded_amount).toEqual({ value: '1125.00', currency: 'RUB' });
    expect((await payment(p.paymentId)).status).toBe('REFUNDED');
    expect((await order(o.orderId)).status).toBe('REFUNDED');
    await expectBooksBalance(db.prisma);

    const [refund] = [...fake.refunds.values()].filter((r) => r.payment_id === ykId);
    const before = await everything();
    const res = await deliver(fake.notification('refund.succeeded', refund!.id));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', outcome: 'IGNORED' });
    expect({ ...(await everything()), events: before.events }).toEqual(before);
  });

  test('refunding again with the same key returns the refund already made', async () => {
    fresh();
    const { ykId, row } = await openPayment();
    fake.pay(ykId);
    const args = { publicId: row.publicId, providerRef: ykId, amountMinor: 112_500n, currency: 'RUB' };
    await gateway.refund!(args);
    await gateway.refund!(args);
    expect([...fake.refunds.values()].filter((r) => r.payment_id === ykId)).toHaveLength(1);
  });

  test('a refund YooKassa cancels is reported as a provider failure and nothing changes', async () => {
    fresh();
    const { ykId, payment: p } = await openPayment();
    fake.pay(ykId);
    await deliver(fake.notification('payment.succeeded', ykId));
    fake.refuseRefunds = 'general_decline';
    const before = await everything();
    expect(await refundPayment(deps, { paymentId: p.paymentId, isAdmin: true })).toEqual({ ok: false, code: 'PROVIDER_FAILED' });
    expect(await everything()).toEqual(before);
  });

  test('a full refund made in the dashboard arrives as refund.succeeded and undoes the order', async () => {
    fresh();
    const { ykId, payment: p, order: o } = await openPayment();
    fake.pay(ykId);
    await deliver(fake.notification('payment.succeeded', ykId));
    const refund = fake.refund(ykId);
    const res = await deliver(fake.notification('refund.succeeded', refund.id));
    expect(await res.json()).toEqual({ status: 'ok', outcome: 'APPLIED' });
    expect((await payment(p.paymentId)).status).toBe('REFUNDED');
    expect((await order(o.orderId)).status).toBe('REFUNDED');
    await expectBooksBalance(db.prisma);
  });

  test('a partial refund in the dashboard is acknowledged and leaves the order paid', async () => {
    fresh();
    const { ykId, payment: p, order: o } = await openPayment();
    fake.pay(ykId);
    await deliver(fake.notification('payment.succeeded', ykId));
    const before = await everything();
    const refund = fake.refund(ykId, '100.00');
    const res = await deliver(fake.notification('refund.succeeded', refund.id));
    expect(res.status).toBe(200);
    expect(await everything()).toEqual(before);
    expect((await payment(p.paymentId)).status).toBe('SUCCEEDED');
    expect((await order(o.orderId)).status).toBe('PAID');
  });

  test('a refund.succeeded for a refund the API does not know, or shows canceled, is refused and changes nothing', async () => {
    fresh();
    const { ykId } = await openPayment();
    fake.pay(ykId);
    await deliver(fake.notification('payment.succeeded', ykId));
    const before = await everything();
    const unknown = JSON.stringify({ type: 'notification', event: 'refund.succeeded', object: { id: '2f000000-0015-5000-a000-000000000000', payment_id: ykId, status: 'succeeded' } });
    const res = await app.request('/webhooks/yookassa', { method: 'POST', body: unknown, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(403);
    // A refund YooKassa canceled, presented as succeeded.
    fake.refuseRefunds = 'general_decline';
    await gateway.refund!({ publicId: 'x', providerRef: ykId, amountMinor: 112_500n, currency: 'RUB' }).catch(() => undefined);
    const [canceled] = [...fake.refunds.values()].filter((r) => r.payment_id === ykId && r.status === 'canceled');
    const claimed = await deliver(fake.notification('refund.succeeded', canceled!.id, { edit: withStatus('succeeded') }));
    expect(claimed.status).toBe(403);
    expect(await everything()).toEqual(before);
  });
});
