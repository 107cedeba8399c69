import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createApp } from '../../src/api/app.js';
import { createPayment } from '../../src/core/payments/create-payment.js';
import { reconcilePayments } from '../../src/core/payments/reconcile-payments.js';
import { refundPayment } from '../../src/core/payments/refund-payment.js';
import type { Database } from '../../src/infra/database.js';
import { silentLogger } from '../../src/infra/logger.js';
import {
  createSberGateway,
  orderNumberOf,
  parseSberCallback,
  publicIdOf,
  SberGatewayError,
  type SberSettings,
  sberSignedString,
  verifySberChecksum,
} from '../../src/infra/payments/sber.js';
import { createTestDb } from '../support/db.js';
import { coreDeps, fixedClock } from '../support/factories.js';
import { type FakeSber, signSberCallback, startFakeSber } from '../support/fakes/sber-server.js';
import { expectBooksBalance } from '../support/ledger.js';
import { paymentDeps, pendingOrder } from '../support/payments.js';

// The official examples of /work/shared/fixtures/sber.json (BPC's callback page), copied as values.
const SYMMETRIC = {
  key: 'ooc7slpvc61k7sf7ma7p4hrefr',
  params: {
    checksum: 'EAF2FB72CAB99FD5067F4BA493DD84F4D79C1589FDE8ED29622F0F07215AA972',
    mdOrder: '06cf5599-3f17-7c86-bdbc-bd7d00a8b38b',
    operation: 'approved',
    orderNumber: '2003',
    status: '1',
  },
  signedString: 'mdOrder;06cf5599-3f17-7c86-bdbc-bd7d00a8b38b;operation;approved;orderNumber;2003;status;1;',
};
const ASYMMETRIC = {
  params: {
    amount: '35000099',
    sign_alias: 'SHA-256 with RSA',
    mdOrder: '12b59da8-f68f-7c8d-12b5-9da8000826ea',
    operation: 'deposited',
    status: '1',
    checksum:
      '9524FD765FB1BABFB1F42E4BC6EF5A4B07BAA3F9C809098ACBB462618A9327539F975FEDB4CF6EC1556FF88BA74774342AF4F5B51BA63903BE9647C670EBD962467282955BD1D57B16935C956864526810870CD32967845EBABE1C6565C03F94FF66907CEDB54669A1C74AC1AD6E39B67FA7EF6D305A007A474F03B80FD6C965656BEAA74E09BB1189F4B32E622C903DC52843C454B7ACF76D6F76324C27767DE2FF6E7217716C19C530CA7551DB58268CC815638C30F3BCA3270E1FD44F63C14974B108E65C20638ECE2F2D752F32742FFC5077415102706FA5235D310D4948A780B08D1B75C8983F22F211DFCBF14435F262ADDA6A97BFEB6D332C3D51010B',
  },
  signedString: 'amount;35000099;mdOrder;12b59da8-f68f-7c8d-12b5-9da8000826ea;operation;deposited;status;1;',
  publicKey:
    '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAwtuGKbQ4WmfdV1gjWWys\n5jyHKTWXnxX3zVa5/Cx5aKwJpOsjrXnHh6l8bOPQ6Sgj3iSeKJ9plZ3i7rPjkfmw\nqUOJ1eLU5NvGkVjOgyi11aUKgEKwS5Iq5HZvXmPLzu+U22EUCTQwjBqnE/Wf0hnI\nwYABDgc0fJeJJAHYHMBcJXTuxF8DmDf4DpbLrQ2bpGaCPKcX+04POS4zVLVCHF6N\n6gYtM7U2QXYcTMTGsAvmIqSj1vddGwvNGeeUVoPbo6enMBbvZgjN5p6j3ItTziMb\nVba3m/u7bU1dOG2/79UpGAGR10qEFHiOqS6WpO7CuIR2tL9EznXRc7D9JZKwGfoY\n/QIDAQAB\n-----END PUBLIC KEY-----\n',
};
const DOC_CALLBACK_URL =
  'https://mybestmerchantreturnurl.com/callback/?mdOrder=1234567890-098776-234-522&orderNumber=0987&checksum=DBBE9E54D42072D8CAF32C7F660DEB82086A25C14FD813888E231A99E1220AB3&operation=deposited&status=1';

const KEY = 'market-callback-key-7f3a91';
/** 1000 tokens at 0.0125 USD = 12.50 USD, at 90 RUB per USD: 1125.00 RUB. */
const KOPECKS = 112_500;

