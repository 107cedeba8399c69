import { readFixture } from '../support/fixtures.js';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createApp } from '../../src/api/app.js';
import type { CoreDeps } from '../../src/core/deps.js';
import { createPayment } from '../../src/core/payments/create-payment.js';
import type { PaymentDeps } from '../../src/core/payments/deps.js';
import type { PaymentGateway } from '../../src/core/payments/gateway.js';
import { reconcilePayments } from '../../src/core/payments/reconcile-payments.js';
import { refundPayment } from '../../src/core/payments/refund-payment.js';
import type { Database } from '../../src/infra/database.js';
import { silentLogger } from '../../src/infra/logger.js';
import { createQiwiGateway, qiwiAmountString, qiwiSignedString } from '../../src/infra/payments/qiwi.js';
import { createTestDb } from '../support/db.js';
import { coreDeps, fixedClock } from '../support/factories.js';
import { type FakeQiwi, type FakeQiwiNotification, qiwiSignature, startFakeQiwi } from '../support/fakes/qiwi-server.js';
import { expectBooksBalance } from '../support/ledger.js';
import { paymentDeps, pendingOrder } from '../support/payments.js';

const SECRET = 'eyJ2ZXJzaW9uIjoiUDJQIiwiZGF0YSI6eyJ0ZXN0Ijp0cnVlfX0=-test-secret';
const SITE_ID = 'ab12cd-00';
const RETURN_URL = 'https://t.me/market_test_bot';

interface QiwiFixture {
  create_bill: { response_example: { billId: string; amount: { value: string; currency: string }; payUrl: string } };
  notification: { body_example: { bill: { siteId: string; billId: string; amount: { value: string; currency: string }; status: { value: string } } } };
  vectors: {
    id: string;
    secret: string;
    bill: { siteId: string; billId: string; amount: { value: number; currency: string }; status: { value: string } };
    expected_signature: string;
    signed_string_derived: string;
  }[];
}

let fixture: QiwiFixture;
let db: Database;
let clock: ReturnType<typeof fixedClock>;
let core: CoreDeps;
let fake: FakeQiwi;
let gateway: PaymentGateway;
let deps: PaymentDeps;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  fixture = readFixture<QiwiFixture>('qiwi.json');
  db = await createTestDb();
  clock = fixedClock();
  core = coreDeps(db.prisma, { clock });
  fake = await startFakeQiwi({ secretKey: SECRET, siteId: SITE_ID });
  gateway = createQiwiGateway({ secretKey: SECRET, siteId: SITE_ID, apiUrl: fake.url, returnUrl: RETURN_URL });
  deps = paymentDeps(core, [gateway]);
  app = createApp({ core, logger: silentLogger, payments: { payments: deps } });
});

afterAll(async () => {
  await fake?.close();
  await db?.close();
});

beforeEach(() => {
  fake.repeatPut = 'return-existing';
  fake.refundsDisabled = false;
});

/** A buyer's pending order (1000 tokens at 0.0125 USD = 12.50 USD = 1125.00 RUB) and its QIWI bill. */
async function openPayment() {
  const { buyer, referrer, order } = await pendingOrder(db.prisma, core);
  const created = await createPayment(deps, { buyerId: buyer.id, orderId: order.orderId, provider: 'qiwi' });
  if (!created.ok) throw new Error(created.code);
  return { buyer, referrer, orderId: order.orderId, paymentId: created.value.paymentId, publicId: created.value.publicId, created: created.value };
}

async function post(notification: FakeQiwiNotification | { body: string; headers: Record<string, string> }) {
  const response = await app.request('/webhooks/qiwi', { method: 'POST', body: notification.body, headers: notification.headers });
  return { status: response.status, contentType: response.headers.get('content-type'), body: await response.text() };
}

const ACCEPTED = { status: 200, body: '{"error":"0"}' };

async function paymentOf(paymentId: number) {
  return db.prisma.payment.findUniqueOrThrow({ where: { id: paymentId } });
}

