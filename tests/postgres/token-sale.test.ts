// The token sale under real concurrency (DESIGN.md invariants 1, 2, 4, 5): many buyers, duplicate
// webhook deliveries, the expiry sweep in two processes and simultaneous referral attributions,
// each fired at once over real PostgreSQL connections (one pool of >= 60, or two clients).
// Runs only when TEST_DATABASE_URL is set; every test works in a fresh database of its own.

import { afterAll, describe, expect, it } from 'vitest';
import { type Clock, type CoreDeps, systemClock } from '../../src/core/deps.js';
import { balanceOf, ledgerSum } from '../../src/core/ledger/balance.js';
import { Dec } from '../../src/core/money.js';
import { attributeReferrer } from '../../src/core/referrals/attribute-referrer.js';
import { computeRewards } from '../../src/core/referrals/reward-math.js';
import { type ConfirmedPayment, confirmPayment } from '../../src/core/tokens/confirm-payment.js';
import { expireReservations } from '../../src/core/tokens/release-reservations.js';
import { startPurchase } from '../../src/core/tokens/start-purchase.js';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import { openDatabase } from '../../src/infra/database.js';
import { coreDeps, fixedClock, makeToken, makeUser } from '../support/factories.js';
import { createPgTestDb, type PgTestDb } from '../support/postgres.js';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** Promise.all that waits for every promise (so nothing still runs when the database is dropped). */
async function settleAll<T>(promises: Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed.length) {
    const first = failed[0]!.reason;
    const messages = [...new Set(failed.map((f) => String(f.reason instanceof Error ? f.reason.message : f.reason)))];
    const error = new Error(`${failed.length} of ${promises.length} concurrent calls threw:\n${messages.join('\n---\n')}`);
    (error as Error & { cause?: unknown }).cause = first;
    throw error;
  }
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
}

const opened: PgTestDb[] = [];
async function freshDb(poolSize = 60): Promise<PgTestDb> {
  const db = await createPgTestDb(poolSize);
  opened.push(db);
  return db;
}
async function closeDb(db: PgTestDb): Promise<void> {
  const i = opened.indexOf(db);
  if (i >= 0) opened.splice(i, 1);
  await db.close();
}
afterAll(async () => {
  // Anything a failed test left open.
  await Promise.all(opened.splice(0).map((db) => db.close()));
});

function saleDeps(db: PrismaClient, clock: Clock, levelPercents: number[]): CoreDeps {
  return coreDeps(db, {
    clock,
    sale: { reservationMinutes: 30, referralLevelPercents: levelPercents.map((p) => new Dec(p)), referralMinPurchase: 0n },
  });
}

/**
 * Opens `n` connections of the client's pool up front: a cold pool connects one by one, so the
 * first call fired would finish before the others reach the server and nothing would overlap.
 */
