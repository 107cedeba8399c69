import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { CoreDeps } from '../../src/core/deps.js';
import { applyPaymentUpdate } from '../../src/core/payments/apply-payment-update.js';
import { createPayment } from '../../src/core/payments/create-payment.js';
import type { PaymentDeps } from '../../src/core/payments/deps.js';
import { reconcilePayments } from '../../src/core/payments/reconcile-payments.js';
import { refundPayment } from '../../src/core/payments/refund-payment.js';
import { canMove } from '../../src/core/payments/transitions.js';
import type { Database } from '../../src/infra/database.js';
import { createTestDb } from '../support/db.js';
import { FakeGateway } from '../support/fake-gateway.js';
import { coreDeps, fixedClock } from '../support/factories.js';
import { expectBooksBalance } from '../support/ledger.js';
import { paymentDeps, pendingOrder } from '../support/payments.js';

let db: Database;
let clock: ReturnType<typeof fixedClock>;
let core: CoreDeps;
let gateway: FakeGateway;
let deps: PaymentDeps;

beforeAll(async () => {
  db = await createTestDb();
});
afterAll(() => db.close());
afterEach(() => expectBooksBalance(db.prisma));

function fresh(gateways = [new FakeGateway()]) {
  clock = fixedClock();
  core = coreDeps(db.prisma, { clock });
  gateway = gateways[0]!;
  deps = paymentDeps(core, gateways);
}

/** A pending order of 1,000 tokens at 0.0125 USD (12.50 USD = 1,125.00 RUB at 90) with an open payment. */
async function openPayment() {
  const setup = await pendingOrder(db.prisma, core);
  const created = await createPayment(deps, { buyerId: setup.buyer.id, orderId: setup.order.orderId, provider: gateway.id });
  if (!created.ok) throw new Error(created.code);
  return { ...setup, payment: created.value };
}

const paid = (publicId: string, eventId: string, amountMinor = 112_500n, currency = 'RUB') => ({
  eventId,
  kind: 'test.succeeded',
  ref: { publicId },
  state: 'succeeded' as const,
  amountMinor,
  currency,
});

const order = (id: number) => db.prisma.tokenOrder.findUniqueOrThrow({ where: { id } });
const payment = (id: number) => db.prisma.payment.findUniqueOrThrow({ where: { id } });

describe('creating a payment', () => {
  test('converts the order to the provider currency at the stored rate, rounded up, and opens the checkout', async () => {
    fresh();
    const { payment: created } = await openPayment();
    expect(created).toMatchObject({ amountMinor: 112_500n, currency: 'RUB', checkout: { kind: 'redirect' } });
    const row = await payment(created.paymentId);
    expect(row).toMatchObject({ status: 'PENDING', orderAmountMinor: 1250n, orderCurrency: 'USD', providerRef: `ref-${row.publicId}` });
    expect(row.rate?.toString()).toBe('90');
    expect(gateway.checkouts[0]).toMatchObject({ publicId: row.publicId, amountMinor: 112_500n, currency: 'RUB' });
  });

  test('asking twice for the same order and provider returns the open payment', async () => {
    fresh();
    const { buyer, order: o, payment: first } = await openPayment();
    const again = await createPayment(deps, { buyerId: buyer.id, orderId: o.orderId, provider: gateway.id });
    expect(again.ok && again.value.paymentId).toBe(first.paymentId);
    expect(gateway.checkouts).toHaveLength(1);
  });

  test('refuses a provider that is off, a stranger’s order, an order no longer pending, and says when the provider fails', async () => {
    fresh();
    const { buyer, referrer, order: o } = await pendingOrder(db.prisma, core);
    expect(await createPayment(deps, { buyerId: buyer.id, orderId: o.orderId, provider: 'stripe' })).toEqual({ ok: false, code: 'PROVIDER_OFF' });
    expect(await createPayment(deps, { buyerId: referrer.id, orderId: o.orderId, provider: gateway.id })).toEqual({ ok: false, code: 'ORDER_NOT_FOUND' });
    gateway.failCheckout = true;
    expect(await createPayment(deps, { buyerId: buyer.id, orderId: o.orderId, provider: gateway.id })).toEqual({ ok: false, code: 'PROVIDER_FAILED' });
    // The failed attempt is closed; the next one gets a reference of its own.
    gateway.failCheckout = false;
    const retried = await createPayment(deps, { buyerId: buyer.id, orderId: o.orderId, provider: gateway.id });
    const attempts = await db.prisma.payment.findMany({ where: { tokenOrderId: o.orderId }, orderBy: { id: 'asc' } });
    expect(attempts.map((a) => a.status)).toEqual(['FAILED', 'PENDING']);
    expect(retried.ok && retried.value.publicId).toBe(attempts[1]?.publicId);
    expect(attempts[0]?.publicId).not.toBe(attempts[1]?.publicId);
    clock.advance(31 * 60_000);
    expect(await createPayment(deps, { buyerId: buyer.id, orderId: o.orderId, provider: gateway.id })).toEqual({ ok: false, code: 'ORDER_NOT_PAYABLE' });
  });

  test('a currency without a rate is refused rather than guessed', async () => {
    fresh([new FakeGateway('qiwi', ['KZT'])]);
    const { buyer, order: o } = await pendingOrder(db.prisma, core);
    expect(await createPayment(deps, { buyerId: buyer.id, orderId: o.orderId, provider: 'qiwi' })).toEqual({ ok: false, code: 'RATE_UNAVAILABLE' });
  });
});

