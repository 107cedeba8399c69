import { readFixture } from '../support/fixtures.js';
import { createHmac } from 'node:crypto';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApp } from '../../src/api/app.js';
import type { CoreDeps } from '../../src/core/deps.js';
import { createPayment } from '../../src/core/payments/create-payment.js';
import type { PaymentDeps } from '../../src/core/payments/deps.js';
import type { PaymentGateway } from '../../src/core/payments/gateway.js';
import { reconcilePayments } from '../../src/core/payments/reconcile-payments.js';
import { refundPayment } from '../../src/core/payments/refund-payment.js';
import type { Database } from '../../src/infra/database.js';
import { silentLogger } from '../../src/infra/logger.js';
import { createStripeGateway, sessionExpiry } from '../../src/infra/payments/stripe.js';
import { createTestDb } from '../support/db.js';
import { coreDeps, fixedClock } from '../support/factories.js';
import { type FakeStripe, type Json, type StripeNotification, startFakeStripe, stripeSignatureHeader } from '../support/fakes/stripe-server.js';
import { expectBooksBalance } from '../support/ledger.js';
import { paymentDeps, pendingOrder } from '../support/payments.js';

const SECRET_KEY = 'sk_test_market_fake';
const WEBHOOK_SECRET = 'whsec_market_fake_endpoint_secret';
const RETURN_URL = 'https://t.me/market_test_bot';
const MINUTE = 60_000;

// biome-ignore lint/suspicious/noExplicitAny: the fixture file's shape varies by entry.
const fixtures = readFixture<any>('stripe.json');

// Real time, whole seconds: payments' updated_at is written by the database client's clock, and
// reconciliation compares it with this one; the test then moves it forward by hand.
const clock = fixedClock(new Date(Math.floor(Date.now() / 1000) * 1000));
const nowSeconds = () => Math.floor(clock.now().getTime() / 1000);

let db: Database;
let core: CoreDeps;
let fake: FakeStripe;
let gateway: PaymentGateway;
let deps: PaymentDeps;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  db = await createTestDb();
  core = coreDeps(db.prisma, { clock });
  fake = await startFakeStripe({ secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET, now: clock.now });
  gateway = createStripeGateway({ secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET, apiUrl: fake.url, returnUrl: RETURN_URL, now: clock.now, maxNetworkRetries: 0 });
  deps = paymentDeps(core, [gateway]);
  app = createApp({ core, logger: silentLogger, payments: { payments: deps } });
});
afterAll(async () => {
  await fake?.close();
  await db?.close();
});

/** A buyer's pending order (1000 tokens at 0.0125 USD = 12.50 USD unless told) with an open Stripe checkout. */
async function openPayment(options: Parameters<typeof pendingOrder>[2] = {}) {
  const { order, buyer } = await pendingOrder(db.prisma, core, options);
  const created = await createPayment(deps, { buyerId: buyer.id, orderId: order.orderId, provider: 'stripe' });
  if (!created.ok) throw new Error(created.code);
  const payment = await db.prisma.payment.findUniqueOrThrow({ where: { id: created.value.paymentId } });
  return { order, buyer, created: created.value, payment, sessionId: payment.providerRef! };
}

async function post(notification: StripeNotification) {
  const response = await app.request('/webhooks/stripe', { method: 'POST', body: notification.body, headers: notification.headers });
  return { status: response.status, body: (await response.json()) as { received: boolean; outcome?: string } };
}

const deliver = (event: Json, options?: Parameters<FakeStripe['notification']>[1]) => post(fake.notification(event, options));

/** Everything a notification could change. */
async function books() {
  return {
    payments: await db.prisma.payment.findMany({ orderBy: { id: 'asc' }, select: { id: true, status: true, providerRef: true, holdReason: true } }),
    orders: await db.prisma.tokenOrder.findMany({ orderBy: { id: 'asc' }, select: { id: true, status: true } }),
    ledger: await db.prisma.ledgerEntry.count(),
    balances: await db.prisma.balance.findMany({ orderBy: [{ userId: 'asc' }, { asset: 'asc' }] }),
    events: await db.prisma.paymentEvent.count(),
  };
}

