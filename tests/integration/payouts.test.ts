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
    chain = await startLocalChain({ orderedMempool: true });
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

describe('payouts: what is skipped, what fails, what gets stuck', () => {
  let chain: LocalChain;
  let database: Database;
  let clock: ReturnType<typeof fixedClock>;

  beforeAll(async () => {
    chain = await startLocalChain({ orderedMempool: true });
  });
  afterAll(() => chain.close());
  beforeEach(async () => {
    database = await createTestDb();
    clock = fixedClock();
    return () => database.close();
  });

  it('a user without a confirmed wallet on the payout chain is skipped with a reason; one user can be paid alone', async () => {
    const db = database.prisma;
    const world = await payoutWorld(db, coreDeps(db, { clock }), chain);
    const noWallet = await world.buyer(10n, { wallet: 'none' });
    const unconfirmed = await world.buyer(20n, { wallet: 'unconfirmed' });
    const otherChain = await world.buyer(30n, { wallet: 'none' });
    await db.wallet.create({ data: { userId: otherChain.userId, address: '0x000000000000000000000000000000000000dEaD', chainId: 1, confirmedAt: clock.now() } });
    const ready = await world.buyer(40n);
    const alsoReady = await world.buyer(50n);
    const deps = world.deps();

    const one = await createPayouts(deps, { userId: ready.userId });
    expect(one.ok && one.value.created.map((c) => c.userId)).toEqual([ready.userId]);
    const twice = await createPayouts(deps, { userId: ready.userId });
    expect(twice.ok && twice.value).toMatchObject({ created: [], skipped: [{ userId: ready.userId, reason: 'PAYOUT_OPEN' }] });

    const all = await createPayouts(deps, {});
    expect(all.ok && all.value.created.map((c) => c.userId)).toEqual([alsoReady.userId]);
    expect(all.ok && all.value.skipped).toEqual([
      { userId: noWallet.userId, reason: 'NO_WALLET' },
      { userId: unconfirmed.userId, reason: 'WALLET_NOT_CONFIRMED' },
      { userId: otherChain.userId, reason: 'WALLET_OTHER_CHAIN' },
      { userId: ready.userId, reason: 'PAYOUT_OPEN' },
    ]);
    expect(await createPayouts(deps, { userId: 999_999 })).toMatchObject({ ok: false, code: 'USER_NOT_FOUND' });
  });

  it('a reverted transfer (the hot wallet holds no tokens) fails the payout: nothing debited, rewards free again, reported', async () => {
    const db = database.prisma;
    const world = await payoutWorld(db, coreDeps(db, { clock }), chain, { minted: 0n });
    const referrer = await world.buyer(5n);
    await world.buyer(100n, { referrerId: referrer.userId });
    const deps = world.deps({ confirmations: 1 });
    await createPayouts(deps, { userId: referrer.userId });

    const run = await runPayouts(deps, { signPending: true });
    expect(run.failed).toMatchObject([{ userId: referrer.userId, amount: 15n, reason: 'REVERTED' }]);
    const payout = await db.payout.findFirstOrThrow({ where: { userId: referrer.userId } });
    expect(payout).toMatchObject({ status: 'FAILED', failReason: 'REVERTED' });
    expect(await world.balanceOnChain(referrer.address!)).toBe(0n);
    expect(await balanceOf(db, referrer.userId, world.symbol)).toBe(15n);
    expect(await db.ledgerEntry.count({ where: { kind: 'PAYOUT' } })).toBe(0);
    expect(await db.referralReward.findFirstOrThrow({ where: { beneficiaryId: referrer.userId } })).toMatchObject({ status: 'CREDITED', payoutId: null });
    await expectBooksBalance(db);
    // Its tokens are available again: a new payout can be made once the wallet is funded.
    const retry = await createPayouts(deps, { userId: referrer.userId });
    expect(retry.ok && retry.value.created.map((c) => c.amount)).toEqual([15n]);
  });

  it('a sent transfer not mined in time is flagged stuck and reported once; it settles normally once mined', async () => {
    const db = database.prisma;
    const world = await payoutWorld(db, coreDeps(db, { clock }), chain);
    const buyer = await world.buyer(70n);
    const deps = world.deps({ confirmations: 1, stuckAfterMs: 10 * 60_000 });
    await createPayouts(deps, {});
    await chain.provider.send('miner_stop', []);
    try {
      const run = await runPayouts(deps, { signPending: true });
      expect(run.sent).toHaveLength(1);
      expect(run.stuck).toEqual([]);
      clock.advance(11 * 60_000);
      const late = await runPayouts(deps, { signPending: true });
      expect(late.stuck).toMatchObject([{ userId: buyer.userId, amount: 70n }]);
      clock.advance(60 * 60_000);
      expect((await runPayouts(deps, { signPending: true })).stuck).toEqual([]); // told once
      expect((await db.payout.findFirstOrThrow({ where: { userId: buyer.userId } })).stuckAt).not.toBeNull();
    } finally {
      await chain.provider.send('miner_start', []);
    }
    await chain.mine(1);
    const settled = await runPayouts(deps, { signPending: true });
    expect(settled.confirmed).toMatchObject([{ userId: buyer.userId, amount: 70n }]);
    expect(await world.balanceOnChain(buyer.address!)).toBe(70n * ONE_TOKEN);
    await expectBooksBalance(db);
  });

  it('a payout whose nonce another transaction of the hot wallet took is failed, never paid and never debited', async () => {
    const db = database.prisma;
    const world = await payoutWorld(db, coreDeps(db, { clock }), chain);
    const buyer = await world.buyer(33n);
    const deps = world.deps({ confirmations: 1 });
    await createPayouts(deps, {});
    // Signed and stored, then the process dies before broadcasting...
    await expect(
      runPayouts(deps, { signPending: true }, {
        afterSign: () => {
          throw new Error('died');
        },
      }),
    ).rejects.toThrow('died');
    const payout = await db.payout.findFirstOrThrow({ where: { userId: buyer.userId } });
    // ...and meanwhile someone spends that nonce from the hot wallet by hand.
    await (await world.hotWallet.sendTransaction({ to: world.hotWallet.address, value: 0n, nonce: payout.nonce! })).wait();
    const run = await runPayouts(deps, { signPending: true });
    expect(run.failed).toMatchObject([{ payoutId: payout.id, reason: 'NONCE_TAKEN' }]);
    expect(await db.payout.findUniqueOrThrow({ where: { id: payout.id } })).toMatchObject({ status: 'FAILED', failReason: 'NONCE_TAKEN' });
    expect(await world.balanceOnChain(buyer.address!)).toBe(0n);
    expect(await balanceOf(db, buyer.userId, world.symbol)).toBe(33n);
    await expectBooksBalance(db);
  });

  it('two senders at once: each payout gets one transaction, nonces consecutive, everyone paid once', async () => {
    const db = database.prisma;
    const world = await payoutWorld(db, coreDeps(db, { clock }), chain);
    const buyers = [];
    for (let i = 0; i < 6; i++) buyers.push(await world.buyer(BigInt(10 + i)));
    const startNonce = await chain.provider.getTransactionCount(world.hotWallet.address, 'pending');
    await createPayouts(world.deps(), {});
    const [a, b] = await Promise.all([
      runPayouts(world.deps({ batchSize: 4, confirmations: 1 }), { signPending: true }),
      runPayouts(world.deps({ batchSize: 4, confirmations: 1 }), { signPending: true }),
    ]);
    expect([...a.signed, ...b.signed].sort()).toHaveLength(6);
    await runPayouts(world.deps({ confirmations: 1 }), { signPending: true });
    const payouts = await db.payout.findMany({ orderBy: { nonce: 'asc' } });
    expect(payouts.map((p) => p.status)).toEqual(Array(6).fill('CONFIRMED'));
    expect(payouts.map((p) => p.nonce)).toEqual([0, 1, 2, 3, 4, 5].map((i) => startNonce + i));
    expect(await chain.provider.getTransactionCount(world.hotWallet.address, 'latest')).toBe(startNonce + 6);
    for (const [i, buyer] of buyers.entries()) expect(await world.balanceOnChain(buyer.address!)).toBe(BigInt(10 + i) * ONE_TOKEN);
    await expectBooksBalance(db);
  });
});
