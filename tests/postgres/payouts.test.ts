import { afterAll, beforeAll, expect, test } from 'vitest';
import { createPayouts } from '../../src/core/payouts/create-payouts.js';
import { runPayouts } from '../../src/core/payouts/run-payouts.js';
import { type Database, openDatabase } from '../../src/infra/database.js';
import { type LocalChain, startLocalChain } from '../support/chain.js';
import { coreDeps, fixedClock } from '../support/factories.js';
import { expectBooksBalance } from '../support/ledger.js';
import { ONE_TOKEN, type PayoutWorld, payoutWorld } from '../support/payouts.js';
import { createPgTestDb, type PgTestDb } from '../support/postgres.js';

// Real concurrent connections: two "processes" (Prisma clients with pools of their own) paying
// out from the same hot wallet on the same local chain.
let a: PgTestDb;
let b: Database | undefined;
let chain: LocalChain;
let world: PayoutWorld;
const clock = fixedClock();

beforeAll(async () => {
  a = await createPgTestDb(30);
  b = await openDatabase({ url: a.url, dataDir: 'unused', poolSize: 30 });
  chain = await startLocalChain({ orderedMempool: true });
  world = await payoutWorld(a.prisma, coreDeps(a.prisma, { clock }), chain);
});
afterAll(async () => {
  await chain?.close();
  await b?.close();
  await a?.close();
});

/** The same world's payout sender on the second process's connections. */
const onB = (batchSize = 5) => ({ ...world.deps({ batchSize, confirmations: 1 }), db: b!.prisma });

test('twenty concurrent payout requests for one user reserve the balance once', async () => {
  const buyer = await world.buyer(700n);
  const results = await Promise.all(
    Array.from({ length: 20 }, (_, i) => createPayouts(i % 2 ? world.deps() : onB(), { userId: buyer.userId })),
  );
  const created = results.flatMap((r) => (r.ok ? r.value.created : []));
  expect(created).toMatchObject([{ userId: buyer.userId, amount: 700n }]);
  expect(await a.prisma.payout.count({ where: { userId: buyer.userId } })).toBe(1);
});

test('senders in two processes at once: one transaction per payout, consecutive nonces, each user paid once', async () => {
  const buyers = [];
  for (let i = 0; i < 12; i++) buyers.push(await world.buyer(BigInt(100 + i)));
  await createPayouts(world.deps(), {});
  const open = await a.prisma.payout.count({ where: { status: 'PENDING' } });
  const startNonce = await chain.provider.getTransactionCount(world.hotWallet.address, 'latest');
  await Promise.all([
    runPayouts(world.deps({ batchSize: 5, confirmations: 1 }), { signPending: true }),
    runPayouts(onB(), { signPending: true }),
    runPayouts(world.deps({ batchSize: 5, confirmations: 1 }), { signPending: true }),
    runPayouts(onB(), { signPending: true }),
  ]);
  await runPayouts(world.deps({ confirmations: 1 }), { signPending: true });
  const payouts = await a.prisma.payout.findMany({ orderBy: { nonce: 'asc' } });
  expect(payouts.map((p) => p.status)).toEqual(Array(open).fill('CONFIRMED'));
  expect(payouts.map((p) => p.nonce)).toEqual(Array.from({ length: open }, (_, i) => startNonce + i));
  expect(await chain.provider.getTransactionCount(world.hotWallet.address, 'latest')).toBe(startNonce + open);
  for (const [i, buyer] of buyers.entries()) expect(await world.balanceOnChain(buyer.address!)).toBe(BigInt(100 + i) * ONE_TOKEN);
  expect(await a.prisma.ledgerEntry.count({ where: { kind: 'PAYOUT' } })).toBe(open);
  await expectBooksBalance(a.prisma);
});