const orderStatus = async (orderId: number) => (await db.prisma.tokenOrder.findUniqueOrThrow({ where: { id: orderId } })).status;
const paymentOf = (id: number) => db.prisma.payment.findUniqueOrThrow({ where: { id } });
const purchaseEntries = (orderId: number) => db.prisma.ledgerEntry.count({ where: { kind: 'PURCHASE', source: `token_order:${orderId}` } });

describe('Stripe fixtures (tests/fixtures/stripe.json)', () => {
  test('the signature rule: the fake’s header, written from the rule, is the SDK’s own and an independent HMAC', () => {
    const payload = JSON.stringify(fixtures.event_envelope_third_party.body, null, 2);
    const header = stripeSignatureHeader(payload, WEBHOOK_SECRET, 1_700_000_000);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(header).toBe(Stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET, timestamp: 1_700_000_000 }));
    const expected = createHmac('sha256', WEBHOOK_SECRET).update(`1700000000.${payload}`).digest('hex');
    expect(header).toBe(`t=1700000000,v1=${expected}`);
  });

  test('the third-party event envelope (shape only) parses: a paid session of 250.00 USD, referenced by its session id', async () => {
    const body = JSON.stringify(fixtures.event_envelope_third_party.body, null, 2);
    const parsed = await gateway.parseNotification({ rawBody: body, headers: { 'stripe-signature': stripeSignatureHeader(body, WEBHOOK_SECRET, nowSeconds()) } });
    expect(parsed).toEqual({
      ok: true,
      updates: [
        {
          eventId: 'evt_00000000000000',
          kind: 'checkout.session.completed',
          ref: { providerRef: 'cs_00000000000000' },
          state: 'succeeded',
          providerRef: 'cs_00000000000000',
          amountMinor: 25000n,
          currency: 'USD',
        },
      ],
    });
  });

  test('the official Checkout Session object (open, unpaid) reads as pending, both in an event and from the API', async () => {
    const official = fixtures.checkout_session.object_example.body;
    const body = JSON.stringify({ ...fixtures.event_envelope_third_party.body, id: 'evt_official_session', data: { object: official } });
    const parsed = await gateway.parseNotification({ rawBody: body, headers: { 'stripe-signature': stripeSignatureHeader(body, WEBHOOK_SECRET, nowSeconds()) } });
    expect(parsed).toEqual({ ok: true, updates: [{ eventId: 'evt_official_session', kind: 'checkout.session.completed', ref: { providerRef: official.id }, state: 'pending', providerRef: official.id }] });

    fake.putSession(official);
    expect(await gateway.fetchStatus({ publicId: 'not-ours', providerRef: official.id })).toEqual({ ref: { providerRef: official.id }, state: 'pending', providerRef: official.id });
  });

  test('the published header example is well-formed but not ours: a bad signature, not a malformed body', async () => {
    const body = JSON.stringify(fixtures.event_envelope_third_party.body);
    const parsed = await gateway.parseNotification({ rawBody: body, headers: { 'stripe-signature': fixtures.signature_header.format_example_only } });
    expect(parsed).toMatchObject({ ok: false, code: 'BAD_SIGNATURE' });
  });

  test('several v1 signatures (secret rotation): one matching is enough; other schemes are ignored', async () => {
    const body = JSON.stringify(fixtures.event_envelope_third_party.body);
    const t = nowSeconds();
    const good = stripeSignatureHeader(body, WEBHOOK_SECRET, t).split(',')[1]!;
    const old = stripeSignatureHeader(body, 'whsec_previous_secret', t).split(',')[1]!;
    const rotated = await gateway.parseNotification({ rawBody: body, headers: { 'stripe-signature': `t=${t},${old},${good}` } });
    expect(rotated.ok).toBe(true);
    const v0Only = await gateway.parseNotification({ rawBody: body, headers: { 'stripe-signature': `t=${t},${good.replace('v1=', 'v0=')}` } });
    expect(v0Only).toMatchObject({ ok: false, code: 'BAD_SIGNATURE' });
  });

  test('tolerance is 300 s: a signature 300 s old passes, 301 s old is stale', async () => {
    const body = JSON.stringify(fixtures.event_envelope_third_party.body);
    expect(fixtures.tolerance.DEFAULT_TOLERANCE_seconds).toBe(300);
    const at = (age: number) => gateway.parseNotification({ rawBody: body, headers: { 'stripe-signature': stripeSignatureHeader(body, WEBHOOK_SECRET, nowSeconds() - age) } });
    expect((await at(300)).ok).toBe(true);
    expect(await at(301)).toMatchObject({ ok: false, code: 'STALE' });
  });
});