describe('applying what the provider said', () => {
  test('a success with the exact amount pays the order once; the same event again is a duplicate', async () => {
    fresh();
    const { payment: p, order: o } = await openPayment();
    const first = await applyPaymentUpdate(core, gateway.id, paid(p.publicId, 'evt-1'), '{}');
    expect(first).toMatchObject({ outcome: 'APPLIED', status: 'SUCCEEDED', orderStatus: 'PAID', orderId: o.orderId });
    expect(await applyPaymentUpdate(core, gateway.id, paid(p.publicId, 'evt-1'), '{}')).toMatchObject({ outcome: 'DUPLICATE' });
    // Another event id saying the same thing is an illegal move now: recorded and ignored.
    expect(await applyPaymentUpdate(core, gateway.id, paid(p.publicId, 'evt-2'), '{}')).toMatchObject({ outcome: 'IGNORED' });
    expect((await order(o.orderId)).status).toBe('PAID');
    expect(await db.prisma.ledgerEntry.count({ where: { source: `token_order:${o.orderId}` } })).toBe(1);
    expect(await db.prisma.paymentEvent.findMany({ where: { paymentId: p.paymentId }, orderBy: { id: 'asc' } })).toMatchObject([
      { eventId: 'evt-1', outcome: 'APPLIED' },
      { eventId: 'evt-2', outcome: 'IGNORED' },
    ]);
  });

  test.each([
    ['one kopeck short', 112_499n, 'RUB'],
    ['one kopeck over', 112_501n, 'RUB'],
    ['the right number in the wrong currency', 112_500n, 'USD'],
  ])('%s puts the payment on hold and credits nothing', async (_, amount, currency) => {
    fresh();
    const { payment: p, order: o } = await openPayment();
    const held = await applyPaymentUpdate(core, gateway.id, paid(p.publicId, `hold-${amount}-${currency}`, amount, currency), '{}');
    expect(held).toMatchObject({ outcome: 'ON_HOLD', status: 'ON_HOLD' });
    expect(held.holdReason).toContain('expected 112500 RUB');
    expect((await order(o.orderId)).status).toBe('PENDING');
    expect(await db.prisma.ledgerEntry.count({ where: { source: `token_order:${o.orderId}` } })).toBe(0);
  });

  test('events out of order: a late "pending" after success is ignored; money after expiry is still sold', async () => {
    fresh();
    const { payment: p } = await openPayment();
    await applyPaymentUpdate(core, gateway.id, paid(p.publicId, 'ok'), '{}');
    const late = { eventId: 'late', kind: 'x', ref: { publicId: p.publicId }, state: 'pending' as const };
    expect(await applyPaymentUpdate(core, gateway.id, late, '{}')).toMatchObject({ outcome: 'IGNORED', status: 'SUCCEEDED' });

    const { payment: q, order: o2 } = await openPayment();
    const expired = { eventId: 'exp', kind: 'x', ref: { publicId: q.publicId }, state: 'expired' as const };
    expect(await applyPaymentUpdate(core, gateway.id, expired, '{}')).toMatchObject({ outcome: 'APPLIED', status: 'EXPIRED' });
    // Its order had no other open payment: the reservation went back on sale.
    expect((await order(o2.orderId)).status).toBe('EXPIRED');
    // The payer finished after all: the money is taken, the order sold from what is left.
    expect(await applyPaymentUpdate(core, gateway.id, paid(q.publicId, 'after-exp'), '{}')).toMatchObject({ outcome: 'APPLIED', orderStatus: 'PAID' });
    expect(await applyPaymentUpdate(core, gateway.id, { ...late, eventId: 'late-2' }, '{}')).toMatchObject({ outcome: 'IGNORED' });
  });

  test('an unknown payment is recorded as such and changes nothing else', async () => {
    fresh();
    const result = await applyPaymentUpdate(core, gateway.id, paid('no-such-payment', 'unknown-1'), '{"raw":true}');
    expect(result).toEqual({ outcome: 'UNKNOWN_PAYMENT' });
    expect(await db.prisma.paymentEvent.findFirst({ where: { eventId: 'unknown-1' } })).toMatchObject({ paymentId: null, outcome: 'UNKNOWN_PAYMENT', rawBody: '{"raw":true}' });
  });

  test('the state machine allows only the documented moves', () => {
    expect(canMove('CREATED', 'PENDING')).toBe(true);
    expect(canMove('PENDING', 'SUCCEEDED')).toBe(true);
    expect(canMove('SUCCEEDED', 'REFUNDED')).toBe(true);
    expect(canMove('SUCCEEDED', 'PENDING')).toBe(false);
    expect(canMove('EXPIRED', 'SUCCEEDED')).toBe(true); // late money is never dropped
    expect(canMove('EXPIRED', 'PENDING')).toBe(false);
    expect(canMove('REFUNDED', 'SUCCEEDED')).toBe(false);
    expect(canMove('FAILED', 'PENDING')).toBe(false);
  });
});

