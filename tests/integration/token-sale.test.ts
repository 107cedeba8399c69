import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { CoreDeps } from '../../src/core/deps.js';
import { advanceRounds } from '../../src/core/tokens/advance-rounds.js';
import { confirmPayment } from '../../src/core/tokens/confirm-payment.js';
import { cancelOrder, expireReservations } from '../../src/core/tokens/release-reservations.js';
import { saleOverview } from '../../src/core/tokens/sale-overview.js';
import { startPurchase } from '../../src/core/tokens/start-purchase.js';
import type { Database } from '../../src/infra/database.js';
import { createTestDb } from '../support/db.js';
import { coreDeps, fixedClock, makeToken, makeUser } from '../support/factories.js';
import { expectBooksBalance } from '../support/ledger.js';

let db: Database;
let clock: ReturnType<typeof fixedClock>;
let deps: CoreDeps;

beforeAll(async () => {
  db = await createTestDb();
});
afterAll(() => db.close());
afterEach(() => expectBooksBalance(db.prisma));

function fresh() {
  clock = fixedClock();
  deps = coreDeps(db.prisma, { clock });
}

async function round(id: number) {
  return db.prisma.tokenRound.findUniqueOrThrow({ where: { id } });
}

describe('starting a purchase', () => {
  test('reserves the tokens and opens a pending order at the price rounded up', async () => {
    fresh();
    const token = await makeToken(db.prisma, [{ cap: 1000n, unitPrice: '0.0125' }]);
    const buyer = await makeUser(db.prisma);
    const result = await startPurchase(deps, { buyerId: buyer.id, tokenId: token.id, amount: '7' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.priceMinor).toBe(9n);
    expect(result.value.currency).toBe('USD');
    expect(result.value.reservedUntil).toEqual(new Date(clock.now().getTime() + 30 * 60_000));
    const order = await db.prisma.tokenOrder.findUniqueOrThrow({ where: { id: result.value.orderId } });
    expect(order).toMatchObject({ status: 'PENDING', amount: 7n, priceMinor: 9n, buyerId: buyer.id });
    expect(order.rewardPercents.map(String)).toEqual(['10', '3', '1']);
    expect(await round(token.rounds[0]!.id)).toMatchObject({ reserved: 7n, sold: 0n });
  });

  test.each([
    ['0', 'AMOUNT_TOO_SMALL'],
    ['-5', 'AMOUNT_TOO_SMALL'],
    ['2.5', 'AMOUNT_NOT_WHOLE'],
    ['99999999999999999999999', 'AMOUNT_TOO_LARGE'],
    ['ten', 'AMOUNT_INVALID'],
    ['', 'AMOUNT_INVALID'],
    ['4', 'AMOUNT_BELOW_MINIMUM'],
    ['501', 'AMOUNT_ABOVE_MAXIMUM'],
    ['301', 'AMOUNT_EXCEEDS_AVAILABLE'],
  ])('amount %j is refused with %s and changes nothing', async (amount, code) => {
    fresh();
    const token = await makeToken(db.prisma, [{ cap: 300n, minPurchase: 5n, maxPurchase: 500n }]);
    const buyer = await makeUser(db.prisma);
    const result = await startPurchase(deps, { buyerId: buyer.id, tokenId: token.id, amount });
    expect(result).toMatchObject({ ok: false, code });
    expect(await db.prisma.tokenOrder.count({ where: { buyerId: buyer.id } })).toBe(0);
    expect(await round(token.rounds[0]!.id)).toMatchObject({ reserved: 0n, sold: 0n });
  });

  test('the refusal says what the limit is', async () => {
    fresh();
    const token = await makeToken(db.prisma, [{ cap: 300n, minPurchase: 5n, maxPurchase: 200n }]);
    const buyer = await makeUser(db.prisma);
    expect(await startPurchase(deps, { buyerId: buyer.id, tokenId: token.id, amount: 1 })).toEqual({
      ok: false,
      code: 'AMOUNT_BELOW_MINIMUM',
      details: { min: '5' },
    });
    await startPurchase(deps, { buyerId: buyer.id, tokenId: token.id, amount: 200 });
    expect(await startPurchase(deps, { buyerId: buyer.id, tokenId: token.id, amount: 150 })).toEqual({
      ok: false,
      code: 'AMOUNT_EXCEEDS_AVAILABLE',
      details: { left: '100' },
    });
  });

  test('an unknown buyer, a token without an active round and a round not started yet are refused', async () => {
    fresh();
    const buyer = await makeUser(db.prisma);
    const drafts = await makeToken(db.prisma, [{ status: 'COMPLETE' }]);
    expect(await startPurchase(deps, { buyerId: buyer.id, tokenId: drafts.id, amount: 5 })).toMatchObject({ code: 'SALE_NOT_ACTIVE' });
    expect(await startPurchase(deps, { buyerId: 999_999, tokenId: drafts.id, amount: 5 })).toMatchObject({ code: 'USER_NOT_FOUND' });
    const later = await makeToken(db.prisma, [{ startsAt: new Date(clock.now().getTime() + 3_600_000) }]);
    expect(await startPurchase(deps, { buyerId: buyer.id, tokenId: later.id, amount: 5 })).toMatchObject({ code: 'ROUND_NOT_STARTED' });
    expect(await startPurchase(deps, { buyerId: buyer.id, tokenId: 424_242, amount: 5 })).toMatchObject({ code: 'SALE_NOT_ACTIVE' });
  });

  test('a sold-out round says so, and pending reservations count against the cap', async () => {
    fresh();
    const token = await makeToken(db.prisma, [{ cap: 10n }]);
    const [a, b] = [await makeUser(db.prisma), await makeUser(db.prisma)];
    expect((await startPurchase(deps, { buyerId: a.id, tokenId: token.id, amount: 10 })).ok).toBe(true);
    expect(await startPurchase(deps, { buyerId: b.id, tokenId: token.id, amount: 1 })).toMatchObject({ code: 'ROUND_SOLD_OUT' });
  });
});

describe('confirming a payment', () => {
  test('sells the reservation and books the purchase once; replays change nothing', async () => {
    fresh();
    const token = await makeToken(db.prisma, [{ cap: 1000n }]);
    const buyer = await makeUser(db.prisma);
    const started = await startPurchase(deps, { buyerId: buyer.id, tokenId: token.id, amount: 40 });
    if (!started.ok) throw new Error(started.code);
    const first = await confirmPayment(deps, started.value.orderId);
    expect(first).toMatchObject({ ok: true, value: { status: 'PAID', applied: true, amount: 40n } });
    for (let i = 0; i < 3; i++) {
      expect(await confirmPayment(deps, started.value.orderId)).toMatchObject({ ok: true, value: { status: 'PAID', applied: false } });
    }
    expect(await round(token.rounds[0]!.id)).toMatchObject({ sold: 40n, reserved: 0n });
    const entries = await db.prisma.ledgerEntry.findMany({ where: { userId: buyer.id } });
    expect(entries.map((e) => [e.kind, e.amount, e.asset])).toEqual([['PURCHASE', 40n, token.symbol]]);
  });

  test('an unknown or malformed order id is ORDER_NOT_FOUND', async () => {
    fresh();
    for (const id of [987_654, 0, -1, 1.5, Number.NaN]) {
      expect(await confirmPayment(deps, id)).toEqual({ ok: false, code: 'ORDER_NOT_FOUND' });
    }
  });

  test('selling out the active round activates the next draft round, and the last one ends the sale', async () => {
    fresh();
    const token = await makeToken(db.prisma, [{ cap: 10n }, { cap: 5n }]);
    const buyer = await makeUser(db.prisma);
    const buy = async (amount: number) => {
      const started = await startPurchase(deps, { buyerId: buyer.id, tokenId: token.id, amount });
      if (!started.ok) throw new Error(started.code);
      await confirmPayment(deps, started.value.orderId);
      return started.value.roundId;
    };
    expect(await buy(10)).toBe(token.rounds[0]!.id);
    let overview = await saleOverview(db.prisma, token.id);
    expect(overview?.rounds.map((r) => r.round.status)).toEqual(['COMPLETE', 'ACTIVE']);
    expect(overview?.rounds[0]?.progress.toFixed(2)).toBe('100.00');
    expect(await buy(5)).toBe(token.rounds[1]!.id);
    overview = await saleOverview(db.prisma, token.id);
    expect(overview).toMatchObject({ saleComplete: true, active: null, left: 0n, sold: 15n });
    expect(await startPurchase(deps, { buyerId: buyer.id, tokenId: token.id, amount: 1 })).toMatchObject({ code: 'SALE_NOT_ACTIVE' });
  });

  test('a round whose end time passed hands over to the next one at the next purchase', async () => {
    fresh();
    const token = await makeToken(db.prisma, [{ endsAt: new Date(clock.now().getTime() + 60_000) }, { name: 'Next' }]);
    const buyer = await makeUser(db.prisma);
    clock.advance(120_000);
    const started = await startPurchase(deps, { buyerId: buyer.id, tokenId: token.id, amount: 3 });
    expect(started).toMatchObject({ ok: true, value: { roundId: token.rounds[1]!.id } });
    expect((await round(token.rounds[0]!.id)).status).toBe('COMPLETE');
  });

  test('advancing skips drafts that already ended and is a no-op when nothing is due', async () => {
    fresh();
    const past = new Date(clock.now().getTime() - 1000);
    const token = await makeToken(db.prisma, [{ cap: 5n, status: 'COMPLETE' }, { endsAt: past }, {}]);
    expect(await advanceRounds(deps, token.id)).toEqual({ completed: [token.rounds[1]!.id], activated: token.rounds[2]!.id, saleComplete: false });
    expect(await advanceRounds(deps, token.id)).toEqual({ completed: [], activated: null, saleComplete: false });
  });
});

describe('reservations', () => {
  test('expire after their time and give the tokens back, once', async () => {
    fresh();
    const token = await makeToken(db.prisma, [{ cap: 100n }]);
    const buyer = await makeUser(db.prisma);
    const started = await startPurchase(deps, { buyerId: buyer.id, tokenId: token.id, amount: 60 });
    if (!started.ok) throw new Error(started.code);
    clock.advance(29 * 60_000);
    expect(await expireReservations(deps)).toEqual([]);
    clock.advance(2 * 60_000);
    // Earlier tests in this file left pending orders of their own: look at this buyer's.
    const mine = (expired: { buyerId: number }[]) => expired.filter((e) => e.buyerId === buyer.id);
    expect(mine(await expireReservations(deps))).toEqual([{ orderId: started.value.orderId, buyerId: buyer.id }]);
    expect(await expireReservations(deps)).toEqual([]);
    expect(await round(token.rounds[0]!.id)).toMatchObject({ reserved: 0n, sold: 0n });
  });

  test('a payment after expiry is sold when the tokens are still there', async () => {
    fresh();
    const token = await makeToken(db.prisma, [{ cap: 100n }]);
    const buyer = await makeUser(db.prisma);
    const started = await startPurchase(deps, { buyerId: buyer.id, tokenId: token.id, amount: 60 });
    if (!started.ok) throw new Error(started.code);
    clock.advance(31 * 60_000);
    await expireReservations(deps);
    expect(await confirmPayment(deps, started.value.orderId)).toMatchObject({ ok: true, value: { status: 'PAID', applied: true } });
    expect(await confirmPayment(deps, started.value.orderId)).toMatchObject({ ok: true, value: { status: 'PAID', applied: false } });
    expect(await round(token.rounds[0]!.id)).toMatchObject({ sold: 60n, reserved: 0n });
  });

  test('a payment after expiry is marked for refund when the tokens were sold to someone else', async () => {
    fresh();
    const token = await makeToken(db.prisma, [{ cap: 100n }]);
    const [late, other] = [await makeUser(db.prisma), await makeUser(db.prisma)];
    const started = await startPurchase(deps, { buyerId: late.id, tokenId: token.id, amount: 60 });
    if (!started.ok) throw new Error(started.code);
    clock.advance(31 * 60_000);
    await expireReservations(deps);
    const taken = await startPurchase(deps, { buyerId: other.id, tokenId: token.id, amount: 50 });
    if (!taken.ok) throw new Error(taken.code);
    await confirmPayment(deps, taken.value.orderId);
    expect(await confirmPayment(deps, started.value.orderId)).toMatchObject({ ok: true, value: { status: 'REFUND_REQUIRED', applied: true } });
    expect(await confirmPayment(deps, started.value.orderId)).toMatchObject({ ok: true, value: { status: 'REFUND_REQUIRED', applied: false } });
    expect(await round(token.rounds[0]!.id)).toMatchObject({ sold: 50n, reserved: 0n });
    expect(await db.prisma.ledgerEntry.count({ where: { userId: late.id } })).toBe(0);
  });

  test('the buyer can cancel a pending order; nobody else can, and only once', async () => {
    fresh();
    const token = await makeToken(db.prisma, [{ cap: 100n }]);
    const [buyer, stranger] = [await makeUser(db.prisma), await makeUser(db.prisma)];
    const started = await startPurchase(deps, { buyerId: buyer.id, tokenId: token.id, amount: 20 });
    if (!started.ok) throw new Error(started.code);
    const orderId = started.value.orderId;
    expect(await cancelOrder(deps, { buyerId: stranger.id, orderId })).toEqual({ ok: false, code: 'ORDER_NOT_FOUND' });
    expect(await cancelOrder(deps, { buyerId: buyer.id, orderId })).toEqual({ ok: true, value: { orderId } });
    expect(await cancelOrder(deps, { buyerId: buyer.id, orderId })).toEqual({ ok: false, code: 'ORDER_NOT_PENDING' });
    expect(await round(token.rounds[0]!.id)).toMatchObject({ reserved: 0n });
  });
});
