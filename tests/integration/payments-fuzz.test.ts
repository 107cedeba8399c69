import { afterAll, beforeAll, expect, test } from 'vitest';
import { createApp } from '../../src/api/app.js';
import type { PaymentGateway } from '../../src/core/payments/gateway.js';
import type { Database } from '../../src/infra/database.js';
import { silentLogger } from '../../src/infra/logger.js';
import { createQiwiGateway } from '../../src/infra/payments/qiwi.js';
import { createSberGateway } from '../../src/infra/payments/sber.js';
import { createStripeGateway } from '../../src/infra/payments/stripe.js';
import { createYooKassaGateway } from '../../src/infra/payments/yookassa.js';
import { createYooMoneyGateway } from '../../src/infra/payments/yoomoney.js';
import { createTestDb } from '../support/db.js';
import { coreDeps } from '../support/factories.js';
import { type FakeSber, startFakeSber } from '../support/fakes/sber-server.js';
import { type FakeStripe, startFakeStripe } from '../support/fakes/stripe-server.js';
import { type FakeYooKassa, startFakeYooKassa } from '../support/fakes/yookassa-server.js';
import { paymentDeps, pendingOrder } from '../support/payments.js';

// Random bodies and headers at every payment webhook: nothing may answer 5xx, nothing may change.
// The providers that verify by asking their API (YooKassa, Sber) ask fake servers on loopback.
const ROUNDS = 1000;
const RETURN_URL = 'https://t.me/market_test_bot';
let db: Database;
let app: ReturnType<typeof createApp>;
let stripe: FakeStripe;
let yookassa: FakeYooKassa;
let sber: FakeSber;
const publicIds: string[] = [];

beforeAll(async () => {
  db = await createTestDb();
  const core = coreDeps(db.prisma);
  stripe = await startFakeStripe({ secretKey: 'sk_test_fuzz', webhookSecret: 'whsec_fuzz' });
  yookassa = await startFakeYooKassa({ shopId: '100500', secretKey: 'test_fuzz' });
  sber = await startFakeSber({ username: 'fuzz-api', password: 'fuzz', callbackKey: 'fuzz-key' });
  const gateways: PaymentGateway[] = [
    createStripeGateway({ secretKey: 'sk_test_fuzz', webhookSecret: 'whsec_fuzz', apiUrl: stripe.url, returnUrl: RETURN_URL, maxNetworkRetries: 0 }),
    createYooMoneyGateway({ wallet: '4100111222333', notificationSecret: 'ym-fuzz-secret', returnUrl: RETURN_URL }),
    createYooKassaGateway({ shopId: '100500', secretKey: 'test_fuzz', apiUrl: yookassa.apiUrl, returnUrl: RETURN_URL }),
    createSberGateway({ username: 'fuzz-api', password: 'fuzz', callbackKey: 'fuzz-key', apiUrl: sber.url, returnUrl: RETURN_URL }),
    createQiwiGateway({ secretKey: 'qiwi-fuzz', siteId: 'fuzz-site', returnUrl: RETURN_URL, apiUrl: 'http://127.0.0.1:9' }),
  ];
  // Real open payments, so a body that names one of them is a plausible forgery.
  for (const [i, provider] of ['yoomoney', 'qiwi', 'stripe'].entries()) {
    const { order } = await pendingOrder(db.prisma, core);
    const payment = await db.prisma.payment.create({
      data: { publicId: `fuzz-${i}-0000-0000-0000-000000000000`, tokenOrderId: order.orderId, provider, status: 'PENDING', amountMinor: 112_500n, currency: 'RUB', orderAmountMinor: 1250n, orderCurrency: 'USD' },
    });
    publicIds.push(payment.publicId);
  }
  app = createApp({ core, logger: silentLogger, payments: { payments: paymentDeps(core, gateways) } });
}, 120_000);

afterAll(async () => {
  await Promise.all([stripe?.close(), yookassa?.close(), sber?.close()]);
  await db?.close();
});

