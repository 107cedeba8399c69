import { afterAll, beforeAll, expect, test } from 'vitest';
import { applyPaymentUpdate } from '../../src/core/payments/apply-payment-update.js';
import { createPayment } from '../../src/core/payments/create-payment.js';
import { reconcilePayments } from '../../src/core/payments/reconcile-payments.js';
import { expireReservations } from '../../src/core/tokens/release-reservations.js';
import { type Database, openDatabase } from '../../src/infra/database.js';
import { FakeGateway } from '../support/fake-gateway.js';
import { coreDeps, fixedClock } from '../support/factories.js';
import { expectBooksBalance } from '../support/ledger.js';
import { paymentDeps, pendingOrder } from '../support/payments.js';
import { createPgTestDb, type PgTestDb } from '../support/postgres.js';

// Real concurrent connections: two "processes" (Prisma clients with pools of their own).
let a: PgTestDb;
let b: Database | undefined;
let second: PgTestDb['prisma'];
const clock = fixedClock();

beforeAll(async () => {
  a = await createPgTestDb(30);
  b = await openDatabase({ url: a.url, dataDir: 'unused', poolSize: 30 });
  second = b.prisma;
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

async function openPayment(gateway: FakeGateway) {
  const core = coreDeps(a.prisma, { clock });
  const deps = paymentDeps(core, [gateway]);
  const setup = await pendingOrder(a.prisma, core);
  const created = await createPayment(deps, { buyerId: setup.buyer.id, orderId: setup.order.orderId, provider: gateway.id });
  if (!created.ok) throw new Error(created.code);
  return { ...setup, payment: created.value };
}

const succeeded = (publicId: string, eventId: string) => ({
  eventId,
  kind: 'test',
  ref: { publicId },
  state: 'succeeded' as const,
  amountMinor: 112_500n,
  currency: 'RUB',
});

test('the same notification delivered 20 times at once, over both processes, credits once', async () => {
  const { payment, order } = await openPayment(new FakeGateway());
  const deliveries = Array.from({ length: 20 }, (_, i) =>
    applyPaymentUpdate(coreDeps(i % 2 ? second : a.prisma, { clock }), 'yookassa', succeeded(payment.publicId, 'same-event'), '{}'),
  );
  const outcomes = (await Promise.all(deliveries)).map((r) => r.outcome).sort();
  expect(outcomes).toEqual(['APPLIED', ...Array(19).fill('DUPLICATE')]);
  expect((await a.prisma.tokenOrder.findUniqueOrThrow({ where: { id: order.orderId } })).status).toBe('PAID');
  expect(await a.prisma.ledgerEntry.count({ where: { kind: 'PURCHASE', source: `token_order:${order.orderId}` } })).toBe(1);
  expect(await a.prisma.paymentEvent.count({ where: { paymentId: payment.paymentId } })).toBe(1);
  await expectBooksBalance(a.prisma);
});

test('20 different events all saying "paid" at once: one applies, the rest are recorded and ignored', async () => {
  const { payment, order } = await openPayment(new FakeGateway());
  const results = await Promise.all(
    Array.from({ length: 20 }, (_, i) => applyPaymentUpdate(coreDeps(i % 2 ? second : a.prisma, { clock }), 'yookassa', succeeded(payment.publicId, `evt-${i}`), '{}')),
  );
  expect(results.filter((r) => r.outcome === 'APPLIED')).toHaveLength(1);
  expect(results.filter((r) => r.outcome === 'IGNORED')).toHaveLength(19);
  expect(await a.prisma.referralReward.count({ where: { orderId: order.orderId } })).toBe(1);
  await expectBooksBalance(a.prisma);
});

test('two reconcilers at once ask about each payment once and apply each once', async () => {
  const gateway = new FakeGateway();
  const opened: Awaited<ReturnType<typeof openPayment>>[] = [];
  for (let i = 0; i < 12; i++) opened.push(await openPayment(gateway));
  for (const { payment } of opened) {
    gateway.statuses.set(payment.publicId, { ref: { publicId: payment.publicId }, state: 'succeeded', amountMinor: 112_500n, currency: 'RUB' });
  }
  clock.advance(11 * 60_000);
  const sweep = (prisma: PgTestDb['prisma']) => reconcilePayments(paymentDeps(coreDeps(prisma, { clock }), [gateway]), { pendingForMs: 600_000, batch: 5 });
  const results = (await Promise.all([sweep(a.prisma), sweep(second), sweep(a.prisma), sweep(second)])).flat();
  const asked = gateway.statusRequests.filter((id) => opened.some((o) => o.payment.publicId === id));
  expect(new Set(asked).size).toBe(asked.length); // nobody asked twice
  expect(results.filter((r) => r.outcome === 'APPLIED').length).toBe(asked.length);
  // Whatever the first sweeps left, later sweeps pick up: in the end every payment is paid, once.
  clock.advance(11 * 60_000);
  await Promise.all([sweep(a.prisma), sweep(second), sweep(a.prisma)]);
  clock.advance(11 * 60_000);
  await Promise.all([sweep(a.prisma), sweep(second), sweep(a.prisma)]);
  for (const { order } of opened) expect((await a.prisma.tokenOrder.findUniqueOrThrow({ where: { id: order.orderId } })).status).toBe('PAID');
  await expectBooksBalance(a.prisma);
});

test('a payment racing the reservation sweep ends paid or refund-required, never both, never lost', async () => {
  const gateway = new FakeGateway();
  const opened: Awaited<ReturnType<typeof openPayment>>[] = [];
  for (let i = 0; i < 10; i++) opened.push(await openPayment(gateway));
  clock.advance(31 * 60_000); // every reservation is due
  await Promise.all([
    expireReservations(coreDeps(second, { clock })),
    ...opened.map(({ payment }, i) => applyPaymentUpdate(coreDeps(i % 2 ? second : a.prisma, { clock }), 'yookassa', succeeded(payment.publicId, `race-${i}`), '{}')),
    expireReservations(coreDeps(a.prisma, { clock })),
  ]);
  for (const { order } of opened) {
    const row = await a.prisma.tokenOrder.findUniqueOrThrow({ where: { id: order.orderId } });
    expect(['PAID', 'REFUND_REQUIRED']).toContain(row.status);
  }
  await expectBooksBalance(a.prisma);
});