let db: Database;
let sber: FakeSber;

beforeAll(async () => {
  db = await createTestDb();
  sber = await startFakeSber({ callbackKey: KEY });
});
afterAll(async () => {
  await sber.close();
  await db.close();
});
afterEach(async () => {
  sber.outage = undefined;
  await expectBooksBalance(db.prisma);
});

function setup(options: { signed?: boolean; settings?: Partial<SberSettings> } = {}) {
  const clock = fixedClock();
  const core = coreDeps(db.prisma, { clock });
  const gateway = createSberGateway({
    username: sber.username,
    password: sber.password,
    apiUrl: sber.url,
    returnUrl: 'https://t.me/market_bot',
    ...(options.signed === false ? {} : { callbackKey: KEY }),
    ...options.settings,
  });
  const deps = paymentDeps(core, [gateway]);
  const app = createApp({ core, logger: silentLogger, payments: { payments: deps } });
  const post = (body: string) =>
    app.request('/webhooks/sber', { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  return { clock, core, gateway, deps, app, post };
}
type Env = ReturnType<typeof setup>;

/** A buyer's pending order with an open Sber payment, registered at the fake gateway. */
async function paying(env: Env) {
  const { buyer, order } = await pendingOrder(db.prisma, env.core);
  const created = await createPayment(env.deps, { buyerId: buyer.id, orderId: order.orderId, provider: 'sber' });
  if (!created.ok) throw new Error(created.code);
  const payment = await db.prisma.payment.findUniqueOrThrow({ where: { id: created.value.paymentId } });
  const gatewayOrder = sber.orders.get(payment.providerRef!)!;
  return { buyer, order, payment, created: created.value, mdOrder: gatewayOrder.orderId, gatewayOrder };
}

const paymentOf = (id: number) => db.prisma.payment.findUniqueOrThrow({ where: { id } });
const orderOf = (id: number) => db.prisma.tokenOrder.findUniqueOrThrow({ where: { id } });
const purchases = (orderId: number) => db.prisma.ledgerEntry.count({ where: { kind: 'PURCHASE', source: `token_order:${orderId}` } });

/** Everything a webhook could change. */
async function snapshot() {
  const [payments, orders, ledger, balances, events] = await Promise.all([
    db.prisma.payment.findMany({ orderBy: { id: 'asc' } }),
    db.prisma.tokenOrder.findMany({ orderBy: { id: 'asc' } }),
    db.prisma.ledgerEntry.findMany({ orderBy: { id: 'asc' } }),
    db.prisma.balance.findMany({ orderBy: [{ userId: 'asc' }, { asset: 'asc' }] }),
    db.prisma.paymentEvent.findMany({ orderBy: { id: 'asc' } }),
  ]);
  return { payments, orders, ledger, balances, events };
}

const statusRequests = () => sber.requests.filter((r) => r.path.endsWith('/getOrderStatusExtended.do')).length;

describe('the official examples', () => {
  test('the symmetric checksum example verifies with its key, and the fake gateway signs it identically', () => {
    expect(sberSignedString(SYMMETRIC.params)).toBe(SYMMETRIC.signedString);
    expect(verifySberChecksum(SYMMETRIC.params, { key: SYMMETRIC.key })).toBe(true);
    expect(signSberCallback(SYMMETRIC.params, SYMMETRIC.key)).toBe(SYMMETRIC.params.checksum);
    // Lower-case hex is the same checksum; a changed value, another key, or no checksum is not.
    expect(verifySberChecksum({ ...SYMMETRIC.params, checksum: SYMMETRIC.params.checksum.toLowerCase() }, { key: SYMMETRIC.key })).toBe(true);
    expect(verifySberChecksum({ ...SYMMETRIC.params, status: '0' }, { key: SYMMETRIC.key })).toBe(false);
    expect(verifySberChecksum({ ...SYMMETRIC.params, amount: '1' }, { key: SYMMETRIC.key })).toBe(false);
    expect(verifySberChecksum(SYMMETRIC.params, { key: `${SYMMETRIC.key}x` })).toBe(false);
    const { checksum: _, ...unsigned } = SYMMETRIC.params;
    expect(verifySberChecksum(unsigned, { key: SYMMETRIC.key })).toBe(false);
  });

  test('the asymmetric example (RSA, SHA-512) verifies with the gateway public key; sign_alias is not signed', () => {
    expect(sberSignedString(ASYMMETRIC.params)).toBe(ASYMMETRIC.signedString);
    expect(verifySberChecksum(ASYMMETRIC.params, { publicKey: ASYMMETRIC.publicKey })).toBe(true);
    expect(verifySberChecksum({ ...ASYMMETRIC.params, amount: '35000100' }, { publicKey: ASYMMETRIC.publicKey })).toBe(false);
    expect(verifySberChecksum({ ...ASYMMETRIC.params, checksum: 'ABCD' }, { publicKey: ASYMMETRIC.publicKey })).toBe(false);
  });

  test('the documented callback URL parses as a callback (its key is not published, so it cannot verify)', () => {
    const params = parseSberCallback(new URL(DOC_CALLBACK_URL).search);
    expect(params).toEqual({
      mdOrder: '1234567890-098776-234-522',
      orderNumber: '0987',
      checksum: 'DBBE9E54D42072D8CAF32C7F660DEB82086A25C14FD813888E231A99E1220AB3',
      operation: 'deposited',
      status: '1',
    });
    expect(verifySberChecksum(params!, { key: KEY })).toBe(false);
  });

  test('the symmetric example gets through the webhook of a gateway holding its key; an order we never made is recorded UNKNOWN_PAYMENT', async () => {
    const env = setup({ settings: { callbackKey: SYMMETRIC.key } });
    sber.addOrder({ orderId: SYMMETRIC.params.mdOrder, orderNumber: '2003', amount: 1000, orderStatus: 1, approvedAmount: 1000 });
    const res = await env.post(new URLSearchParams(SYMMETRIC.params).toString());
    expect(res.status).toBe(404);
    const event = await db.prisma.paymentEvent.findUniqueOrThrow({ where: { provider_eventId: { provider: 'sber', eventId: `${SYMMETRIC.params.mdOrder}:approved:1:1` } } });
    expect(event).toMatchObject({ outcome: 'UNKNOWN_PAYMENT', paymentId: null, kind: 'approved:1' });
  });

  test('the asymmetric example gets through the webhook of a gateway holding the public key', async () => {
    const env = setup({ signed: false, settings: { callbackPublicKey: ASYMMETRIC.publicKey } });
    sber.addOrder({ orderId: ASYMMETRIC.params.mdOrder, orderNumber: 'another-shop-10747', amount: 35_000_099 });
    sber.pay(ASYMMETRIC.params.mdOrder);
    expect((await env.post(new URLSearchParams(ASYMMETRIC.params).toString())).status).toBe(404);
    const tampered = new URLSearchParams({ ...ASYMMETRIC.params, amount: '1' }).toString();
    expect((await env.post(tampered)).status).toBe(403);
  });
});

describe('creating a checkout', () => {
  test('register.do gets the amount in kopecks, currency 643, our publicId as orderNumber and the reservation end in Moscow time', async () => {
    const env = setup();
    const { order, payment, created, mdOrder } = await paying(env);
    const register = sber.requests.filter((r) => r.path === '/payment/rest/register.do').at(-1)!;
    expect(register.method).toBe('POST');
    expect(register.contentType).toBe('application/x-www-form-urlencoded');
    expect(register.params).toEqual({
      userName: sber.username,
      password: sber.password,
      orderNumber: payment.publicId.replaceAll('-', ''),
      amount: String(KOPECKS),
      currency: '643',
      returnUrl: 'https://t.me/market_bot',
      description: `Order #${order.orderId}: 1000 tokens (Round 1)`,
      // The reservation ends 30 minutes after 12:00 UTC: 15:30 in Moscow.
      expirationDate: '2026-01-15T15:30:00',
    });
    expect(created).toMatchObject({ amountMinor: BigInt(KOPECKS), currency: 'RUB' });
    expect(created.checkout).toEqual({ kind: 'redirect', payUrl: `${new URL(sber.url).origin}/payment/merchants/test/payment_ru.html?mdOrder=${mdOrder}`, providerRef: mdOrder });
    expect(payment).toMatchObject({ status: 'PENDING', providerRef: mdOrder, amountMinor: BigInt(KOPECKS), currency: 'RUB' });
  });

  test('publicIds go to the gateway as 32-character orderNumbers and come back whole', () => {
    const publicId = '0f8fad5b-d9cb-469f-a165-70867728950e';
    expect(orderNumberOf(publicId)).toBe('0f8fad5bd9cb469fa16570867728950e');
    expect(publicIdOf(orderNumberOf(publicId))).toBe(publicId);
    expect(publicIdOf('2003')).toBe('2003');
    expect(() => orderNumberOf('x'.repeat(33))).toThrow(/32/);
  });

  test('the gateway refuses a second registration of the same orderNumber: never a second order', async () => {
    const env = setup();
    const { payment } = await paying(env);
    const again = env.gateway.createCheckout({ publicId: payment.publicId, amountMinor: BigInt(KOPECKS), currency: 'RUB', description: 'again', expiresAt: new Date('2026-01-15T12:30:00Z') });
    await expect(again).rejects.toMatchObject({ name: 'SberGatewayError', errorCode: '1' });
    expect([...sber.orders.values()].filter((o) => o.orderNumber === orderNumberOf(payment.publicId))).toHaveLength(1);
  });

  test('wrong API credentials: the checkout fails, createPayment says PROVIDER_FAILED and the payment is closed (FAILED) so the next try gets a new reference', async () => {
    const env = setup({ settings: { password: 'wrong' } });
    const { buyer, order } = await pendingOrder(db.prisma, env.core);
    const result = await createPayment(env.deps, { buyerId: buyer.id, orderId: order.orderId, provider: 'sber' });
    expect(result).toMatchObject({ ok: false, code: 'PROVIDER_FAILED' });
    const payment = await db.prisma.payment.findFirstOrThrow({ where: { tokenOrderId: order.orderId } });
    expect(payment).toMatchObject({ status: 'FAILED', providerRef: null, payUrl: null });
  });

  test('only RUB is taken', async () => {
    const env = setup();
    expect(env.gateway.currencies).toEqual(['RUB']);
    await expect(env.gateway.createCheckout({ publicId: 'p1', amountMinor: 100n, currency: 'USD', description: 'x', expiresAt: new Date() })).rejects.toThrow(/RUB/);
  });
});

describe.each([
  ['with a callback key (checksum checked, then the status asked)', true],
  ['without a key (the status look-up is the only check)', false],
])('paying end to end, %s', (_name, signed) => {
  test('createPayment → the payer pays → callback → the order is PAID and booked once', async () => {
    const env = setup({ signed });
    const { order, payment, mdOrder } = await paying(env);
    sber.pay(mdOrder);
    const asked = statusRequests();
    const res = await env.post(sber.callback(mdOrder, 'deposited', 1, signed ? {} : { key: null }));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('OK');
    expect(statusRequests()).toBe(asked + 1);
    expect(await paymentOf(payment.id)).toMatchObject({ status: 'SUCCEEDED', providerRef: mdOrder });
    expect(await orderOf(order.orderId)).toMatchObject({ status: 'PAID' });
    expect(await purchases(order.orderId)).toBe(1);
  });

  test('the same callback delivered 20 times in parallel credits once', async () => {
    const env = setup({ signed });
    const { order, payment, mdOrder } = await paying(env);
    sber.pay(mdOrder);
    const body = sber.callback(mdOrder, 'deposited', 1, signed ? {} : { key: null });
    const answers = await Promise.all(Array.from({ length: 20 }, () => env.post(body)));
    expect(answers.map((r) => r.status)).toEqual(Array(20).fill(200));
    const events = await db.prisma.paymentEvent.findMany({ where: { paymentId: payment.id } });
    expect(events.map((e) => e.outcome)).toEqual(['APPLIED']);
    expect(await orderOf(order.orderId)).toMatchObject({ status: 'PAID' });
    expect(await purchases(order.orderId)).toBe(1);
  });
});

describe('checksums (SBER_CALLBACK_KEY set)', () => {
  test('a checksum made with another key: 403, nothing changes (not even an event) and the gateway is not asked', async () => {
    const env = setup();
    const { mdOrder } = await paying(env);
    sber.pay(mdOrder);
    const before = await snapshot();
    const asked = statusRequests();
    const res = await env.post(sber.callback(mdOrder, 'deposited', 1, { key: 'a-forger-key' }));
    expect(res.status).toBe(403);
    expect(await snapshot()).toEqual(before);
    expect(statusRequests()).toBe(asked);
  });

  test.each([
    ['operation changed', (p: Record<string, string>) => {
      p.operation = 'refunded';
    }],
    ['orderNumber changed', (p: Record<string, string>) => {
      p.orderNumber = '0'.repeat(32);
    }],
    ['a parameter added', (p: Record<string, string>) => {
      p.amount = '1';
    }],
    ['checksum removed', (p: Record<string, string>) => {
      delete p.checksum;
    }],
    ['checksum truncated', (p: Record<string, string>) => {
      p.checksum = p.checksum!.slice(0, 40);
    }],
  ])('a tampered callback (%s): 403 and nothing changes', async (_name, tamper) => {
    const env = setup();
    const { mdOrder } = await paying(env);
    sber.pay(mdOrder);
    const before = await snapshot();
    const res = await env.post(sber.callback(mdOrder, 'deposited', 1, { tamper }));
    expect(res.status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  test('the checksum covers the extra parameters the bank may send (amount, a date with spaces)', async () => {
    const env = setup();
    const { order, mdOrder } = await paying(env);
    sber.pay(mdOrder);
    const extra = { amount: String(KOPECKS), callbackCreationDate: 'Thu Jan 15 12:05:00 UTC 2026', sign_alias: 'market' };
    const res = await env.post(sber.callback(mdOrder, 'deposited', 1, { extra }));
    expect(res.status).toBe(200);
    expect(await orderOf(order.orderId)).toMatchObject({ status: 'PAID' });
  });

  test('an authentic callback replayed days later is a duplicate: 200 and nothing changes', async () => {
    const env = setup();
    const { order, mdOrder } = await paying(env);
    sber.pay(mdOrder);
    const body = sber.callback(mdOrder, 'deposited', 1);
    expect((await env.post(body)).status).toBe(200);
    const before = await snapshot();
    env.clock.advance(3 * 24 * 3_600_000);
    expect((await env.post(body)).status).toBe(200);
    expect(await snapshot()).toEqual(before);
    expect(await purchases(order.orderId)).toBe(1);
  });
});

describe('unsigned callbacks (no key): the gateway is asked', () => {
  test('a forged callback for an order the gateway does not know: 403 and nothing changes', async () => {
    const env = setup({ signed: false });
    const { payment } = await paying(env);
    const before = await snapshot();
    const forged = new URLSearchParams({ mdOrder: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee', orderNumber: orderNumberOf(payment.publicId), operation: 'deposited', status: '1' });
    expect((await env.post(forged.toString())).status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  test("a forged callback pairing someone's paid gateway order with our unpaid one: 403, nothing credited", async () => {
    const env = setup({ signed: false });
    const paid = await paying(env);
    const unpaid = await paying(env);
    sber.pay(paid.mdOrder);
    const before = await snapshot();
    const tamper = (p: Record<string, string>) => {
      p.orderNumber = orderNumberOf(unpaid.payment.publicId);
    };
    const forged = sber.callback(paid.mdOrder, 'deposited', 1, { key: null, tamper });
    expect((await env.post(forged)).status).toBe(403);
    expect(await snapshot()).toEqual(before);
    expect(await orderOf(unpaid.order.orderId)).toMatchObject({ status: 'PENDING' });
  });

  test('a "deposited" callback for an order still unpaid at the gateway changes nothing; the real one later is applied', async () => {
    const env = setup({ signed: false });
    const { order, payment, mdOrder } = await paying(env);
    const body = sber.callback(mdOrder, 'deposited', 1, { key: null });
    expect((await env.post(body)).status).toBe(200);
    expect(await paymentOf(payment.id)).toMatchObject({ status: 'PENDING' });
    expect(await orderOf(order.orderId)).toMatchObject({ status: 'PENDING' });
    // The same words, now true at the gateway: a new observation, so applied.
    sber.pay(mdOrder);
    expect((await env.post(body)).status).toBe(200);
    expect(await orderOf(order.orderId)).toMatchObject({ status: 'PAID' });
  });
});

describe('amount and currency', () => {
  test('paid one kopeck less: the payment is ON_HOLD and the order not paid', async () => {
    const env = setup();
    const { order, payment, mdOrder } = await paying(env);
    sber.pay(mdOrder, { amount: KOPECKS - 1 });
    expect((await env.post(sber.callback(mdOrder, 'deposited', 1))).status).toBe(200);
    expect(await paymentOf(payment.id)).toMatchObject({ status: 'ON_HOLD', holdReason: `paid ${KOPECKS - 1} RUB, expected ${KOPECKS} RUB` });
    expect(await orderOf(order.orderId)).toMatchObject({ status: 'PENDING' });
    expect(await purchases(order.orderId)).toBe(0);
  });

  test('paid in another currency: the payment is ON_HOLD and the order not paid', async () => {
    const env = setup();
    const { order, payment, mdOrder } = await paying(env);
    sber.pay(mdOrder, { currency: '840' });
    expect((await env.post(sber.callback(mdOrder, 'deposited', 1))).status).toBe(200);
    expect(await paymentOf(payment.id)).toMatchObject({ status: 'ON_HOLD', holdReason: `paid ${KOPECKS} USD, expected ${KOPECKS} RUB` });
    expect(await orderOf(order.orderId)).toMatchObject({ status: 'PENDING' });
    expect(await purchases(order.orderId)).toBe(0);
  });
});

describe('callbacks out of order', () => {
  test('a failed attempt or an "approved" delivered after the payment succeeded is ignored', async () => {
    const env = setup();
    const { order, payment, mdOrder } = await paying(env);
    sber.pay(mdOrder);
    expect((await env.post(sber.callback(mdOrder, 'deposited', 1))).status).toBe(200);
    expect((await env.post(sber.callback(mdOrder, 'deposited', 0))).status).toBe(200);
    expect((await env.post(sber.callback(mdOrder, 'approved', 1))).status).toBe(200);
    expect(await paymentOf(payment.id)).toMatchObject({ status: 'SUCCEEDED' });
    const events = await db.prisma.paymentEvent.findMany({ where: { paymentId: payment.id }, orderBy: { id: 'asc' } });
    expect(events.map((e) => [e.kind, e.outcome])).toEqual([
      ['deposited:1', 'APPLIED'],
      ['deposited:0', 'IGNORED'],
      ['approved:1', 'IGNORED'],
    ]);
    expect(await purchases(order.orderId)).toBe(1);
  });

  test('a payment that ran out of time expires (the reservation goes back); money still arriving after that is taken once', async () => {
    const env = setup();
    const { order, payment, mdOrder } = await paying(env);
    sber.expire(mdOrder);
    expect((await env.post(sber.callback(mdOrder, 'declinedByTimeout', 1))).status).toBe(200);
    expect(await paymentOf(payment.id)).toMatchObject({ status: 'EXPIRED' });
    expect(await orderOf(order.orderId)).toMatchObject({ status: 'EXPIRED' });
    // The gateway refuses to take money after expirationDate; if it ever did, the core's
    // late-payment rule decides (the round still has the tokens here, so they are sold).
    sber.pay(mdOrder);
    const body = sber.callback(mdOrder, 'deposited', 1);
    expect((await env.post(body)).status).toBe(200);
    expect((await env.post(body)).status).toBe(200);
    expect(await paymentOf(payment.id)).toMatchObject({ status: 'SUCCEEDED' });
    expect(await orderOf(order.orderId)).toMatchObject({ status: 'PAID' });
    expect(await purchases(order.orderId)).toBe(1);
  });

  test('a payment the issuer declined fails; the order keeps its reservation for another try', async () => {
    const env = setup();
    const { order, payment, mdOrder } = await paying(env);
    sber.decline(mdOrder);
    expect((await env.post(sber.callback(mdOrder, 'deposited', 0))).status).toBe(200);
    expect(await paymentOf(payment.id)).toMatchObject({ status: 'FAILED' });
    expect(await orderOf(order.orderId)).toMatchObject({ status: 'PENDING' });
  });
});

describe('reconciliation', () => {
  test('a payment whose callback never comes is recovered from getOrderStatusExtended.do; the late callback then changes nothing', async () => {
    const env = setup();
    const { order, payment, mdOrder } = await paying(env);
    sber.pay(mdOrder);
    env.clock.advance(10 * 60_000);
    const results = await reconcilePayments(env.deps, { pendingForMs: 5 * 60_000 });
    expect(results.filter((r) => r.paymentId === payment.id)).toMatchObject([{ outcome: 'APPLIED', status: 'SUCCEEDED', orderStatus: 'PAID' }]);
    expect(await orderOf(order.orderId)).toMatchObject({ status: 'PAID' });
    const before = await snapshot();
    expect((await env.post(sber.callback(mdOrder, 'deposited', 1))).status).toBe(200);
    const after = await snapshot();
    expect({ ...after, events: after.events.length }).toEqual({ ...before, events: before.events.length + 1 });
    expect(await purchases(order.orderId)).toBe(1);
  });

  test('a registration that met an outage is closed at once; the retry registers a new order number; nothing is asked about the closed one', async () => {
    const env = setup();
    const { buyer, order } = await pendingOrder(db.prisma, env.core);
    sber.outage = 503;
    expect(await createPayment(env.deps, { buyerId: buyer.id, orderId: order.orderId, provider: 'sber' })).toMatchObject({ ok: false, code: 'PROVIDER_FAILED' });
    sber.outage = undefined;
    const failed = await db.prisma.payment.findFirstOrThrow({ where: { tokenOrderId: order.orderId } });
    expect(failed.status).toBe('FAILED');
    const retried = await createPayment(env.deps, { buyerId: buyer.id, orderId: order.orderId, provider: 'sber' });
    expect(retried.ok && retried.value.publicId).not.toBe(failed.publicId);
    env.clock.advance(31 * 60_000);
    const results = await reconcilePayments(env.deps, { pendingForMs: 5 * 60_000 });
    expect(results.filter((r) => r.paymentId === failed.id)).toEqual([]);
    expect(sber.requests.filter((r) => r.params.orderNumber === orderNumberOf(failed.publicId)).map((r) => r.path)).toEqual(['/payment/rest/register.do']);
  });

  test('fetchStatus reads the gateway: pending, paid with the amount, unknown as null; an outage throws', async () => {
    const env = setup();
    const { payment, mdOrder } = await paying(env);
    const ref = { publicId: payment.publicId, providerRef: mdOrder };
    expect(await env.gateway.fetchStatus(ref)).toEqual({ ref: { publicId: payment.publicId }, providerRef: mdOrder, state: 'pending' });
    sber.pay(mdOrder);
    expect(await env.gateway.fetchStatus({ publicId: payment.publicId, providerRef: null })).toEqual({
      ref: { publicId: payment.publicId },
      state: 'succeeded',
      amountMinor: BigInt(KOPECKS),
      currency: 'RUB',
    });
    expect(await env.gateway.fetchStatus({ publicId: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', providerRef: null })).toBeNull();
    sber.outage = 502;
    await expect(env.gateway.fetchStatus(ref)).rejects.toBeInstanceOf(SberGatewayError);
  });
});

describe('an unknown payment', () => {
  test('a real gateway order we never made: 404, recorded as UNKNOWN_PAYMENT, nothing else changes', async () => {
    const env = setup();
    const elsewhere = sber.addOrder({ orderNumber: 'other-shop-0042', amount: 5_000 });
    sber.pay(elsewhere.orderId);
    const before = await snapshot();
    const res = await env.post(sber.callback(elsewhere.orderId, 'deposited', 1));
    expect(res.status).toBe(404);
    const after = await snapshot();
    expect({ ...after, events: [] }).toEqual({ ...before, events: [] });
    expect(after.events.slice(before.events.length)).toMatchObject([
      { provider: 'sber', eventId: `${elsewhere.orderId}:deposited:1:2`, paymentId: null, outcome: 'UNKNOWN_PAYMENT' },
    ]);
  });
});

describe('refunds', () => {
  async function paid(env: Env) {
    const p = await paying(env);
    sber.pay(p.mdOrder);
    expect((await env.post(sber.callback(p.mdOrder, 'deposited', 1))).status).toBe(200);
    expect(await orderOf(p.order.orderId)).toMatchObject({ status: 'PAID' });
    return p;
  }

  test("an admin refund goes through refund.do; the order is REFUNDED and the ledger reversed; the bank's callback after it changes nothing", async () => {
    const env = setup();
    const { order, payment, mdOrder } = await paid(env);
    expect(await refundPayment(env.deps, { paymentId: payment.id, isAdmin: true })).toEqual({ ok: true, value: { paymentId: payment.id, orderId: order.orderId, market: false } });
    expect(sber.requests.filter((r) => r.path.endsWith('/refund.do')).at(-1)?.params).toMatchObject({ orderId: mdOrder, amount: String(KOPECKS) });
    expect(sber.orders.get(mdOrder)).toMatchObject({ orderStatus: 4, refundedAmount: KOPECKS });
    expect(await paymentOf(payment.id)).toMatchObject({ status: 'REFUNDED' });
    expect(await orderOf(order.orderId)).toMatchObject({ status: 'REFUNDED' });
    expect(await db.prisma.ledgerEntry.count({ where: { kind: 'REFUND', source: `PURCHASE:token_order:${order.orderId}` } })).toBe(1);
    await expectBooksBalance(db.prisma);

    const before = await snapshot();
    expect((await env.post(sber.callback(mdOrder, 'refunded', 1))).status).toBe(200);
    const after = await snapshot();
    expect({ ...after, events: after.events.length }).toEqual({ ...before, events: before.events.length + 1 });
    expect(after.events.at(-1)).toMatchObject({ outcome: 'IGNORED' });
    expect(await refundPayment(env.deps, { paymentId: payment.id, isAdmin: true })).toMatchObject({ ok: false, code: 'NOT_REFUNDABLE' });
  });

  test("a refund made in the bank's console arrives as a callback: the order is REFUNDED", async () => {
    const env = setup();
    const { order, payment, mdOrder } = await paid(env);
    sber.refund(mdOrder);
    expect((await env.post(sber.callback(mdOrder, 'refunded', 1))).status).toBe(200);
    expect(await paymentOf(payment.id)).toMatchObject({ status: 'REFUNDED' });
    expect(await orderOf(order.orderId)).toMatchObject({ status: 'REFUNDED' });
  });

  test("a reversal in the bank's console gives the money back too", async () => {
    const env = setup();
    const { order, mdOrder } = await paid(env);
    sber.reverse(mdOrder);
    expect((await env.post(sber.callback(mdOrder, 'reversed', 1))).status).toBe(200);
    expect(await orderOf(order.orderId)).toMatchObject({ status: 'REFUNDED' });
  });

  test('a partial refund in the console leaves the order paid (an admin settles the rest)', async () => {
    const env = setup();
    const { order, payment, mdOrder } = await paid(env);
    sber.refund(mdOrder, 10_000);
    expect((await env.post(sber.callback(mdOrder, 'refunded', 1))).status).toBe(200);
    expect(await paymentOf(payment.id)).toMatchObject({ status: 'SUCCEEDED' });
    expect(await orderOf(order.orderId)).toMatchObject({ status: 'PAID' });
  });

  test('a refund retried after a lost answer does not ask the gateway to refund twice', async () => {
    const env = setup();
    const { payment, mdOrder } = await paid(env);
    const refunds = () => sber.requests.filter((r) => r.path.endsWith('/refund.do')).length;
    const before = refunds();
    const target = { publicId: payment.publicId, providerRef: mdOrder, amountMinor: BigInt(KOPECKS), currency: 'RUB' };
    await env.gateway.refund!(target);
    await env.gateway.refund!(target);
    expect(refunds()).toBe(before + 1);
    expect(sber.orders.get(mdOrder)).toMatchObject({ refundedAmount: KOPECKS });
  });
});

describe('bodies, routes and outages', () => {
  test.each([
    ['an empty body', ''],
    ['plain text', 'hello'],
    ['JSON', '{"mdOrder":"06cf5599-3f17-7c86-bdbc-bd7d00a8b38b","operation":"deposited","status":"1"}'],
    ['a parameter twice', 'mdOrder=a-1&mdOrder=b-2&operation=deposited&status=1'],
    ['no mdOrder', 'orderNumber=1&operation=deposited&status=1'],
    ['a bad mdOrder', 'mdOrder=%3Cscript%3E&operation=deposited&status=1'],
    ['an unknown status', 'mdOrder=a-1&operation=deposited&status=2'],
  ])('%s is 400 and changes nothing', async (_name, body) => {
    const env = setup({ signed: false });
    const before = await snapshot();
    const res = await env.post(body);
    expect(res.status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });

  test('a GET callback passed on as its query string (with the "?") is read the same', async () => {
    const env = setup();
    const { order, mdOrder } = await paying(env);
    sber.pay(mdOrder);
    expect((await env.post(`?${sber.callback(mdOrder, 'deposited', 1)}`)).status).toBe(200);
    expect(await orderOf(order.orderId)).toMatchObject({ status: 'PAID' });
  });

  test('the gateway unreachable while a callback is checked: 500 and nothing recorded; the repeat 30 s later is applied', async () => {
    const env = setup();
    const { order, mdOrder } = await paying(env);
    sber.pay(mdOrder);
    const body = sber.callback(mdOrder, 'deposited', 1);
    const before = await snapshot();
    sber.outage = 503;
    expect((await env.post(body)).status).toBe(500);
    expect(await snapshot()).toEqual(before);
    sber.outage = undefined;
    expect((await env.post(body)).status).toBe(200);
    expect(await orderOf(order.orderId)).toMatchObject({ status: 'PAID' });
  });

  test('callbacks about stored cards are acknowledged and change nothing', async () => {
    const env = setup();
    const { mdOrder } = await paying(env);
    const before = await snapshot();
    const res = await env.post(sber.callback(mdOrder, 'bindingCreated', 1, { extra: { bindingId: 'b-1' } }));
    expect(res.status).toBe(200);
    expect(await snapshot()).toEqual(before);
  });
});