describe('Stripe checkout', () => {
  test('createPayment opens a Checkout Session through the SDK with the documented parameters', async () => {
    const { created, payment, sessionId } = await openPayment();
    const request = fake.requests.find((r) => r.method === 'POST' && r.path === '/v1/checkout/sessions' && (r.form.metadata as Json)?.publicId === payment.publicId)!;
    expect(request.headers.authorization).toBe(`Bearer ${SECRET_KEY}`);
    expect(request.headers['idempotency-key']).toBe(payment.publicId);
    expect(request.headers['stripe-version']).toBe(Stripe.API_VERSION);
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request.form).toMatchObject({
      mode: 'payment',
      line_items: [{ quantity: '1', price_data: { currency: 'usd', unit_amount: '1250', product_data: { name: expect.stringContaining('1000 tokens') } } }],
      client_reference_id: payment.publicId,
      metadata: { publicId: payment.publicId },
      payment_intent_data: { metadata: { publicId: payment.publicId } },
      success_url: RETURN_URL,
      cancel_url: RETURN_URL,
    });
    // The reservation ends in 30 min, under Stripe's floor: the session ends 31 min after it.
    const expiresAt = Number(request.form.expires_at);
    expect(expiresAt).toBe(Math.floor((payment.expiresAt!.getTime() + 31 * MINUTE) / 1000));
    expect(fake.sessions.get(sessionId)).toMatchObject({ status: 'open', payment_status: 'unpaid', amount_total: 1250, currency: 'usd', client_reference_id: payment.publicId });
    expect(payment).toMatchObject({ status: 'PENDING', amountMinor: 1250n, currency: 'USD', payUrl: fake.sessions.get(sessionId)!.url });
    expect(created.checkout).toEqual({ kind: 'redirect', payUrl: `${fake.url}/c/pay/${sessionId}`, providerRef: sessionId });
  });

  test('the same payment asked again, minutes later, gets the same session: same idempotency key, same parameters', async () => {
    const request = { publicId: `retry-${Date.now()}`, amountMinor: 990n, currency: 'USD', description: 'Order #0: retry', expiresAt: new Date(clock.now().getTime() + 20 * MINUTE) };
    const sessionsBefore = fake.sessions.size;
    const first = await gateway.createCheckout(request);
    clock.advance(7 * MINUTE);
    const second = await gateway.createCheckout(request);
    expect(second).toEqual(first);
    expect(fake.sessions.size).toBe(sessionsBefore + 1);
    // The same key with other parameters is Stripe's idempotency_error, never a second session.
    await expect(gateway.createCheckout({ ...request, amountMinor: 991n })).rejects.toThrow(/same parameters/);
    expect(fake.sessions.size).toBe(sessionsBefore + 1);
  });

  test('the session’s expiry stays inside Stripe’s 30 min..24 h window', () => {
    const now = new Date('2026-03-01T10:00:00Z');
    const at = (minutes: number) => new Date(now.getTime() + minutes * MINUTE);
    expect(sessionExpiry(at(10), now)).toEqual(at(41));
    expect(sessionExpiry(at(0), now)).toEqual(at(31));
    expect(sessionExpiry(at(-5), now)).toEqual(at(31));
    expect(sessionExpiry(at(120), now)).toEqual(at(120));
    expect(sessionExpiry(at(3 * 24 * 60), now)).toEqual(at(24 * 60 - 1));
  });

  test('an order priced in RUB is charged in USD at the fixed rate, rounded up', async () => {
    const { payment, sessionId } = await openPayment({ currency: 'RUB', unitPrice: '1.125' });
    expect(payment).toMatchObject({ amountMinor: 1250n, currency: 'USD', orderAmountMinor: 112500n, orderCurrency: 'RUB' });
    expect(fake.sessions.get(sessionId)).toMatchObject({ amount_total: 1250, currency: 'usd' });
  });

  test('a gateway given a fetch function talks to Stripe through it', async () => {
    const calls: string[] = [];
    const viaFetch = createStripeGateway({
      secretKey: SECRET_KEY,
      webhookSecret: WEBHOOK_SECRET,
      apiUrl: fake.url,
      returnUrl: RETURN_URL,
      now: clock.now,
      maxNetworkRetries: 0,
      fetch: (input, init) => {
        calls.push(String(input));
        return fetch(input, init);
      },
    });
    const checkout = await viaFetch.createCheckout({ publicId: `fetch-${Date.now()}`, amountMinor: 500n, currency: 'EUR', description: 'via fetch', expiresAt: new Date(clock.now().getTime() + 2 * 60 * MINUTE) });
    expect(checkout.kind).toBe('redirect');
    expect(calls).toEqual([`${fake.url}/v1/checkout/sessions`]);
  });

  test('a wrong secret key is refused by Stripe and the payment stays unopened (PROVIDER_FAILED)', async () => {
    const wrongKey = createStripeGateway({ secretKey: 'sk_test_wrong', webhookSecret: WEBHOOK_SECRET, apiUrl: fake.url, returnUrl: RETURN_URL, now: clock.now, maxNetworkRetries: 0 });
    const { order, buyer } = await pendingOrder(db.prisma, core);
    const created = await createPayment(paymentDeps(core, [wrongKey]), { buyerId: buyer.id, orderId: order.orderId, provider: 'stripe' });
    expect(created).toMatchObject({ ok: false, code: 'PROVIDER_FAILED' });
    expect(await db.prisma.payment.findFirstOrThrow({ where: { tokenOrderId: order.orderId } })).toMatchObject({ status: 'FAILED', providerRef: null, payUrl: null });
  });
});

