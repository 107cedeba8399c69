import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CoreDeps } from '../../src/core/deps.js';
import { balanceOf, ledgerSum, tokenBalance } from '../../src/core/ledger/balance.js';
import { referralsByLevel, userRewards } from '../../src/core/referrals/referral-stats.js';
import { confirmPayment } from '../../src/core/tokens/confirm-payment.js';
import { saleOverview } from '../../src/core/tokens/sale-overview.js';
import { buyerStats, rewardsIssued, tokensSold } from '../../src/core/tokens/sale-stats.js';
import { startPurchase } from '../../src/core/tokens/start-purchase.js';
import { userPurchases } from '../../src/core/tokens/user-purchases.js';
import type { Database } from '../../src/infra/database.js';
import { createTestDb } from '../support/db.js';
import { coreDeps, fixedClock, makeToken, makeUser } from '../support/factories.js';
import { expectBooksBalance } from '../support/ledger.js';

// One sale, built once: two rounds, a referral tree top → mid → {a, b}, b → c, and some orders.
let db: Database;
let deps: CoreDeps;
let clock: ReturnType<typeof fixedClock>;
let token: Awaited<ReturnType<typeof makeToken>>;
let users: Record<'top' | 'mid' | 'a' | 'b' | 'c' | 'loner', { id: number }>;

async function buy(buyerId: number, amount: number, pay = true) {
  const started = await startPurchase(deps, { buyerId, tokenId: token.id, amount });
  if (!started.ok) throw new Error(started.code);
  clock.advance(1000);
  if (pay) await confirmPayment(deps, started.value.orderId);
  return started.value.orderId;
}

beforeAll(async () => {
  db = await createTestDb();
  clock = fixedClock();
  deps = coreDeps(db.prisma, { clock });
  token = await makeToken(db.prisma, [
    { cap: 1000n, unitPrice: '0.01', referralPercent: '10' },
    { cap: 5000n, unitPrice: '0.02', referralPercent: '5' },
  ]);
  const top = await makeUser(db.prisma);
  const mid = await makeUser(db.prisma, { referrerId: top.id });
  const a = await makeUser(db.prisma, { referrerId: mid.id, firstName: 'Ann' });
  const b = await makeUser(db.prisma, { referrerId: mid.id, firstName: 'Bob' });
  const c = await makeUser(db.prisma, { referrerId: b.id, firstName: 'Cid' });
  const loner = await makeUser(db.prisma);
  users = { top, mid, a, b, c, loner };
  await buy(a.id, 600); // round 1: mid +60, top +18
  await buy(b.id, 400); // round 1 sold out: mid +40, top +12
  await buy(c.id, 1000); // round 2 at 5%: b +50, mid +30, top +10
  await buy(a.id, 200, false); // pending
  await buy(loner.id, 100);
});
afterAll(() => db.close());

describe('sale aggregates', () => {
  test('tokens sold in total and per round', async () => {
    const sold = await tokensSold(db.prisma, token.id);
    expect(sold.total).toBe(2100n);
    expect(sold.perRound.map((r) => r.amount)).toEqual([1000n, 1100n]);
  });

  test('rewards issued in total and per round', async () => {
    const issued = await rewardsIssued(db.prisma, token.id);
    expect(issued.perRound.map((r) => r.amount)).toEqual([130n, 90n]);
    expect(issued.total).toBe(220n);
  });

  test('buyers and referral conversion', async () => {
    expect(await buyerStats(db.prisma, token.id)).toEqual({ users: 6, buyers: 4, referred: 4, referredBuyers: 3 });
  });

  test('the overview shows progress and what is left per round and in total', async () => {
    const overview = await saleOverview(db.prisma, token.id);
    expect(overview?.rounds.map((r) => [r.round.status, r.progress.toFixed(2), r.left])).toEqual([
      ['COMPLETE', '100.00', 0n],
      ['ACTIVE', '22.00', 3700n], // 1100 sold, 200 reserved
    ]);
    expect(overview?.left).toBe(3700n);
    expect(overview?.sold).toBe(2100n);
  });
});

describe('a user’s own views', () => {
  test('purchases, newest first, paged, optionally only pending', async () => {
    const all = await userPurchases(db.prisma, users.a.id, { pageSize: 1 });
    expect(all).toMatchObject({ total: 2, pages: 2, page: 1 });
    expect(all.items.map((o) => [o.amount, o.status])).toEqual([[200n, 'PENDING']]);
    const second = await userPurchases(db.prisma, users.a.id, { pageSize: 1, page: 2 });
    expect(second.items.map((o) => [o.amount, o.status, o.priceMinor, o.currency])).toEqual([[600n, 'PAID', 600n, 'USD']]);
    expect((await userPurchases(db.prisma, users.a.id, { status: 'PENDING' })).total).toBe(1);
    expect((await userPurchases(db.prisma, users.a.id, { page: -3, pageSize: 10_000 })).page).toBe(1);
  });

  test('rewards from the referrals’ orders, with who they came from', async () => {
    const rewards = await userRewards(db.prisma, users.mid.id);
    expect(rewards.total).toBe(3);
    expect(rewards.items.map((r) => [r.fromName, r.level, r.amount])).toEqual([
      ['Cid', 2, 30n],
      ['Bob', 1, 40n],
      ['Ann', 1, 60n],
    ]);
  });

  test('referrals per level: people, buyers, their purchases and the rewards earned', async () => {
    expect(await referralsByLevel(db.prisma, users.top.id, 3)).toEqual([
      { level: 1, people: 1, buyers: 0, purchased: 0n, rewards: 0n },
      { level: 2, people: 2, buyers: 2, purchased: 1000n, rewards: 30n },
      { level: 3, people: 1, buyers: 1, purchased: 1000n, rewards: 10n },
    ]);
    expect(await referralsByLevel(db.prisma, users.loner.id, 2)).toEqual([
      { level: 1, people: 0, buyers: 0, purchased: 0n, rewards: 0n },
      { level: 2, people: 0, buyers: 0, purchased: 0n, rewards: 0n },
    ]);
  });

  test('token balance with its value at the active round price, and what is pending', async () => {
    expect(await tokenBalance(db.prisma, users.a.id, token.id)).toEqual({
      tokens: 600n,
      value: { amountMinor: 1200n, currency: 'USD' }, // 600 × 0.02
      pending: 200n,
    });
    expect(await tokenBalance(db.prisma, users.top.id, token.id)).toMatchObject({ tokens: 40n, pending: 0n });
    expect(await tokenBalance(db.prisma, users.top.id, 99_999)).toBeNull();
  });

  test('every cached balance equals its ledger sum', async () => {
    for (const user of Object.values(users)) {
      expect(await balanceOf(db.prisma, user.id, token.symbol)).toBe(await ledgerSum(db.prisma, user.id, token.symbol));
    }
    await expectBooksBalance(db.prisma);
  });
});
