import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CoreDeps } from '../../src/core/deps.js';
import { markWithdrawalPaid } from '../../src/core/market/withdrawals/mark-withdrawal-paid.js';
import { rejectWithdrawal } from '../../src/core/market/withdrawals/reject-withdrawal.js';
import { requestWithdrawal } from '../../src/core/market/withdrawals/request-withdrawal.js';
import { sellerProceeds } from '../../src/core/market/withdrawals/seller-proceeds.js';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import type { Database } from '../../src/infra/database.js';
import { createTestDb } from '../support/db.js';
import { coreDeps, makeSeller, makeUser } from '../support/factories.js';
import { expectBooksBalance } from '../support/ledger.js';

let db: Database;
let core: CoreDeps;

beforeAll(async () => {
  db = await createTestDb();
  core = coreDeps(db.prisma);
});
afterAll(() => db.close());

/** Sale proceeds booked the way the escrow release books them: a SALE_PROCEEDS entry and the cached balance. */
async function creditProceeds(prisma: PrismaClient, userId: number, currency: string, amount: bigint, source: string) {
  await prisma.$transaction([
    prisma.ledgerEntry.create({ data: { userId, kind: 'SALE_PROCEEDS', asset: currency, amount, source } }),
    prisma.balance.upsert({
      where: { userId_asset: { userId, asset: currency } },
      create: { userId, asset: currency, amount },
      update: { amount: { increment: amount } },
    }),
  ]);
}

const available = async (sellerId: number, currency: string) =>
  (await sellerProceeds(db.prisma, sellerId)).find((p) => p.currency === currency)?.availableMinor ?? 0n;