async function orderStatus(orderId: number) {
  return (await db.prisma.tokenOrder.findUniqueOrThrow({ where: { id: orderId } })).status;
}

async function purchases(orderId: number) {
  return db.prisma.ledgerEntry.count({ where: { kind: 'PURCHASE', source: `token_order:${orderId}` } });
}

/** Everything a notification could change: payments, orders, rounds, the ledger, balances, events. */
async function snapshot() {
  const [payments, orders, rounds, ledger, balances, events] = await Promise.all([
    db.prisma.payment.findMany({ orderBy: { id: 'asc' }, select: { id: true, status: true, holdReason: true, providerRef: true } }),
    db.prisma.tokenOrder.findMany({ orderBy: { id: 'asc' }, select: { id: true, status: true } }),
    db.prisma.tokenRound.findMany({ orderBy: { id: 'asc' }, select: { id: true, sold: true, reserved: true } }),
    db.prisma.ledgerEntry.count(),
    db.prisma.balance.findMany({ orderBy: [{ userId: 'asc' }, { asset: 'asc' }] }),
    db.prisma.paymentEvent.count(),
  ]);
  return { payments, orders, rounds, ledger, balances, events };
}

describe('QIWI fixtures (the providers’ own examples)', () => {
  test('the docs’ signature example verifies: amount 1 is signed as "1.00"', async () => {
    const vector = fixture.vectors.find((v) => v.id === 'qiwi-doc-signature-example')!;
    const docs = createQiwiGateway({ secretKey: vector.secret, siteId: vector.bill.siteId, apiUrl: fake.url, returnUrl: RETURN_URL });
    const signed = qiwiSignedString({
      currency: vector.bill.amount.currency,
      value: qiwiAmountString(vector.bill.amount.value)!,
      billId: vector.bill.billId,
      siteId: vector.bill.siteId,
      status: vector.bill.status.value,
    });
    expect(signed).toBe(vector.signed_string_derived);

    // The body as the doc's JS sample has it: the amount as the JSON number 1.
    const rawBody = JSON.stringify({ bill: { ...vector.bill, customer: {}, customFields: {} }, version: '1' });
    expect(rawBody).toContain('"value":1,');
    const parsed = await docs.parseNotification({ rawBody, headers: { 'x-api-signature-sha256': vector.expected_signature } });
    expect(parsed).toEqual({
      ok: true,
      updates: [{ eventId: 'test_bill:PAID', kind: 'bill.PAID', ref: { publicId: 'test_bill' }, state: 'succeeded', amountMinor: 100n, currency: 'RUB' }],
    });
    // The same bill with the amount written "1.00" carries the same signature.
    const asString = rawBody.replace('"value":1,', '"value":"1.00",');
    expect((await docs.parseNotification({ rawBody: asString, headers: { 'x-api-signature-sha256': vector.expected_signature } })).ok).toBe(true);
    // The fake's signer, written separately, agrees with the published value.
    expect(qiwiSignature(vector.secret, { ...vector.bill.amount, billId: vector.bill.billId, siteId: vector.bill.siteId, status: vector.bill.status.value })).toBe(
      vector.expected_signature,
    );
  });

  test('the catch: a signature over the amount as written ("1") does not verify', async () => {
    const vector = fixture.vectors[0]!;
    const docs = createQiwiGateway({ secretKey: vector.secret, siteId: vector.bill.siteId, apiUrl: fake.url, returnUrl: RETURN_URL });
    const { createHmac } = await import('node:crypto');
    const naive = createHmac('sha256', vector.secret).update('RUB|1|test_bill|test|PAID').digest('hex');
    expect(naive).not.toBe(vector.expected_signature);
    const rawBody = JSON.stringify({ bill: vector.bill, version: '1' });
    expect(await docs.parseNotification({ rawBody, headers: { 'x-api-signature-sha256': naive } })).toMatchObject({ ok: false, code: 'BAD_SIGNATURE' });
  });

  test('the docs’ notification example parses (signed here: the doc publishes no secret for it)', async () => {
    const example = fixture.notification.body_example;
    const site = createQiwiGateway({ secretKey: SECRET, siteId: example.bill.siteId, apiUrl: fake.url, returnUrl: RETURN_URL });
    const signature = qiwiSignature(SECRET, { ...example.bill.amount, billId: example.bill.billId, siteId: example.bill.siteId, status: example.bill.status.value });
    const parsed = await site.parseNotification({ rawBody: JSON.stringify(example, null, 1), headers: { 'x-api-signature-sha256': signature } });
    expect(parsed).toEqual({
      ok: true,
      updates: [
        {
          eventId: `${example.bill.billId}:PAID`,
          kind: 'bill.PAID',
          ref: { publicId: 'cc961e8d-d4d6-4f02-b737-2297e51fb48e' },
          state: 'succeeded',
          amountMinor: 100n,
          currency: 'RUB',
        },
      ],
    });
  });

  test('the docs’ create-bill answer gives its payUrl, with our return address added', async () => {
    const example = fixture.create_bill.response_example;
    fake.nextCreateBody = example;
    const checkout = await gateway.createCheckout({
      publicId: example.billId,
      amountMinor: 100n,
      currency: 'RUB',
      description: 'fixture',
      expiresAt: new Date('2026-01-15T12:30:00Z'),
    });
    const payUrl = new URL(checkout.kind === 'redirect' ? checkout.payUrl : '');
    expect(`${payUrl.origin}${payUrl.pathname}`).toBe('https://oplata.qiwi.com/form/');
    expect(payUrl.searchParams.get('invoice_uid')).toBe('aa0fa2bb-5452-47ca-9190-cd9c1a73718f');
    expect(payUrl.searchParams.get('successUrl')).toBe(RETURN_URL);
  });
});

