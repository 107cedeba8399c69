import { afterAll, beforeAll, expect, test } from 'vitest';
import { rejectWithdrawal } from '../../src/core/market/withdrawals/reject-withdrawal.js';
import { requestWithdrawal } from '../../src/core/market/withdrawals/request-withdrawal.js';
import { type Database, openDatabase } from '../../src/infra/database.js';
import { coreDeps, makeSeller, makeUser } from '../support/factories.js';
import { expectBooksBalance } from '../support/ledger.js';
import { createPgTestDb, type PgTestDb } from '../support/postgres.js';

// Two "processes" (Prisma clients with pools of their own) on real concurrent connections.
let a: PgTestDb;
let b: Database | undefined;

beforeAll(async () => {
  a = await createPgTestDb(30);
  b = await openDatabase({ url: a.url, dataDir: 'unused', poolSize: 30 });
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

test('50 concurrent withdrawal requests from two processes never take more than the proceeds', async () => {
  const seller = await makeSeller(a.prisma);
  await a.prisma.$transaction([
    a.prisma.ledgerEntry.create({ data: { userId: seller.id, kind: 'SALE_PROCEEDS', asset: 'USD', amount: 10_000n, source: 'test:pg' } }),
    a.prisma.balance.create({ data: { userId: seller.id, asset: 'USD', amount: 10_000n } }),
  ]);
  const results = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      requestWithdrawal(coreDeps(i % 2 === 0 ? a.prisma : b!.prisma), { sellerId: seller.id, currency: 'USD', amountMinor: 700n, destination: `card ${i}` }),
    ),
  );
  const granted = results.filter((r) => r.ok);
  expect(granted).toHaveLength(14); // 14 × 7.00 = 98.00 of 100.00
  expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.code === 'INSUFFICIENT_PROCEEDS')).toBe(true);
  const balance = await a.prisma.balance.findUniqueOrThrow({ where: { userId_asset: { userId: seller.id, asset: 'USD' } } });
  expect(balance.amount).toBe(200n);
  expect(await a.prisma.withdrawal.count({ where: { sellerId: seller.id } })).toBe(14);

  // Rejecting one from both processes at once gives it back exactly once.
  const admin = await makeUser(a.prisma);
  const first = granted[0]!;
  if (!first.ok) throw new Error('unreachable');
  const rejections = await Promise.all([a.prisma, b!.prisma, a.prisma, b!.prisma].map((client) =>
    rejectWithdrawal(coreDeps(client), { withdrawalId: first.value.withdrawalId, adminId: admin.id, reason: 'wrong card' }),
  ));
  expect(rejections.filter((r) => r.ok)).toHaveLength(1);
  expect((await a.prisma.balance.findUniqueOrThrow({ where: { userId_asset: { userId: seller.id, asset: 'USD' } } })).amount).toBe(900n);
  await expectBooksBalance(a.prisma);
});