describe('requesting a withdrawal', () => {
  test('takes the amount off the proceeds at once, with a WITHDRAWAL entry keyed on the withdrawal', async () => {
    const seller = await makeSeller(db.prisma);
    await creditProceeds(db.prisma, seller.id, 'USD', 10_000n, `test:${seller.id}:1`);
    const result = await requestWithdrawal(core, { sellerId: seller.id, currency: 'USD', amountMinor: 2_500n, destination: 'IBAN DE00 1234' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.balanceMinor).toBe(7_500n);
    expect(await available(seller.id, 'USD')).toBe(7_500n);
    const proceeds = await sellerProceeds(db.prisma, seller.id);
    expect(proceeds).toEqual([{ currency: 'USD', availableMinor: 7_500n, heldMinor: 0n, requestedMinor: 2_500n }]);
    const entry = await db.prisma.ledgerEntry.findUnique({ where: { kind_source: { kind: 'WITHDRAWAL', source: `withdrawal:${result.value.withdrawalId}` } } });
    expect(entry?.amount).toBe(-2_500n);
    await expectBooksBalance(db.prisma);
  });

  test('more than the proceeds, another currency, nothing at all: refused, nothing changes', async () => {
    const seller = await makeSeller(db.prisma);
    await creditProceeds(db.prisma, seller.id, 'EUR', 1_000n, `test:${seller.id}:1`);
    const ask = (amountMinor: bigint, currency = 'EUR', destination = 'card 4242') =>
      requestWithdrawal(core, { sellerId: seller.id, currency, amountMinor, destination });
    expect(await ask(1_001n)).toEqual({ ok: false, code: 'INSUFFICIENT_PROCEEDS' });
    expect(await ask(1n, 'USD')).toEqual({ ok: false, code: 'INSUFFICIENT_PROCEEDS' });
    expect(await ask(0n)).toEqual({ ok: false, code: 'AMOUNT_INVALID' });
    expect(await ask(-5n)).toEqual({ ok: false, code: 'AMOUNT_INVALID' });
    expect(await ask(5n, 'ZZZ')).toEqual({ ok: false, code: 'CURRENCY_INVALID' });
    expect(await ask(5n, 'EUR', '   ')).toEqual({ ok: false, code: 'DESTINATION_INVALID' });
    expect(await ask(5n, 'EUR', 'x'.repeat(301))).toEqual({ ok: false, code: 'DESTINATION_INVALID' });
    expect(await db.prisma.withdrawal.count({ where: { sellerId: seller.id } })).toBe(0);
    expect(await available(seller.id, 'EUR')).toBe(1_000n);
  });

  test('a user who is not an approved seller cannot withdraw', async () => {
    const user = await makeUser(db.prisma);
    await creditProceeds(db.prisma, user.id, 'USD', 1_000n, `test:${user.id}:1`);
    expect(await requestWithdrawal(core, { sellerId: user.id, currency: 'USD', amountMinor: 100n, destination: 'x' })).toEqual({
      ok: false,
      code: 'NOT_A_SELLER',
    });
  });

  test('requests at once never exceed the proceeds together', async () => {
    const seller = await makeSeller(db.prisma);
    await creditProceeds(db.prisma, seller.id, 'RUB', 10_000n, `test:${seller.id}:1`);
    const results = await Promise.all(
      Array.from({ length: 8 }, () => requestWithdrawal(core, { sellerId: seller.id, currency: 'RUB', amountMinor: 3_000n, destination: 'card' })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.code === 'INSUFFICIENT_PROCEEDS')).toBe(true);
    expect(await available(seller.id, 'RUB')).toBe(1_000n);
    await expectBooksBalance(db.prisma);
  });
});

describe('deciding a withdrawal', () => {
  async function requested(amount = 4_000n) {
    const seller = await makeSeller(db.prisma);
    const admin = await makeUser(db.prisma);
    await creditProceeds(db.prisma, seller.id, 'USD', 10_000n, `test:${seller.id}:1`);
    const result = await requestWithdrawal(core, { sellerId: seller.id, currency: 'USD', amountMinor: amount, destination: 'card' });
    if (!result.ok) throw new Error(result.code);
    return { seller, admin, withdrawalId: result.value.withdrawalId };
  }

  test('marked paid: the reference is kept, the debit stands, the seller is named; a second decision is refused', async () => {
    const { seller, admin, withdrawalId } = await requested();
    const paid = await markWithdrawalPaid(core, { withdrawalId, adminId: admin.id, reference: ' TX-991 ' });
    expect(paid.ok && paid.value).toMatchObject({ status: 'PAID', reference: 'TX-991', amountMinor: 4_000n, currency: 'USD', seller: { userId: seller.id } });
    expect(await available(seller.id, 'USD')).toBe(6_000n);
    expect(await markWithdrawalPaid(core, { withdrawalId, adminId: admin.id, reference: 'again' })).toEqual({ ok: false, code: 'WITHDRAWAL_ALREADY_DECIDED' });
    expect(await rejectWithdrawal(core, { withdrawalId, adminId: admin.id, reason: 'no' })).toEqual({ ok: false, code: 'WITHDRAWAL_ALREADY_DECIDED' });
    expect(await available(seller.id, 'USD')).toBe(6_000n);
    await expectBooksBalance(db.prisma);
  });

  test('rejected: the amount comes back once, by a REFUND entry keyed on the withdrawal', async () => {
    const { seller, admin, withdrawalId } = await requested();
    const rejected = await rejectWithdrawal(core, { withdrawalId, adminId: admin.id, reason: 'Card number is wrong' });
    expect(rejected.ok && rejected.value).toMatchObject({ status: 'REJECTED', reason: 'Card number is wrong' });
    expect(await available(seller.id, 'USD')).toBe(10_000n);
    expect(await rejectWithdrawal(core, { withdrawalId, adminId: admin.id, reason: 'again' })).toEqual({ ok: false, code: 'WITHDRAWAL_ALREADY_DECIDED' });
    expect(await available(seller.id, 'USD')).toBe(10_000n);
    const refunds = await db.prisma.ledgerEntry.findMany({ where: { kind: 'REFUND', source: `WITHDRAWAL:withdrawal:${withdrawalId}` } });
    expect(refunds.map((r) => r.amount)).toEqual([4_000n]);
    await expectBooksBalance(db.prisma);
  });

  test('bad references and reasons, unknown withdrawals: refused, nothing changes', async () => {
    const { admin, withdrawalId } = await requested();
    expect(await markWithdrawalPaid(core, { withdrawalId, adminId: admin.id, reference: '  ' })).toEqual({ ok: false, code: 'REFERENCE_INVALID' });
    expect(await markWithdrawalPaid(core, { withdrawalId, adminId: admin.id, reference: 'r'.repeat(201) })).toEqual({ ok: false, code: 'REFERENCE_INVALID' });
    expect(await rejectWithdrawal(core, { withdrawalId, adminId: admin.id, reason: '' })).toEqual({ ok: false, code: 'REASON_INVALID' });
    expect(await markWithdrawalPaid(core, { withdrawalId: 999_999, adminId: admin.id, reference: 'x' })).toEqual({ ok: false, code: 'WITHDRAWAL_NOT_FOUND' });
    expect(await rejectWithdrawal(core, { withdrawalId: 999_999, adminId: admin.id, reason: 'x' })).toEqual({ ok: false, code: 'WITHDRAWAL_NOT_FOUND' });
    expect((await db.prisma.withdrawal.findUnique({ where: { id: withdrawalId } }))?.status).toBe('REQUESTED');
  });
});