describe('a QIWI payment end to end', () => {
  test('the bill is created as the docs ask, paid, notified, and the order is paid and booked once', async () => {
    const before = fake.requests.length;
    const { buyer, orderId, paymentId, publicId, created } = await openPayment();
    expect(created).toMatchObject({ amountMinor: 112500n, currency: 'RUB' });

    const [put] = fake.requests.slice(before);
    expect(put).toMatchObject({ method: 'PUT', path: `/partner/bill/v1/bills/${publicId}` });
    expect(put!.headers).toMatchObject({ authorization: `Bearer ${SECRET}`, accept: 'application/json', 'content-type': 'application/json' });
    const sent = JSON.parse(put!.body) as Record<string, unknown>;
    expect(sent).toEqual({
      amount: { currency: 'RUB', value: '1125.00' },
      comment: expect.stringContaining(`Order #${orderId}`),
      expirationDateTime: '2026-01-15T12:30:00+00:00',
    });
    const payment = await paymentOf(paymentId);
    expect(payment.status).toBe('PENDING');
    expect(payment.payUrl).toBe(`https://oplata.qiwi.com/form/?invoice_uid=${publicId}&successUrl=${encodeURIComponent(RETURN_URL)}`);

    // Asking again for the same order gives the same open payment, not a second bill.
    const again = await createPayment(deps, { buyerId: buyer.id, orderId, provider: 'qiwi' });
    expect(again.ok && again.value.publicId).toBe(publicId);

    fake.pay(publicId);
    const answer = await post(fake.notification(publicId));
    expect(answer).toEqual({ ...ACCEPTED, contentType: 'application/json' });
    expect(await paymentOf(paymentId)).toMatchObject({ status: 'SUCCEEDED' });
    expect(await orderStatus(orderId)).toBe('PAID');
    expect(await purchases(orderId)).toBe(1);
    const events = await db.prisma.paymentEvent.findMany({ where: { paymentId } });
    expect(events).toMatchObject([{ provider: 'qiwi', eventId: `${publicId}:PAID`, outcome: 'APPLIED' }]);
    await expectBooksBalance(db.prisma);
  });

  test('a second PUT of the same bill (a retried create) names the same bill, however QIWI answers it', async () => {
    const publicId = randomUUID();
    const request = { publicId, amountMinor: 5000n, currency: 'RUB', description: 'retry', expiresAt: new Date('2026-01-15T12:30:00Z') };
    const first = await gateway.createCheckout(request);
    expect(await gateway.createCheckout(request)).toEqual(first);
    fake.repeatPut = 'refuse';
    expect(await gateway.createCheckout(request)).toEqual(first);
    expect([...fake.bills.keys()].filter((id) => id === publicId)).toHaveLength(1);
    // The same billId for another amount is not our bill: no checkout.
    await expect(gateway.createCheckout({ ...request, amountMinor: 5001n })).rejects.toThrow(/create bill/);
  });

  test('QIWI refusing the secret key or a currency it does not take is a failed create', async () => {
    const wrongKey = createQiwiGateway({ secretKey: 'not-the-key', siteId: SITE_ID, apiUrl: fake.url, returnUrl: RETURN_URL });
    await expect(
      wrongKey.createCheckout({ publicId: randomUUID(), amountMinor: 100n, currency: 'RUB', description: 'x', expiresAt: new Date('2026-01-15T12:30:00Z') }),
    ).rejects.toThrow(/HTTP 401 auth.unauthorized/);
    await expect(
      gateway.createCheckout({ publicId: randomUUID(), amountMinor: 100n, currency: 'USD', description: 'x', expiresAt: new Date('2026-01-15T12:30:00Z') }),
    ).rejects.toThrow(/RUB/);
  });
});

