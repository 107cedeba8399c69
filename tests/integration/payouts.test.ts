import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { balanceOf } from '../../src/core/ledger/balance.js';
import { createPayouts } from '../../src/core/payouts/create-payouts.js';
import { runPayouts } from '../../src/core/payouts/run-payouts.js';
import type { Database } from '../../src/infra/database.js';
import { type LocalChain, startLocalChain } from '../support/chain.js';
import { createTestDb } from '../support/db.js';
import { coreDeps, fixedClock } from '../support/factories.js';
import { expectBooksBalance } from '../support/ledger.js';
import { ONE_TOKEN, type PayoutWorld, payoutWorld } from '../support/payouts.js';

describe('payouts on a local chain', () => {
  let chain: LocalChain;
  let database: Database;
  let world: PayoutWorld;
  let clock: ReturnType<typeof fixedClock>;

  beforeAll(async () => {
    chain = await startLocalChain();
  });
  afterAll(() => chain.close());
  beforeEach(async () => {
    database = await createTestDb();
    clock = fixedClock();
    world = await payoutWorld(database.prisma, coreDeps(database.prisma, { clock }), chain);
    return () => database.close();
  });

  it('pays each balance (purchases and referral rewards) exactly once, debits the ledger once, marks the rewards sent', async () => {
    const db = database.prisma;
    const referrer = await world.buyer(100n);
    const buyer = await world.buyer(1000n, { referrerId: referrer.userId });
    // The referrer earned 10% of the buyer's 1000: 100 + 100 = 200.
    expect(await balanceOf(db, referrer.userId, world.symbol)).toBe(200n);

    const deps = world.deps();
    const created = await createPayouts(deps, {});
    expect(created.ok && created.value.created.map((c) => [c.userId, c.amount])).toEqual([
      [referrer.userId, 200n],
      [buyer.userId, 1000n],
    ]);
    const run = await runPayouts(deps, { signPending: true });
    expect(run.signed).toHaveLength(2);
    expect(run.sent).toHaveLength(2);
    expect(run.confirmed).toEqual([]); // mined, but not 3 blocks deep yet
    await chain.mine(2);
    const tracked = await runPayouts(deps, { signPending: true });
    expect(tracked.confirmed.map((c) => [c.userId, c.amount])).toEqual([
      [referrer.userId, 200n],
      [buyer.userId, 1000n],
    ]);

    expect(await world.balanceOnChain(referrer.address!)).toBe(200n * ONE_TOKEN);
    expect(await world.balanceOnChain(buyer.address!)).toBe(1000n * ONE_TOKEN);
    expect(await balanceOf(db, referrer.userId, world.symbol)).toBe(0n);
    expect(await balanceOf(db, buyer.userId, world.symbol)).toBe(0n);
    expect(await db.ledgerEntry.count({ where: { kind: 'PAYOUT' } })).toBe(2);
    const reward = await db.referralReward.findFirstOrThrow({ where: { beneficiaryId: referrer.userId } });
    const payout = await db.payout.findFirstOrThrow({ where: { userId: referrer.userId } });
    expect(reward).toMatchObject({ status: 'SENT', payoutTxHash: payout.txHash, payoutId: payout.id });
    await expectBooksBalance(db);

    // A second run creates and pays nothing more.
    const again = await createPayouts(deps, {});
    expect(again.ok && again.value.created).toEqual([]);
    await runPayouts(deps, { signPending: true });
    await chain.mine(3);
    await runPayouts(deps, { signPending: true });
    expect(await world.balanceOnChain(buyer.address!)).toBe(1000n * ONE_TOKEN);
    expect(await db.ledgerEntry.count({ where: { kind: 'PAYOUT' } })).toBe(2);
  });
});