describe('reconciliation', () => {
  test('a payment whose notification never came is recovered from the provider, once', async () => {
    fresh();
    const { payment: p, order: o } = await openPayment();
    gateway.statuses.set(p.publicId, { ref: { publicId: p.publicId }, state: 'succeeded', amountMinor: 112_500n, currency: 'RUB' });
    expect(await reconcilePayments(deps, { pendingForMs: 600_000 })).toEqual([]); // not old enough yet
    clock.advance(11 * 60_000);
    const [recovered] = await reconcilePayments(deps, { pendingForMs: 600_000 });
    expect(recovered).toMatchObject({ outcome: 'APPLIED', orderStatus: 'PAID' });
    expect((await order(o.orderId)).status).toBe('PAID');
    clock.advance(11 * 60_000);
    expect(await reconcilePayments(deps, { pendingForMs: 600_000 })).toEqual([]); // closed: not asked again
  });

  test('a payment the provider does not know expires with its reservation', async () => {
    fresh();
    const { payment: p, order: o } = await openPayment();
    clock.advance(11 * 60_000);
    expect(await reconcilePayments(deps, { pendingForMs: 600_000 })).toEqual([]); // reservation still running
    clock.advance(20 * 60_000);
    expect(await reconcilePayments(deps, { pendingForMs: 600_000 })).toMatchObject([{ outcome: 'APPLIED', status: 'EXPIRED' }]);
    expect((await payment(p.paymentId)).status).toBe('EXPIRED');
    expect((await order(o.orderId)).status).toBe('EXPIRED');
  });
});