describe('QIWI notification signatures', () => {
  test('a notification signed with another key is refused with 401 and changes nothing', async () => {
    const { publicId } = await openPayment();
    fake.pay(publicId);
    const before = await snapshot();
    const answer = await post(fake.notification(publicId, { secretKey: 'a-forgers-key' }));
    expect(answer.status).toBe(401);
    expect(await snapshot()).toEqual(before);
  });

  test('a tampered notification (amount, status, bill or site changed after signing) is refused and changes nothing', async () => {
    const { publicId } = await openPayment();
    const other = await openPayment();
    fake.pay(publicId);
    const before = await snapshot();
    const tampers: ((body: Record<string, unknown>) => void)[] = [
      (b) => ((b.bill as { amount: { value: string } }).amount.value = '1.00'),
      (b) => ((b.bill as { amount: { currency: string } }).amount.currency = 'KZT'),
      (b) => ((b.bill as { billId: string }).billId = other.publicId),
      (b) => ((b.bill as { siteId: string }).siteId = 'zz99zz-00'),
    ];
    for (const tamper of tampers) expect((await post(fake.notification(publicId, { tamper }))).status).toBe(401);
    // A WAITING notification re-labelled PAID.
    const waiting = fake.notification(other.publicId);
    expect((await post({ ...waiting, body: waiting.body.replace('"WAITING"', '"PAID"') })).status).toBe(401);
    expect(await snapshot()).toEqual(before);
  });

  test('no signature, or one that is not a SHA-256 HMAC, is refused and changes nothing', async () => {
    const { publicId } = await openPayment();
    fake.pay(publicId);
    const good = fake.notification(publicId);
    const before = await snapshot();
    const { 'x-api-signature-sha256': signature, ...unsigned } = good.headers;
    expect((await post({ body: good.body, headers: unsigned })).status).toBe(401);
    expect((await post({ body: good.body, headers: { ...unsigned, 'x-api-signature-sha256': 'J4WNfNZd***V5mv2w=' } })).status).toBe(401);
    expect((await post({ body: good.body, headers: { ...unsigned, 'x-api-signature-sha256': signature!.slice(0, 63) } })).status).toBe(401);
    expect(await snapshot()).toEqual(before);
  });

  test('a genuine notification for another site of the same key is refused and changes nothing', async () => {
    const { publicId } = await openPayment();
    fake.pay(publicId);
    const before = await snapshot();
    expect((await post(fake.notification(publicId, { siteId: 'zz99zz-00' }))).status).toBe(401);
    expect(await snapshot()).toEqual(before);
  });

  test('a replayed genuine notification (QIWI signs no time stamp) is answered 200 and credits nothing more', async () => {
    const { orderId, paymentId, publicId } = await openPayment();
    fake.pay(publicId);
    const notification = fake.notification(publicId);
    expect(await post(notification)).toMatchObject(ACCEPTED);
    const after = await snapshot();
    const start = clock.now();
    clock.advance(6 * 60 * 60 * 1000);
    try {
      expect(await post(notification)).toMatchObject(ACCEPTED);
    } finally {
      clock.set(start);
    }
    expect(await snapshot()).toEqual(after);
    expect(await db.prisma.paymentEvent.count({ where: { paymentId } })).toBe(1);
    expect(await purchases(orderId)).toBe(1);
  });

  test('the amount as a JSON number (1125) verifies as "1125.00", as QIWI signs it', async () => {
    const { orderId, publicId } = await openPayment();
    fake.pay(publicId);
    const notification = fake.notification(publicId, { value: 1125 });
    expect(notification.body).toContain('"value":1125,');
    expect(await post(notification)).toMatchObject(ACCEPTED);
    expect(await orderStatus(orderId)).toBe('PAID');
    await expectBooksBalance(db.prisma);
  });

  test('a malformed body is answered 400 and changes nothing', async () => {
    const { publicId } = await openPayment();
    fake.pay(publicId);
    const good = fake.notification(publicId);
    const before = await snapshot();
    expect((await post({ ...good, body: '{"bill":' })).status).toBe(400);
    expect((await post({ ...good, body: '{"version":"1"}' })).status).toBe(400);
    // Signed correctly, but with three decimals, which QIWI never sends.
    expect((await post(fake.notification(publicId, { value: '1125.001' }))).status).toBe(400);
    // Signed correctly, but a status the protocol does not have.
    expect((await post(fake.notification(publicId, { status: 'PARTIALLY_PAID' }))).status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });
});

describe('QIWI amounts and currencies', () => {
  test('a payment one kopeck short is held, the order stays unpaid', async () => {
    const { orderId, paymentId, publicId } = await openPayment();
    fake.pay(publicId);
    expect(await post(fake.notification(publicId, { value: '1124.99' }))).toMatchObject(ACCEPTED);
    expect(await paymentOf(paymentId)).toMatchObject({ status: 'ON_HOLD', holdReason: 'paid 112499 RUB, expected 112500 RUB' });
    expect(await orderStatus(orderId)).toBe('PENDING');
    expect(await purchases(orderId)).toBe(0);
    await expectBooksBalance(db.prisma);
  });

  test('a payment one kopeck over is held too', async () => {
    const { orderId, paymentId, publicId } = await openPayment();
    fake.pay(publicId);
    expect(await post(fake.notification(publicId, { value: '1125.01' }))).toMatchObject(ACCEPTED);
    expect((await paymentOf(paymentId)).status).toBe('ON_HOLD');
    expect(await orderStatus(orderId)).toBe('PENDING');
  });

  test('a payment in another currency is held, the order stays unpaid', async () => {
    const { orderId, paymentId, publicId } = await openPayment();
    fake.pay(publicId);
    expect(await post(fake.notification(publicId, { currency: 'KZT' }))).toMatchObject(ACCEPTED);
    expect(await paymentOf(paymentId)).toMatchObject({ status: 'ON_HOLD', holdReason: 'paid 112500 KZT, expected 112500 RUB' });
    expect(await orderStatus(orderId)).toBe('PENDING');
    expect(await purchases(orderId)).toBe(0);
    await expectBooksBalance(db.prisma);
  });
});

describe('QIWI deliveries in any number and order', () => {
  test('the same notification delivered 20 times at once credits the order once', async () => {
    const { orderId, paymentId, publicId } = await openPayment();
    fake.pay(publicId);
    const notification = fake.notification(publicId);
    const answers = await Promise.all(Array.from({ length: 20 }, () => post(notification)));
    expect(answers.every((a) => a.status === 200 && a.body === '{"error":"0"}')).toBe(true);
    expect((await paymentOf(paymentId)).status).toBe('SUCCEEDED');
    expect(await orderStatus(orderId)).toBe('PAID');
    expect(await purchases(orderId)).toBe(1);
    expect(await db.prisma.paymentEvent.count({ where: { paymentId } })).toBe(1);
    await expectBooksBalance(db.prisma);
  });

  test('a late WAITING after PAID is recorded and ignored', async () => {
    const { orderId, paymentId, publicId } = await openPayment();
    const waiting = fake.notification(publicId);
    fake.pay(publicId);
    expect(await post(fake.notification(publicId))).toMatchObject(ACCEPTED);
    expect(await post(waiting)).toMatchObject(ACCEPTED);
    expect((await paymentOf(paymentId)).status).toBe('SUCCEEDED');
    expect(await orderStatus(orderId)).toBe('PAID');
    expect(await db.prisma.paymentEvent.findFirst({ where: { eventId: `${publicId}:WAITING` } })).toMatchObject({ outcome: 'IGNORED' });
    await expectBooksBalance(db.prisma);
  });

  test('a PAID after EXPIRED is still sold from what is left: late money is never dropped', async () => {
    const { orderId, paymentId, publicId } = await openPayment();
    fake.expire(publicId);
    expect(await post(fake.notification(publicId))).toMatchObject(ACCEPTED);
    expect((await paymentOf(paymentId)).status).toBe('EXPIRED');
    expect(await orderStatus(orderId)).toBe('EXPIRED');
    expect(await post(fake.notification(publicId, { status: 'PAID' }))).toMatchObject(ACCEPTED);
    expect((await paymentOf(paymentId)).status).toBe('SUCCEEDED');
    expect(await orderStatus(orderId)).toBe('PAID');
    expect(await purchases(orderId)).toBe(1);
    expect(await db.prisma.paymentEvent.findFirst({ where: { eventId: `${publicId}:PAID` } })).toMatchObject({ outcome: 'APPLIED' });
    await expectBooksBalance(db.prisma);
  });

  test('a bill the payer rejected fails the payment', async () => {
    const { orderId, paymentId, publicId } = await openPayment();
    fake.reject(publicId);
    expect(await post(fake.notification(publicId))).toMatchObject(ACCEPTED);
    expect((await paymentOf(paymentId)).status).toBe('FAILED');
    expect(await orderStatus(orderId)).toBe('PENDING');
  });
});

describe('QIWI reconciliation', () => {
  async function pendingForAnHour(paymentId: number) {
    await db.prisma.payment.update({ where: { id: paymentId }, data: { updatedAt: new Date(clock.now().getTime() - 60 * 60 * 1000) } });
  }

  test('a payment whose notification never came is recovered from the bill status, once', async () => {
    const { orderId, paymentId, publicId } = await openPayment();
    fake.pay(publicId);
    await pendingForAnHour(paymentId);
    const results = await reconcilePayments(deps, { pendingForMs: 10 * 60 * 1000 });
    expect(results.find((r) => r.paymentId === paymentId)).toMatchObject({ outcome: 'APPLIED', status: 'SUCCEEDED', orderStatus: 'PAID' });
    expect(await orderStatus(orderId)).toBe('PAID');
    const get = fake.requests.findLast((r) => r.path === `/partner/bill/v1/bills/${publicId}`);
    expect(get).toMatchObject({ method: 'GET', headers: { authorization: `Bearer ${SECRET}` } });
    // The notification arriving after all changes nothing more.
    expect(await post(fake.notification(publicId))).toMatchObject(ACCEPTED);
    expect(await purchases(orderId)).toBe(1);
    await expectBooksBalance(db.prisma);
  });

  test('the status call: waiting stays pending, final states come back, an unknown bill is null', async () => {
    const { paymentId, publicId } = await openPayment();
    expect(await gateway.fetchStatus({ publicId, providerRef: null })).toEqual({ ref: { publicId }, state: 'pending' });
    await pendingForAnHour(paymentId);
    const untouched = await reconcilePayments(deps, { pendingForMs: 10 * 60 * 1000 });
    expect(untouched.find((r) => r.paymentId === paymentId)).toBeUndefined();
    expect((await paymentOf(paymentId)).status).toBe('PENDING');

    fake.expire(publicId);
    expect(await gateway.fetchStatus({ publicId, providerRef: null })).toEqual({ ref: { publicId }, state: 'expired' });
    await pendingForAnHour(paymentId);
    await reconcilePayments(deps, { pendingForMs: 10 * 60 * 1000 });
    expect((await paymentOf(paymentId)).status).toBe('EXPIRED');

    expect(await gateway.fetchStatus({ publicId: randomUUID(), providerRef: null })).toBeNull();
  });
});

describe('QIWI unknown payments', () => {
  test('a genuine notification for a bill we never issued is answered 200 and recorded as UNKNOWN_PAYMENT, nothing else changes', async () => {
    const billId = randomUUID();
    await gateway.createCheckout({ publicId: billId, amountMinor: 4200n, currency: 'RUB', description: 'elsewhere', expiresAt: new Date('2026-01-15T12:30:00Z') });
    fake.pay(billId);
    const before = await snapshot();
    expect(await post(fake.notification(billId))).toMatchObject(ACCEPTED);
    const after = await snapshot();
    expect(after).toEqual({ ...before, events: before.events + 1 });
    expect(await db.prisma.paymentEvent.findFirst({ where: { provider: 'qiwi', eventId: `${billId}:PAID` } })).toMatchObject({
      paymentId: null,
      outcome: 'UNKNOWN_PAYMENT',
    });
  });
});

describe('QIWI refunds', () => {
  test('an admin refund goes to QIWI once, and the order and the ledger are reversed', async () => {
    const { buyer, referrer, orderId, paymentId, publicId } = await openPayment();
    fake.pay(publicId);
    await post(fake.notification(publicId));
    expect(await orderStatus(orderId)).toBe('PAID');

    const refunded = await refundPayment(deps, { paymentId, isAdmin: true });
    expect(refunded).toEqual({ ok: true, value: { paymentId, orderId, market: false } });
    expect(fake.bills.get(publicId)!.refunds).toMatchObject([{ refundId: publicId, amount: { currency: 'RUB', value: '1125.00' }, status: 'FULL' }]);
    const put = fake.requests.findLast((r) => r.method === 'PUT' && r.path.includes('/refunds/'));
    expect(put).toMatchObject({ path: `/partner/bill/v1/bills/${publicId}/refunds/${publicId}`, headers: { authorization: `Bearer ${SECRET}` } });
    expect((await paymentOf(paymentId)).status).toBe('REFUNDED');
    expect(await orderStatus(orderId)).toBe('REFUNDED');
    for (const user of [buyer, referrer]) {
      const rows = await db.prisma.$queryRaw<{ sum: bigint }[]>`SELECT coalesce(sum(amount), 0)::bigint AS sum FROM ledger_entries WHERE user_id = ${user.id}`;
      expect(rows).toEqual([{ sum: 0n }]);
    }
    await expectBooksBalance(db.prisma);

    expect(await refundPayment(deps, { paymentId, isAdmin: true })).toEqual({ ok: false, code: 'NOT_REFUNDABLE' });
    expect(fake.bills.get(publicId)!.refunds).toHaveLength(1);
  });

  test('a refund QIWI refuses (P2P accounts of individuals may not refund) changes nothing', async () => {
    const { orderId, paymentId, publicId } = await openPayment();
    fake.pay(publicId);
    await post(fake.notification(publicId));
    fake.refundsDisabled = true;
    const before = await snapshot();
    expect(await refundPayment(deps, { paymentId, isAdmin: true })).toEqual({ ok: false, code: 'PROVIDER_FAILED' });
    expect(await snapshot()).toEqual(before);
    expect(await orderStatus(orderId)).toBe('PAID');
    expect(fake.bills.get(publicId)!.refunds).toHaveLength(0);
  });
});