/** A small deterministic generator, so a failure can be replayed from its seed. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick };
}

function books() {
  return db.prisma.$queryRaw<{ payments: string; events: bigint; orders: string; ledger: bigint }[]>`
    SELECT (SELECT string_agg(id || status::text, ',' ORDER BY id) FROM payments) AS payments,
           (SELECT count(*) FROM payment_events) AS events,
           (SELECT string_agg(id || status::text, ',' ORDER BY id) FROM token_orders) AS orders,
           (SELECT count(*) FROM ledger_entries) AS ledger`;
}

test(`${ROUNDS} random bodies and headers at every webhook: no 5xx, nothing changes`, { timeout: 300_000 }, async () => {
  const before = await books();
  const rnd = random(20261126);
  const routes = ['stripe', 'yoomoney', 'yookassa', 'sber', 'qiwi', 'stars', 'telegram', 'paypal', '..%2F', 'STRIPE'];
  const junk = () => {
    const chars = 'abc{}[]":,=&%\\/\u0000\u00ff\u202e😀 0123456789.-_\n\r\t';
    return Array.from({ length: rnd.int(300) }, () => rnd.pick([...chars])).join('');
  };
  const bodies = [
    () => junk(),
    () => '',
    () => 'x'.repeat(70_000),
    () => JSON.stringify({ id: `evt_${rnd.int(1e6)}`, type: rnd.pick(['checkout.session.completed', 'charge.refunded', 'x']), data: { object: { id: `cs_${rnd.int(100)}`, client_reference_id: rnd.pick(publicIds), amount_total: rnd.int(1e6), currency: 'rub', payment_status: 'paid' } } }),
    () => JSON.stringify({ type: 'notification', event: rnd.pick(['payment.succeeded', 'refund.succeeded', 'payment.canceled']), object: { id: rnd.pick([`${rnd.int(1e9)}`, '../x', '']), status: 'succeeded', amount: { value: '1125.00', currency: 'RUB' }, metadata: { publicId: rnd.pick(publicIds) } } }),
    () => new URLSearchParams({ notification_type: 'card-incoming', operation_id: String(rnd.int(1e9)), amount: '1125.00', withdraw_amount: '1125.00', currency: '643', datetime: '2026-01-15T12:00:00Z', sender: '', codepro: 'false', label: rnd.pick(publicIds), sha1_hash: 'a'.repeat(40) }).toString(),
    () => new URLSearchParams({ mdOrder: `${rnd.int(1e9)}`, orderNumber: rnd.pick(publicIds).replace(/-/g, ''), operation: 'deposited', status: '1', checksum: 'AB'.repeat(32) }).toString(),
    () => JSON.stringify({ bill: { billId: rnd.pick(publicIds), siteId: 'fuzz-site', amount: { value: rnd.pick(['1125.00', '1e3', -1, null]), currency: 'RUB' }, status: { value: 'PAID' } } }),
    () => JSON.stringify(rnd.pick([null, 1, 'x', [], {}, { bill: null }, { object: [] }, { data: { object: null } }])),
  ];
  const headerSets = [
    () => ({}),
    () => ({ 'content-type': rnd.pick(['application/json', 'application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x']) }),
    () => ({ 'stripe-signature': rnd.pick([`t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}`, 't=abc,v1=', 'garbage', `t=1,v1=${'f'.repeat(64)},v0=1`]) }),
    () => ({ 'x-api-signature-sha256': rnd.pick(['', '0'.repeat(64), junk()]) }),
    () => ({ 'x-forwarded-for': rnd.pick(['185.71.76.10', '1.2.3.4', junk()]) }),
  ];
  const failures: string[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const route = rnd.pick(routes);
    const method = rnd.next() < 0.85 ? 'POST' : 'GET';
    const body = rnd.pick(bodies)();
    const headers: Record<string, string> = {};
    const picked: Record<string, string> = { ...rnd.pick(headerSets)(), ...rnd.pick(headerSets)() };
    for (const [k, v] of Object.entries(picked)) {
      // A header value must be a legal HTTP value: what a client could really send.
      headers[k] = v.replace(/[^\t\x20-\x7e]/g, '');
    }
    const path = method === 'GET' ? `/webhooks/${route}?${encodeURIComponent(body.slice(0, 500))}` : `/webhooks/${route}`;
    const res = await app.request(path, { method, headers, ...(method === 'POST' ? { body } : {}) });
    if (res.status >= 500) failures.push(`#${i} ${method} ${route} → ${res.status}: ${body.slice(0, 120)}`);
  }
  expect(failures).toEqual([]);
  expect(await books()).toEqual(before);
});