async function warmPool(db: PrismaClient, n: number): Promise<void> {
  await settleAll(range(n).map(() => db.$queryRaw`SELECT 1`));
  const [row] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database()`;
  expect(row!.n).toBeGreaterThanOrEqual(n);
}

const pct = (p: { toString(): string }) => new Dec(p.toString()).toString();

/**
 * The books of one token agree with its orders: every PAID order has exactly one PURCHASE entry
 * (its amount, its buyer) and the reward rows computeRewards gives for its stored percents and the
 * buyer's upline, each with exactly one REFERRAL_REWARD entry; other orders have neither; no other
 * entries exist; and for every user the cached balance equals the ledger sum equals what the
 * orders and rewards say.
 */
async function verifyBooks(db: PrismaClient, tokenId: number, symbol: string): Promise<void> {
  const [orders, entries, users] = await Promise.all([
    db.tokenOrder.findMany({ where: { round: { tokenId } }, include: { rewards: true }, orderBy: { id: 'asc' } }),
    db.ledgerEntry.findMany({ where: { asset: symbol } }),
    db.user.findMany({ select: { id: true, referrerId: true } }),
  ]);
  const referrerOf = new Map(users.map((u) => [u.id, u.referrerId]));
  const bySource = new Map<string, { userId: number; amount: bigint }[]>();
  for (const e of entries) {
    const key = `${e.kind}|${e.source}`;
    bySource.set(key, [...(bySource.get(key) ?? []), { userId: e.userId, amount: e.amount }]);
  }
  const expected = new Map<number, bigint>();
  const add = (userId: number, amount: bigint) => expected.set(userId, (expected.get(userId) ?? 0n) + amount);
  let expectedEntries = 0;

  for (const o of orders) {
    const purchases = bySource.get(`PURCHASE|token_order:${o.id}`) ?? [];
    if (o.status !== 'PAID') {
      expect({ order: o.id, status: o.status, purchases, rewards: o.rewards.length }).toEqual({
        order: o.id,
        status: o.status,
        purchases: [],
        rewards: 0,
      });
      continue;
    }
    expect({ order: o.id, purchases }).toEqual({ order: o.id, purchases: [{ userId: o.buyerId, amount: o.amount }] });
    add(o.buyerId, o.amount);
    expectedEntries += 1;

    const upline: number[] = [];
    for (let r = referrerOf.get(o.buyerId); r != null && upline.length < 11; r = referrerOf.get(r)) upline.push(r);
    const want = computeRewards(
      o.amount,
      o.rewardPercents.map((p) => new Dec(p.toString())),
      upline,
    ).map((s) => ({ level: s.level, beneficiaryId: s.beneficiaryId, percent: pct(s.percent), amount: s.amount }));
    const rows = [...o.rewards].sort((a, b) => a.level - b.level);
    const got = rows.map((r) => ({ level: r.level, beneficiaryId: r.beneficiaryId, percent: pct(r.percent), amount: r.amount }));
    expect({ order: o.id, rewards: got }).toEqual({ order: o.id, rewards: want });
    for (const r of rows) {
      expect({ reward: r.id, entries: bySource.get(`REFERRAL_REWARD|referral_reward:${r.id}`) ?? [] }).toEqual({
        reward: r.id,
        entries: [{ userId: r.beneficiaryId, amount: r.amount }],
      });
      add(r.beneficiaryId, r.amount);
      expectedEntries += 1;
    }
  }
  // No entry without a paid order or reward behind it.
  expect(entries.length).toBe(expectedEntries);

  const actual = await settleAll(
    users.map(async (u) => ({ user: u.id, cached: await balanceOf(db, u.id, symbol), ledger: await ledgerSum(db, u.id, symbol) })),
  );
  expect(actual).toEqual(users.map((u) => ({ user: u.id, cached: expected.get(u.id) ?? 0n, ledger: expected.get(u.id) ?? 0n })));
}

/** A round's counters agree with its orders: sold = PAID amounts, reserved = PENDING amounts, within the cap. */
async function verifyRound(db: PrismaClient, roundId: number) {
  const round = await db.tokenRound.findUniqueOrThrow({ where: { id: roundId } });
  const [paid, pending] = await Promise.all([
    db.tokenOrder.aggregate({ where: { roundId, status: 'PAID' }, _sum: { amount: true } }),
    db.tokenOrder.aggregate({ where: { roundId, status: 'PENDING' }, _sum: { amount: true } }),
  ]);
  expect(round.sold + round.reserved).toBeLessThanOrEqual(round.cap);
  expect({ sold: round.sold, reserved: round.reserved }).toEqual({
    sold: paid._sum.amount ?? 0n,
    reserved: pending._sum.amount ?? 0n,
  });
  return round;
}

describe('token sale on PostgreSQL under concurrency', () => {
  it('50 concurrent buyers of 7 tokens against a cap of 100: no oversell, each payment and reward booked once', async () => {
    const db = await freshDb(60);
    try {
      const prisma = db.prisma;
      const deps = saleDeps(prisma, systemClock, [30, 10]);
      const token = await makeToken(prisma, [{ cap: 100n, referralPercent: '50' }]);
      const round = token.rounds[0]!;
      // Two-level referrer chains, shared, so the same referrers' balances are credited concurrently.
      const top = await settleAll(range(5).map(() => makeUser(prisma)));
      const mid = await settleAll(range(10).map((i) => makeUser(prisma, { referrerId: top[i % 5]!.id })));
      const buyers = await settleAll(range(50).map((i) => makeUser(prisma, { referrerId: mid[i % 10]!.id })));

      await warmPool(prisma, 60);
      const outcomes = await settleAll(
        buyers.map(async (b) => {
          const started = await startPurchase(deps, { buyerId: b.id, tokenId: token.id, amount: 7 });
          if (!started.ok) return { buyer: b, started, confirmed: undefined };
          return { buyer: b, started, confirmed: await confirmPayment(deps, started.value.orderId) };
        }),
      );

      const won = outcomes.filter((o) => o.started.ok);
      expect(won.length * 7).toBeLessThanOrEqual(100);
      expect(won.length).toBe(Math.floor(100 / 7));
      for (const o of outcomes) {
        if (o.started.ok) continue;
        expect(['ROUND_SOLD_OUT', 'AMOUNT_EXCEEDS_AVAILABLE']).toContain(o.started.code);
      }
      for (const o of won) {
        const referrer = mid.find((m) => m.id === o.buyer.referrerId)!;
        expect(o.confirmed?.ok).toBe(true);
        const c = (o.confirmed as { ok: true; value: ConfirmedPayment }).value;
        expect({ status: c.status, applied: c.applied, amount: c.amount }).toEqual({ status: 'PAID', applied: true, amount: 7n });
        // 50% and 30% of 7, rounded down; the level-3 percent finds no third referrer.
        expect(c.rewards.map((r) => [r.level, r.beneficiaryId, r.amount])).toEqual([
          [1, referrer.id, 3n],
          [2, referrer.referrerId, 2n],
        ]);
      }

      const after = await verifyRound(prisma, round.id);
      expect({ sold: after.sold, reserved: after.reserved, status: after.status }).toEqual({ sold: 98n, reserved: 0n, status: 'ACTIVE' });
      const orders = await prisma.tokenOrder.findMany({ where: { roundId: round.id } });
      expect(orders.length).toBe(won.length);
      expect(orders.every((o) => o.status === 'PAID')).toBe(true);
      for (const o of orders) expect(o.rewardPercents.map(pct)).toEqual(['50', '30', '10']);
      await verifyBooks(prisma, token.id, token.symbol);
    } finally {
      await closeDb(db);
    }
  });

  it('60 buyers of 1..20 tokens: the first round never oversells and, sold out, hands over to the next one', async () => {
    const db = await freshDb(60);
    try {
      const prisma = db.prisma;
      const deps = saleDeps(prisma, systemClock, [30]);
      const token = await makeToken(prisma, [
        { cap: 100n, referralPercent: '50' },
        { cap: 100_000n, referralPercent: '20', status: 'DRAFT' },
      ]);
      const [first, second] = [token.rounds[0]!, token.rounds[1]!];
      const referrer = await makeUser(prisma);
      const buyers = await settleAll(range(60).map(() => makeUser(prisma, { referrerId: referrer.id })));
      const wants = buyers.map(() => BigInt(1 + Math.floor(Math.random() * 20)));

      await warmPool(prisma, 60);
      const outcomes = await settleAll(
        buyers.map(async (b, i) => {
          let amount = wants[i]!;
          const refusals: string[] = [];
          // Refused buyers try again (with what is left, when told): the round must sell out exactly.
          for (let attempt = 0; attempt < 500; attempt++) {
            const started = await startPurchase(deps, { buyerId: b.id, tokenId: token.id, amount });
            if (started.ok) {
              const confirmed = await confirmPayment(deps, started.value.orderId);
              return { buyerId: b.id, started: started.value, confirmed, refusals };
            }
            refusals.push(started.code);
            expect(['ROUND_SOLD_OUT', 'AMOUNT_EXCEEDS_AVAILABLE', 'SALE_NOT_ACTIVE']).toContain(started.code);
            if (started.code === 'AMOUNT_EXCEEDS_AVAILABLE') amount = BigInt(started.details!.left!);
          }
          return { buyerId: b.id, started: undefined, confirmed: undefined, refusals };
        }),
      );

      for (const o of outcomes) {
        expect(o.started, `buyer ${o.buyerId} never got an order: ${o.refusals.join(',')}`).toBeDefined();
        expect(o.confirmed?.ok && o.confirmed.value.status === 'PAID' && o.confirmed.value.applied).toBe(true);
      }
      const r1 = await verifyRound(prisma, first.id);
      const r2 = await verifyRound(prisma, second.id);
      expect({ sold: r1.sold, reserved: r1.reserved, status: r1.status }).toEqual({ sold: 100n, reserved: 0n, status: 'COMPLETE' });
      expect({ reserved: r2.reserved, status: r2.status }).toEqual({ reserved: 0n, status: 'ACTIVE' });
      expect(r2.activatedAt).not.toBeNull();
      expect(r1.completedAt).not.toBeNull();
      expect(r2.activatedAt!.getTime()).toBeGreaterThanOrEqual(r1.completedAt!.getTime());
      expect(await prisma.tokenRound.count({ where: { tokenId: token.id, status: 'ACTIVE' } })).toBe(1);

      const orders = await prisma.tokenOrder.findMany({ where: { round: { tokenId: token.id } } });
      expect(orders.length).toBe(buyers.length);
      expect(orders.every((o) => o.status === 'PAID')).toBe(true);
      expect(new Set(orders.map((o) => o.buyerId)).size).toBe(buyers.length);
      const sum = (roundId: number) => orders.filter((o) => o.roundId === roundId).reduce((s, o) => s + o.amount, 0n);
      expect(sum(first.id)).toBe(100n);
      expect(sum(second.id)).toBe(r2.sold);
      // Each order carries the percents of the round it was sold from.
      for (const o of orders) expect(o.rewardPercents.map(pct)).toEqual(o.roundId === first.id ? ['50', '30'] : ['20', '30']);
      await verifyBooks(prisma, token.id, token.symbol);
    } finally {
      await closeDb(db);
    }
  });

  it('20 concurrent confirmations of one order: applied once, booked once, with the percents of the order', async () => {
    const db = await freshDb(60);
    try {
      const prisma = db.prisma;
      const token = await makeToken(prisma, [{ cap: 1000n, referralPercent: '50' }]);
      const round = token.rounds[0]!;
      const top = await makeUser(prisma);
      const mid = await makeUser(prisma, { referrerId: top.id });
      const buyer = await makeUser(prisma, { referrerId: mid.id });
      const started = await startPurchase(saleDeps(prisma, systemClock, [30]), { buyerId: buyer.id, tokenId: token.id, amount: 10 });
      if (!started.ok) throw new Error(`startPurchase failed: ${started.code}`);
      const orderId = started.value.orderId;

      // The percents change after the order: the rewards must still be the order's (invariant 5).
      await prisma.tokenRound.update({ where: { id: round.id }, data: { referralPercent: '1' } });
      const laterDeps = saleDeps(prisma, systemClock, [1]);
      await warmPool(prisma, 20);
      const results = await settleAll(range(20).map(() => confirmPayment(laterDeps, orderId)));

      const values = results.map((r) => {
        if (!r.ok) throw new Error(`confirmPayment failed: ${r.code}`);
        return r.value;
      });
      expect(values.every((v) => v.status === 'PAID' && v.orderId === orderId && v.buyerId === buyer.id)).toBe(true);
      const applied = values.filter((v) => v.applied);
      expect(applied.length).toBe(1);
      expect(applied[0]!.rewards.map((r) => [r.level, r.beneficiaryId, pct(r.percent), r.amount])).toEqual([
        [1, mid.id, '50', 5n],
        [2, top.id, '30', 3n],
      ]);
      expect(values.filter((v) => !v.applied).every((v) => v.rewards.length === 0)).toBe(true);

      const [purchases, rewardRows, rewardEntries] = await Promise.all([
        prisma.ledgerEntry.findMany({ where: { kind: 'PURCHASE', userId: buyer.id } }),
        prisma.referralReward.findMany({ where: { orderId }, orderBy: { level: 'asc' } }),
        prisma.ledgerEntry.findMany({ where: { kind: 'REFERRAL_REWARD' } }),
      ]);
      expect(purchases.map((e) => [e.source, e.amount])).toEqual([[`token_order:${orderId}`, 10n]]);
      expect(rewardRows.map((r) => [r.level, r.beneficiaryId, r.amount])).toEqual([
        [1, mid.id, 5n],
        [2, top.id, 3n],
      ]);
      expect(rewardEntries.length).toBe(2);
      const after = await verifyRound(prisma, round.id);
      expect({ sold: after.sold, reserved: after.reserved }).toEqual({ sold: 10n, reserved: 0n });
      for (const [user, want] of [
        [buyer.id, 10n],
        [mid.id, 5n],
        [top.id, 3n],
      ] as const) {
        expect({ user, cached: await balanceOf(prisma, user, token.symbol), ledger: await ledgerSum(prisma, user, token.symbol) }).toEqual({
          user,
          cached: want,
          ledger: want,
        });
      }
      await verifyBooks(prisma, token.id, token.symbol);
    } finally {
      await closeDb(db);
    }
  });

  it('confirmations racing the expiry sweep in two processes: each order ends once, PAID or late-paid/REFUND_REQUIRED', async () => {
    const db = await freshDb(30);
    // The second "process": a client of its own on the same database.
    const other = await openDatabase({ url: db.url, dataDir: 'unused', poolSize: 30 });
    try {
      const a = db.prisma;
      const b = other.prisma;
      const start = new Date('2026-01-15T12:00:00Z');
      const token = await makeToken(a, [{ cap: 100n, referralPercent: '50' }]);
      const round = token.rounds[0]!;
      const referrers = await settleAll(range(5).map(() => makeUser(a)));
      const originals = await settleAll(range(25).map((i) => makeUser(a, { referrerId: referrers[i % 5]!.id })));
      const newcomers = await settleAll(range(25).map(() => makeUser(a)));

      // 25 orders of 4 fill the round, reserved for 30 minutes from `start`.
      const placeDeps = saleDeps(a, fixedClock(start), [30]);
      const placed = await settleAll(originals.map((u) => startPurchase(placeDeps, { buyerId: u.id, tokenId: token.id, amount: 4 })));
      const orderIds = placed.map((p) => {
        if (!p.ok) throw new Error(`startPurchase failed: ${p.code}`);
        return p.value.orderId;
      });
      expect((await a.tokenRound.findUniqueOrThrow({ where: { id: round.id } })).reserved).toBe(100n);

      // 31 minutes later every reservation is past its time.
      const later = new Date(start.getTime() + 31 * 60_000);
      const depsA = saleDeps(a, fixedClock(later), [30]);
      const depsB = saleDeps(b, fixedClock(later), [30]);
      const groupA = orderIds.slice(0, 12); // paid while the sweep runs
      const groupB = orderIds.slice(12); // paid after the sweep, once newcomers have taken the tokens back

      const sweep = async (deps: CoreDeps) => {
        const expired: number[] = [];
        for (;;) {
          const batch = await expireReservations(deps, { batch: 3 });
          if (!batch.length) return expired;
          expired.push(...batch.map((r) => r.orderId));
        }
      };
      await settleAll([warmPool(a, 30), warmPool(b, 30)]);
      const sweeps = [sweep(depsA), sweep(depsB), sweep(depsA), sweep(depsB)];
      let sweepsDone = false;
      const sweepsFinished = settleAll(sweeps).then((lists) => {
        sweepsDone = true;
        return lists;
      });

      // Newcomers keep trying until the round has nothing left after the sweeps: they take every
      // released token, so a payment arriving after that finds the round full.
      const newcomersFinished = settleAll(
        newcomers.map(async (u, i) => {
          const deps = i % 2 ? depsA : depsB;
          for (let attempt = 0; attempt < 5000; attempt++) {
            const doneBefore = sweepsDone;
            const started = await startPurchase(deps, { buyerId: u.id, tokenId: token.id, amount: 4 });
            if (started.ok) {
              const confirmed = await confirmPayment(i % 3 ? depsA : depsB, started.value.orderId);
              expect(confirmed.ok && confirmed.value.status === 'PAID' && confirmed.value.applied).toBe(true);
              return started.value.orderId;
            }
            expect(['ROUND_SOLD_OUT', 'AMOUNT_EXCEEDS_AVAILABLE', 'SALE_NOT_ACTIVE']).toContain(started.code);
            if (started.code === 'SALE_NOT_ACTIVE' || (started.code === 'ROUND_SOLD_OUT' && doneBefore)) return undefined;
          }
          throw new Error(`newcomer ${u.id} kept being refused`);
        }),
      );

      // Every payment is delivered twice, once to each process.
      const confirmBoth = (id: number) => settleAll([confirmPayment(depsA, id), confirmPayment(depsB, id)]);
      const confirmsA = settleAll(groupA.map(confirmBoth));
      const confirmsB = Promise.all([sweepsFinished, newcomersFinished]).then(() => settleAll(groupB.map(confirmBoth)));

      const [expiredLists, newcomerOrders, resultsA, resultsB] = await settleAll<unknown>([
        sweepsFinished,
        newcomersFinished,
        confirmsA,
        confirmsB,
      ]) as [number[][], (number | undefined)[], Awaited<ReturnType<typeof confirmBoth>>[], Awaited<ReturnType<typeof confirmBoth>>[]];

      // The sweeps never expired an order twice, and expired every order not paid in time.
      const expired = expiredLists.flat();
      expect(new Set(expired).size).toBe(expired.length);
      expect(expired.every((id) => orderIds.includes(id))).toBe(true);
      for (const id of groupB) expect(expired).toContain(id);

      const finalOrders = await a.tokenOrder.findMany({ where: { id: { in: orderIds } } });
      const statusOf = new Map(finalOrders.map((o) => [o.id, o.status]));
      const results = [...resultsA, ...resultsB];
      const ids = [...groupA, ...groupB];
      results.forEach((pair, i) => {
        const id = ids[i]!;
        const final = statusOf.get(id);
        const values = pair.map((r) => {
          if (!r.ok) throw new Error(`confirmPayment(${id}) failed: ${r.code}`);
          return r.value;
        });
        expect(['PAID', 'REFUND_REQUIRED']).toContain(final);
        // Exactly one of the two deliveries changed something; both report the order's final state.
        expect({ id, applied: values.filter((v) => v.applied).length, statuses: values.map((v) => v.status) }).toEqual({
          id,
          applied: 1,
          statuses: [final, final],
        });
        // Only an expired order can end up waiting for a refund.
        if (final === 'REFUND_REQUIRED') expect(expired).toContain(id);
        if (!expired.includes(id)) expect(final).toBe('PAID');
      });
      // The newcomers filled the round before the late payments of group B: those are refunds.
      for (const id of groupB) expect({ id, status: statusOf.get(id) }).toEqual({ id, status: 'REFUND_REQUIRED' });

      const after = await verifyRound(a, round.id);
      expect({ sold: after.sold, reserved: after.reserved, status: after.status }).toEqual({ sold: 100n, reserved: 0n, status: 'COMPLETE' });
      const newcomerIds = newcomerOrders.filter((id): id is number => id !== undefined);
      const newcomerRows = await a.tokenOrder.findMany({ where: { id: { in: newcomerIds } } });
      expect(newcomerRows.every((o) => o.status === 'PAID')).toBe(true);
      const paidOriginals = finalOrders.filter((o) => o.status === 'PAID').reduce((s, o) => s + o.amount, 0n);
      expect(paidOriginals + newcomerRows.reduce((s, o) => s + o.amount, 0n)).toBe(100n);
      await verifyBooks(a, token.id, token.symbol);
    } finally {
      await other.close();
      await closeDb(db);
    }
  });

  it('users entering each other’s codes at the same moment never form a referral cycle', async () => {
    const db = await freshDb(60);
    try {
      const prisma = db.prisma;
      const deps = coreDeps(prisma, { clock: systemClock });
      await warmPool(prisma, 60);
      for (let rep = 0; rep < 4; rep++) {
        const pairs = await settleAll(range(15).map(async () => [await makeUser(prisma), await makeUser(prisma)] as const));
        const triangles = await settleAll(
          range(5).map(async () => [await makeUser(prisma), await makeUser(prisma), await makeUser(prisma)] as const),
        );
        const [pairResults, triangleResults] = await settleAll<unknown>([
          settleAll(
            pairs.map(([x, y]) =>
              settleAll([
                attributeReferrer(deps, { userId: x.id, code: y.referralCode }),
                attributeReferrer(deps, { userId: y.id, code: x.referralCode }),
              ]),
            ),
          ),
          settleAll(
            triangles.map(([x, y, z]) =>
              settleAll([
                attributeReferrer(deps, { userId: x.id, code: y.referralCode }),
                attributeReferrer(deps, { userId: y.id, code: z.referralCode }),
                attributeReferrer(deps, { userId: z.id, code: x.referralCode }),
              ]),
            ),
          ),
        ]) as [Awaited<ReturnType<typeof attributeReferrer>>[][], Awaited<ReturnType<typeof attributeReferrer>>[][]];

        for (const results of [...pairResults, ...triangleResults]) {
          const outcome = results.map((r) => (r.ok ? 'ok' : r.code)).sort();
          expect(outcome).toEqual(results.length === 2 ? ['REFERRAL_CYCLE', 'ok'] : ['REFERRAL_CYCLE', 'ok', 'ok']);
        }
      }
      // No user is above themselves, however far up the chain.
      const cycles = await prisma.$queryRaw<{ id: number }[]>`
        WITH RECURSIVE walk(start, id, depth) AS (
          SELECT id, referrer_id, 1 FROM users WHERE referrer_id IS NOT NULL
          UNION ALL
          SELECT walk.start, u.referrer_id, walk.depth + 1 FROM walk JOIN users u ON u.id = walk.id
          WHERE u.referrer_id IS NOT NULL AND walk.id <> walk.start AND walk.depth < 1000
        )
        SELECT DISTINCT start AS id FROM walk WHERE id = start`;
      expect(cycles).toEqual([]);
      expect(await prisma.user.count({ where: { referrerId: { not: null } } })).toBe(4 * (15 + 5 * 2));
    } finally {
      await closeDb(db);
    }
  });
});
