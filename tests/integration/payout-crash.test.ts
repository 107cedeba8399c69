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

class ProcessDied extends Error {}

// The process dies (the run throws and its sender is dropped) at the worst moments; a new sender
// on the same database and chain (a restart) must pay each user exactly once.
describe('payouts survive a crash', () => {
  let chain: LocalChain;
  let database: Database;
  let world: PayoutWorld;

  beforeAll(async () => {
    chain = await startLocalChain();
  });
  afterAll(() => chain.close());
  beforeEach(async () => {
    database = await createTestDb();
    world = await payoutWorld(database.prisma, coreDeps(database.prisma, { clock: fixedClock() }), chain);
    return () => database.close();
  });

  const txCount = () => chain.provider.getTransactionCount(world.hotWallet.address, 'latest');

  it('dies after the broadcast, before the payout is recorded SENT: the restart finds the same transaction and pays once', async () => {
    const db = database.prisma;
    const first = await world.buyer(300n);
    const second = await world.buyer(400n);
    const nonceBefore = await txCount();
    await createPayouts(world.deps(), {});

    const doomed = world.deps({ confirmations: 1 });
    await expect(
      runPayouts(doomed, { signPending: true }, {
        afterBroadcast: () => {
          throw new ProcessDied('killed right after eth_sendRawTransaction');
        },
      }),
    ).rejects.toBeInstanceOf(ProcessDied);
    // The first transfer went out and was mined; the database still says SIGNED.
    const stored = await db.payout.findMany({ orderBy: { nonce: 'asc' } });
    expect(stored.map((p) => p.status)).toEqual(['SIGNED', 'SIGNED']);
    expect(await world.balanceOnChain(first.address!)).toBe(300n * ONE_TOKEN);
    expect(await txCount()).toBe(nonceBefore + 1);

    // Restart: a new sender signs nothing new; it sends the second stored transaction, and finds
    // the first (still SIGNED in the database) mined on the chain by its stored hash.
    const restarted = world.deps({ confirmations: 1 });
    const run = await runPayouts(restarted, { signPending: true });
    expect(run.signed).toEqual([]);
    expect(run.sent).toEqual([stored[1]!.id]);
    expect(run.confirmed.map((c) => c.userId).sort()).toEqual([first.userId, second.userId].sort());
    const after = await db.payout.findMany({ orderBy: { nonce: 'asc' } });
    expect(after.map((p) => p.txHash)).toEqual(stored.map((p) => p.txHash));
    expect(after.map((p) => p.nonce)).toEqual([nonceBefore, nonceBefore + 1]); // no nonce skipped
    expect(await txCount()).toBe(nonceBefore + 2); // two transactions, no more
    expect(await world.balanceOnChain(first.address!)).toBe(300n * ONE_TOKEN);
    expect(await world.balanceOnChain(second.address!)).toBe(400n * ONE_TOKEN);
    expect(await balanceOf(db, first.userId, world.symbol)).toBe(0n);
    expect(await db.ledgerEntry.count({ where: { kind: 'PAYOUT' } })).toBe(2);
    await expectBooksBalance(db);

    // Another restart changes nothing.
    await runPayouts(world.deps({ confirmations: 1 }), { signPending: true });
    expect(await txCount()).toBe(nonceBefore + 2);
    expect(await db.ledgerEntry.count({ where: { kind: 'PAYOUT' } })).toBe(2);
  });

  it('dies after signing, before any broadcast: the restart broadcasts the stored transaction once', async () => {
    const db = database.prisma;
    const buyer = await world.buyer(250n);
    const nonceBefore = await txCount();
    await createPayouts(world.deps(), {});
    await expect(
      runPayouts(world.deps({ confirmations: 1 }), { signPending: true }, {
        afterSign: () => {
          throw new ProcessDied('killed after the signed transactions were stored');
        },
      }),
    ).rejects.toBeInstanceOf(ProcessDied);
    const stored = await db.payout.findFirstOrThrow({ where: { userId: buyer.userId } });
    expect(stored).toMatchObject({ status: 'SIGNED', nonce: nonceBefore, attempts: 0 });
    expect(await txCount()).toBe(nonceBefore);

    // The minute sweep (signing nothing new) is enough to finish it.
    const run = await runPayouts(world.deps({ confirmations: 1 }), { signPending: false });
    expect(run.confirmed).toMatchObject([{ userId: buyer.userId, amount: 250n, txHash: stored.txHash }]);
    expect(await db.payout.findFirstOrThrow({ where: { userId: buyer.userId } })).toMatchObject({ status: 'CONFIRMED', attempts: 1 });
    expect(await txCount()).toBe(nonceBefore + 1);
    expect(await world.balanceOnChain(buyer.address!)).toBe(250n * ONE_TOKEN);
    await expectBooksBalance(db);
  });

  it('a broadcast the node refuses for now is retried with the same transaction, never a new one', async () => {
    const db = database.prisma;
    const buyer = await world.buyer(60n);
    await createPayouts(world.deps(), {});
    const flaky = world.deps({ confirmations: 1 });
    const realBroadcast = flaky.payouts.chain.broadcast;
    flaky.payouts.chain.broadcast = () => Promise.reject(new Error('connection reset'));
    const down = await runPayouts(flaky, { signPending: true });
    expect(down.retrying).toMatchObject([{ error: 'connection reset' }]);
    const stored = await db.payout.findFirstOrThrow({ where: { userId: buyer.userId } });
    expect(stored).toMatchObject({ status: 'SIGNED', lastError: 'connection reset', attempts: 1 });
    flaky.payouts.chain.broadcast = realBroadcast;
    const up = await runPayouts(flaky, { signPending: true });
    expect(up.confirmed).toMatchObject([{ txHash: stored.txHash }]);
    expect(await world.balanceOnChain(buyer.address!)).toBe(60n * ONE_TOKEN);
  });
  it('dies after the confirmation, before the user is told: the next run tells them, once', async () => {
    const db = database.prisma;
    const buyer = await world.buyer(250n);
    await createPayouts(world.deps(), {});
    // The run confirms the payout (ledger debited) and then the process dies: it never gets to
    // telling the user. Here that is the confirmation's notice claim failing.
    const dying = new Proxy(db, {
      get(target, property, receiver) {
        if (property === '$queryRaw') {
          return (query: TemplateStringsArray | { strings: string[] }, ...values: unknown[]) =>
            ('strings' in query ? query.strings : query).join('').includes('notified_at = ')
              ? Promise.reject(new ProcessDied('killed before telling'))
              : target.$queryRaw(query as TemplateStringsArray, ...values);
        }
        const value = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    await expect(runPayouts({ ...world.deps({ confirmations: 1 }), db: dying }, { signPending: true })).rejects.toBeInstanceOf(ProcessDied);
    expect((await db.payout.findFirstOrThrow({ where: { userId: buyer.userId } })).status).toBe('CONFIRMED');

    const restarted = await runPayouts(world.deps({ confirmations: 1 }), { signPending: true });
    expect(restarted.confirmed.map((c) => c.userId)).toEqual([buyer.userId]);
    expect((await runPayouts(world.deps({ confirmations: 1 }), { signPending: true })).confirmed).toEqual([]);
    expect(await world.balanceOnChain(buyer.address!)).toBe(250n * ONE_TOKEN);
    await expectBooksBalance(db);
  });
});