describe('refunds', () => {
  test('an admin refund gives the money back and undoes the order: tokens back on sale, purchase and rewards reversed', async () => {
    fresh();
    const { payment: p, order: o, buyer, referrer, token } = await openPayment();
    await applyPaymentUpdate(core, gateway.id, paid(p.publicId, 'paid'), '{}');
    expect(await refundPayment(deps, { paymentId: p.paymentId, isAdmin: false })).toEqual({ ok: false, code: 'NOT_ALLOWED' });
    expect(await refundPayment(deps, { paymentId: p.paymentId, isAdmin: true })).toEqual({ ok: true, value: { paymentId: p.paymentId, orderId: o.orderId, market: false } });
    expect(gateway.refunds).toEqual([p.publicId]);
    expect((await order(o.orderId)).status).toBe('REFUNDED');
    expect((await payment(p.paymentId)).status).toBe('REFUNDED');
    expect((await db.prisma.tokenRound.findUniqueOrThrow({ where: { id: token.rounds[0]!.id } })).sold).toBe(0n);
    for (const user of [buyer, referrer]) {
      expect((await db.prisma.balance.findUnique({ where: { userId_asset: { userId: user.id, asset: token.symbol } } }))?.amount).toBe(0n);
    }
    expect(await refundPayment(deps, { paymentId: p.paymentId, isAdmin: true })).toEqual({ ok: false, code: 'NOT_REFUNDABLE' });
    expect(gateway.refunds).toHaveLength(1);
  });

  test('a refund is refused once the tokens left the balance (a payout on its way or paid out), and nothing changes', async () => {
    fresh();
    const { payment: p, order: o, buyer, token } = await openPayment();
    await applyPaymentUpdate(core, gateway.id, paid(p.publicId, 'paid-po'), '{}');
    const bought = (await order(o.orderId)).amount;
    const payout = await db.prisma.payout.create({
      data: { userId: buyer.id, asset: token.symbol, amount: bought, chainId: 1337, tokenAddress: `0x${'1'.repeat(40)}`, toAddress: `0x${'2'.repeat(40)}` },
    });
    expect(await refundPayment(deps, { paymentId: p.paymentId, isAdmin: true })).toEqual({ ok: false, code: 'TOKENS_PAID_OUT' });
    expect(gateway.refunds).toEqual([]);
    expect((await payment(p.paymentId)).status).toBe('SUCCEEDED');
    expect((await order(o.orderId)).status).toBe('PAID');
    // The payout failed: the tokens are the buyer's again, and the refund goes through.
    await db.prisma.payout.update({ where: { id: payout.id }, data: { status: 'FAILED' } });
    expect(await refundPayment(deps, { paymentId: p.paymentId, isAdmin: true })).toMatchObject({ ok: true });
  });

  test('refunds are refused for unpaid payments and providers that cannot refund', async () => {
    fresh([new FakeGateway('yoomoney', ['RUB'], false)]);
    const { payment: p } = await openPayment();
    expect(await refundPayment(deps, { paymentId: p.paymentId, isAdmin: true })).toEqual({ ok: false, code: 'NOT_REFUNDABLE' });
    await applyPaymentUpdate(core, gateway.id, paid(p.publicId, 'paid-ym'), '{}');
    expect(await refundPayment(deps, { paymentId: p.paymentId, isAdmin: true })).toEqual({ ok: false, code: 'PROVIDER_CANNOT_REFUND' });
    expect(await refundPayment(deps, { paymentId: 999_999, isAdmin: true })).toEqual({ ok: false, code: 'PAYMENT_NOT_FOUND' });
  });
});