describe('Stripe notifications', () => {
  test('paid: the order is PAID and booked once; a redelivery changes nothing', async () => {
    const { order, payment, sessionId } = await openPayment();
    const completed = fake.pay(sessionId);
    const notification = fake.notification(completed);
    expect(await post(notification)).toEqual({ status: 200, body: { received: true, outcome: 'applied' } });
    expect(await paymentOf(payment.id)).toMatchObject({ status: 'SUCCEEDED', providerRef: sessionId });
    expect(await orderStatus(order.orderId)).toBe('PAID');
    expect(await purchaseEntries(order.orderId)).toBe(1);
    await expectBooksBalance(db.prisma);

    const before = await books();
    expect(await post(notification)).toEqual({ status: 200, body: { received: true, outcome: 'duplicate' } });
    expect(await books()).toEqual(before);
    const recorded = await db.prisma.paymentEvent.findMany({ where: { paymentId: payment.id } });
    expect(recorded).toEqual([expect.objectContaining({ provider: 'stripe', eventId: completed.id, kind: 'checkout.session.completed', outcome: 'APPLIED', rawBody: notification.body })]);
  });

  test('bad, tampered, missing and replayed signatures are 401 and change nothing, not even the event log', async () => {
    const { order, sessionId } = await openPayment();
    const completed = fake.pay(sessionId);
    const genuine = fake.notification(completed);
    const before = await books();

    const wrongSecret = fake.notification(completed, { secret: 'whsec_someone_else' });
    const tampered = { ...genuine, body: genuine.body.replace('"amount_total": 1250', '"amount_total": 1') };
    const missing = { ...genuine, headers: { 'content-type': 'application/json' } };
    const garbage = { ...genuine, headers: { ...genuine.headers, 'stripe-signature': 'not a signature' } };
    // A real signature replayed onto another body (an event for a different session).
    const otherEvent = fake.event('checkout.session.completed', { ...(completed.data as Json).object as Json, id: 'cs_test_other' });
    const replayedOnto = { body: fake.notification(otherEvent).body, headers: genuine.headers };
    for (const attempt of [wrongSecret, tampered, missing, garbage, replayedOnto]) {
      expect(await post(attempt)).toEqual({ status: 401, body: { received: false, error: 'signature verification failed' } });
    }
    expect(tampered.body).not.toBe(genuine.body);
    expect(await books()).toEqual(before);
    expect(await orderStatus(order.orderId)).toBe('PENDING');
  });

  test('a signature older than 300 s is 401 and changes nothing; a signed body that is not an event is 400', async () => {
    const { order, sessionId } = await openPayment();
    const completed = fake.pay(sessionId);
    const before = await books();
    expect((await deliver(completed, { timestamp: nowSeconds() - 301 })).status).toBe(401);

    for (const body of ['{"id": "evt_1", "object": "eve', JSON.stringify({ hello: 'world' }), JSON.stringify({ id: 'evt_2', object: 'event', type: 'checkout.session.completed', data: { object: { id: 'cs_1' } } })]) {
      const signed = { body, headers: { 'stripe-signature': stripeSignatureHeader(body, WEBHOOK_SECRET, nowSeconds()) } };
      expect(await post(signed)).toEqual({ status: 400, body: { received: false, error: 'malformed event' } });
    }
    expect(await books()).toEqual(before);
    // The same event freshly signed still goes through: nothing was spent on the rejected ones.
    expect((await deliver(completed)).body.outcome).toBe('applied');
    expect(await orderStatus(order.orderId)).toBe('PAID');
  });

  test('paid one minor unit short: the payment is ON_HOLD and the order not paid', async () => {
    const { order, payment, sessionId } = await openPayment();
    expect(await deliver(fake.pay(sessionId, { amountTotal: 1249 }))).toEqual({ status: 200, body: { received: true, outcome: 'on_hold' } });
    expect(await paymentOf(payment.id)).toMatchObject({ status: 'ON_HOLD', holdReason: 'paid 1249 USD, expected 1250 USD' });
    expect(await orderStatus(order.orderId)).toBe('PENDING');
    expect(await purchaseEntries(order.orderId)).toBe(0);
    await expectBooksBalance(db.prisma);
  });

  test('paid in another currency: the payment is ON_HOLD and the order not paid', async () => {
    const { order, payment, sessionId } = await openPayment();
    expect((await deliver(fake.pay(sessionId, { currency: 'eur' }))).body.outcome).toBe('on_hold');
    expect(await paymentOf(payment.id)).toMatchObject({ status: 'ON_HOLD', holdReason: 'paid 1250 EUR, expected 1250 USD' });
    expect(await orderStatus(order.orderId)).toBe('PENDING');
  });

  test('the same notification delivered 20 times at once is credited once', async () => {
    const { order, payment, sessionId } = await openPayment();
    const notification = fake.notification(fake.pay(sessionId));
    const answers = await Promise.all(Array.from({ length: 20 }, () => post(notification)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const outcomes = answers.map((a) => a.body.outcome).sort();
    expect(outcomes).toEqual(['applied', ...Array(19).fill('duplicate')]);
    expect(await paymentOf(payment.id)).toMatchObject({ status: 'SUCCEEDED' });
    expect(await orderStatus(order.orderId)).toBe('PAID');
    expect(await purchaseEntries(order.orderId)).toBe(1);
    expect(await db.prisma.paymentEvent.count({ where: { paymentId: payment.id } })).toBe(1);
    await expectBooksBalance(db.prisma);
  });

  test('a delayed method: completed-but-unpaid keeps it pending; the success credits it; a late "unpaid" after it is ignored', async () => {
    const { order, payment, sessionId } = await openPayment();
    const completedUnpaid = fake.pay(sessionId, { async: true });
    const succeeded = fake.asyncSucceed(sessionId);

    expect((await deliver(completedUnpaid)).body.outcome).toBe('ignored');
    expect(await paymentOf(payment.id)).toMatchObject({ status: 'PENDING' });
    expect(await orderStatus(order.orderId)).toBe('PENDING');

    expect((await deliver(succeeded)).body.outcome).toBe('applied');
    expect(await orderStatus(order.orderId)).toBe('PAID');

    // Stripe does not order deliveries: the same pair the other way round ends the same.
    const other = await openPayment();
    const lateUnpaid = fake.pay(other.sessionId, { async: true });
    const early = fake.asyncSucceed(other.sessionId);
    expect((await deliver(early)).body.outcome).toBe('applied');
    expect((await deliver(lateUnpaid)).body.outcome).toBe('ignored');
    expect(await paymentOf(other.payment.id)).toMatchObject({ status: 'SUCCEEDED' });
    expect(await orderStatus(other.order.orderId)).toBe('PAID');
    expect(await purchaseEntries(other.order.orderId)).toBe(1);
    await expectBooksBalance(db.prisma);
  });

  test('a delayed method that fails: the payment is FAILED and nothing is credited', async () => {
    const { order, payment, sessionId } = await openPayment();
    fake.pay(sessionId, { async: true });
    expect((await deliver(fake.asyncFail(sessionId))).body.outcome).toBe('applied');
    expect(await paymentOf(payment.id)).toMatchObject({ status: 'FAILED' });
    expect(await orderStatus(order.orderId)).not.toBe('PAID');
    await expectBooksBalance(db.prisma);
  });

  test('expired: the payment EXPIRES and the reservation goes back; a "succeeded" arriving after it is still sold, once', async () => {
    const { order, payment, sessionId } = await openPayment();
    expect((await deliver(fake.expire(sessionId))).body.outcome).toBe('applied');
    expect(await paymentOf(payment.id)).toMatchObject({ status: 'EXPIRED' });
    expect(await orderStatus(order.orderId)).toBe('EXPIRED');

    const late = fake.event('checkout.session.completed', { ...fake.sessions.get(sessionId)!, status: 'complete', payment_status: 'paid', _payment_intent_data: undefined });
    expect(await deliver(late)).toEqual({ status: 200, body: { received: true, outcome: 'applied' } });
    expect(await paymentOf(payment.id)).toMatchObject({ status: 'SUCCEEDED' });
    expect(await orderStatus(order.orderId)).toBe('PAID');
    expect(await purchaseEntries(order.orderId)).toBe(1);
    expect(await deliver(late)).toEqual({ status: 200, body: { received: true, outcome: 'duplicate' } });
    expect(await purchaseEntries(order.orderId)).toBe(1);
    await expectBooksBalance(db.prisma);
  });

  test('a session we never made is answered 200 and recorded as UNKNOWN_PAYMENT; nothing else changes', async () => {
    const before = await books();
    const stranger = fake.event('checkout.session.completed', {
      ...fixtures.event_envelope_third_party.body.data.object,
      id: 'cs_test_not_ours',
      client_reference_id: 'no-such-payment',
      metadata: { publicId: 'no-such-payment' },
    });
    expect(await deliver(stranger)).toEqual({ status: 200, body: { received: true, outcome: 'unknown_payment' } });
    const after = await books();
    expect({ ...after, events: before.events }).toEqual(before);
    expect(after.events).toBe(before.events + 1);
    expect(await db.prisma.paymentEvent.findUniqueOrThrow({ where: { provider_eventId: { provider: 'stripe', eventId: String(stranger.id) } } })).toMatchObject({ outcome: 'UNKNOWN_PAYMENT', paymentId: null });
  });

  test('event types we do not act on are acknowledged (200) and leave no trace', async () => {
    const before = await books();
    expect(await deliver(fake.event('payment_intent.succeeded', { id: 'pi_x', object: 'payment_intent', status: 'succeeded' }))).toEqual({
      status: 200,
      body: { received: true, outcome: 'ignored' },
    });
    expect(await books()).toEqual(before);
  });
});

describe('Stripe reconciliation', () => {
  test('payments whose notifications never came are recovered from the session: paid, expired, failed; open ones wait', async () => {
    const paid = await openPayment();
    const expired = await openPayment();
    const failed = await openPayment();
    const open = await openPayment();
    fake.pay(paid.sessionId);
    fake.expire(expired.sessionId);
    fake.pay(failed.sessionId, { async: true });
    fake.asyncFail(failed.sessionId);

    clock.advance(15 * MINUTE);
    const results = await reconcilePayments(deps, { pendingForMs: 10 * MINUTE });
    const outcomeOf = (paymentId: number) => results.find((r) => r.paymentId === paymentId);
    expect(outcomeOf(paid.payment.id)).toMatchObject({ outcome: 'APPLIED', status: 'SUCCEEDED', orderStatus: 'PAID' });
    expect(outcomeOf(expired.payment.id)).toMatchObject({ outcome: 'APPLIED', status: 'EXPIRED' });
    expect(outcomeOf(failed.payment.id)).toMatchObject({ outcome: 'APPLIED', status: 'FAILED' });
    expect(outcomeOf(open.payment.id)).toBeUndefined();
    expect(await paymentOf(open.payment.id)).toMatchObject({ status: 'PENDING' });
    expect(await orderStatus(paid.order.orderId)).toBe('PAID');

    // The webhook arriving after all changes nothing: credited once.
    const lateWebhook = fake.events.find((e) => e.type === 'checkout.session.completed' && ((e.data as Json).object as Json).id === paid.sessionId)!;
    expect((await deliver(lateWebhook)).body.outcome).toBe('ignored');
    expect(await purchaseEntries(paid.order.orderId)).toBe(1);
    await expectBooksBalance(db.prisma);
  });

  test('a session Stripe does not know reads as unknown (null), not as an error', async () => {
    expect(await gateway.fetchStatus({ publicId: 'x', providerRef: 'cs_test_never_made' })).toBeNull();
    expect(await gateway.fetchStatus({ publicId: 'x', providerRef: null })).toBeNull();
  });
});

describe('Stripe refunds', () => {
  test('an admin refund refunds the PaymentIntent at Stripe, then the order is REFUNDED and the ledger reversed', async () => {
    const { order, payment, sessionId } = await openPayment();
    await deliver(fake.pay(sessionId));
    expect(await orderStatus(order.orderId)).toBe('PAID');

    const refunded = await refundPayment(deps, { paymentId: payment.id, isAdmin: true });
    expect(refunded).toEqual({ ok: true, value: { paymentId: payment.id, orderId: order.orderId, market: false } });
    const intentId = String(fake.sessions.get(sessionId)!.payment_intent);
    const call = fake.requests.find((r) => r.method === 'POST' && r.path === '/v1/refunds' && r.form.payment_intent === intentId)!;
    expect(call.headers['idempotency-key']).toBe(`refund:${payment.publicId}`);
    expect(call.form).toEqual({ payment_intent: intentId, metadata: { publicId: payment.publicId } });
    expect(await paymentOf(payment.id)).toMatchObject({ status: 'REFUNDED' });
    expect(await orderStatus(order.orderId)).toBe('REFUNDED');
    expect(await db.prisma.ledgerEntry.count({ where: { kind: 'REFUND', source: `PURCHASE:token_order:${order.orderId}` } })).toBe(1);
    await expectBooksBalance(db.prisma);

    // Stripe then sends charge.refunded: found through the PaymentIntent's metadata, already done.
    const chargeRefunded = fake.events.findLast((e) => e.type === 'charge.refunded')!;
    const before = await books();
    expect((await deliver(chargeRefunded)).body.outcome).toBe('ignored');
    expect({ ...(await books()), events: before.events }).toEqual(before);
    expect(fake.requests.some((r) => r.method === 'GET' && r.path === `/v1/payment_intents/${intentId}`)).toBe(true);
    // A second admin refund is refused before Stripe is asked again.
    expect(await refundPayment(deps, { paymentId: payment.id, isAdmin: true })).toMatchObject({ ok: false, code: 'NOT_REFUNDABLE' });
  });

  test('a full refund made in the Stripe Dashboard refunds the order; a partial one leaves it paid', async () => {
    const full = await openPayment();
    await deliver(fake.pay(full.sessionId));
    expect((await deliver(fake.refundInDashboard(full.sessionId))).body.outcome).toBe('applied');
    expect(await paymentOf(full.payment.id)).toMatchObject({ status: 'REFUNDED' });
    expect(await orderStatus(full.order.orderId)).toBe('REFUNDED');

    const partial = await openPayment();
    await deliver(fake.pay(partial.sessionId));
    expect((await deliver(fake.refundInDashboard(partial.sessionId, 100))).body.outcome).toBe('ignored');
    expect(await paymentOf(partial.payment.id)).toMatchObject({ status: 'SUCCEEDED' });
    expect(await orderStatus(partial.order.orderId)).toBe('PAID');
    await expectBooksBalance(db.prisma);
  });

  test('a refund of a charge that is not ours (its PaymentIntent unknown) is answered 200 and recorded as UNKNOWN_PAYMENT', async () => {
    const before = await books();
    const foreign = fake.event('charge.refunded', { id: 'ch_foreign', object: 'charge', amount: 500, amount_refunded: 500, refunded: true, payment_intent: 'pi_foreign', metadata: {} });
    expect(await deliver(foreign)).toEqual({ status: 200, body: { received: true, outcome: 'unknown_payment' } });
    expect((await books()).payments).toEqual(before.payments);
    expect(await db.prisma.paymentEvent.findUniqueOrThrow({ where: { provider_eventId: { provider: 'stripe', eventId: String(foreign.id) } } })).toMatchObject({ outcome: 'UNKNOWN_PAYMENT' });
  });
});
