import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CoreDeps } from '../../src/core/deps.js';
import { quotePurchase } from '../../src/core/tokens/quote-purchase.js';
import { startPurchase } from '../../src/core/tokens/start-purchase.js';
import type { Database } from '../../src/infra/database.js';
import { createTestDb } from '../support/db.js';
import { coreDeps, fixedClock, makeToken, makeUser } from '../support/factories.js';

let db: Database;
let deps: CoreDeps;
const clock = fixedClock();

beforeAll(async () => {
  db = await createTestDb();
  deps = coreDeps(db.prisma, { clock });
});
afterAll(() => db.close());

describe('quoting a purchase', () => {
  test('gives the exact price the order will then carry, and reserves nothing', async () => {
    const token = await makeToken(db.prisma, [{ name: 'Seed', cap: 10_000n, unitPrice: '0.0125' }]);
    const quote = await quotePurchase(deps, { tokenId: token.id, amount: '7' });
    expect(quote).toMatchObject({ ok: true, value: { roundName: 'Seed', amount: 7n, priceMinor: 9n, currency: 'USD' } });
    if (!quote.ok) return;
    expect(quote.value.unitPrice.toString()).toBe('0.0125');
    expect(await db.prisma.tokenRound.findUniqueOrThrow({ where: { id: token.rounds[0]!.id } })).toMatchObject({ reserved: 0n, sold: 0n });
    expect(await db.prisma.tokenOrder.count({ where: { roundId: token.rounds[0]!.id } })).toBe(0);

    const buyer = await makeUser(db.prisma);
    const started = await startPurchase(deps, { buyerId: buyer.id, tokenId: token.id, amount: 7n });
    expect(started.ok && started.value.priceMinor).toBe(quote.value.priceMinor);
  });

  test.each([
    ['abc', 'AMOUNT_INVALID', undefined],
    ['2.5', 'AMOUNT_NOT_WHOLE', undefined],
    ['0', 'AMOUNT_TOO_SMALL', undefined],
    ['99999999999999999999999', 'AMOUNT_TOO_LARGE', undefined],
    ['4', 'AMOUNT_BELOW_MINIMUM', { min: '5' }],
    ['501', 'AMOUNT_ABOVE_MAXIMUM', { max: '500' }],
    ['301', 'AMOUNT_EXCEEDS_AVAILABLE', { left: '300' }],
  ])('%j is refused with %s, the same as startPurchase would', async (amount, code, details) => {
    const token = await makeToken(db.prisma, [{ cap: 1000n, minPurchase: 5n, maxPurchase: 500n }]);
    await db.prisma.tokenRound.update({ where: { id: token.rounds[0]!.id }, data: { sold: 700n } });
    const quote = await quotePurchase(deps, { tokenId: token.id, amount });
    expect(quote).toEqual(details ? { ok: false, code, details } : { ok: false, code });
    const buyer = await makeUser(db.prisma);
    expect(await startPurchase(deps, { buyerId: buyer.id, tokenId: token.id, amount })).toEqual(quote);
  });

  test('a round with everything reserved is sold out; a round not started says when it starts', async () => {
    const reservedAll = await makeToken(db.prisma, [{ cap: 100n }]);
    await db.prisma.tokenRound.update({ where: { id: reservedAll.rounds[0]!.id }, data: { reserved: 100n } });
    expect(await quotePurchase(deps, { tokenId: reservedAll.id, amount: 1 })).toEqual({ ok: false, code: 'ROUND_SOLD_OUT' });

    const startsAt = new Date(clock.now().getTime() + 3_600_000);
    const later = await makeToken(db.prisma, [{ startsAt }]);
    expect(await quotePurchase(deps, { tokenId: later.id, amount: 1 })).toEqual({
      ok: false,
      code: 'ROUND_NOT_STARTED',
      details: { startsAt: startsAt.toISOString() },
    });
  });

  test('with no active round, or no such token, the sale is not active', async () => {
    const over = await makeToken(db.prisma, [{ status: 'COMPLETE' }]);
    expect(await quotePurchase(deps, { tokenId: over.id, amount: 1 })).toEqual({ ok: false, code: 'SALE_NOT_ACTIVE' });
    expect(await quotePurchase(deps, { tokenId: 987_654, amount: 1 })).toEqual({ ok: false, code: 'SALE_NOT_ACTIVE' });
  });

  test('an ended round is closed first and the next round quotes at its own price', async () => {
    const token = await makeToken(db.prisma, [
      { unitPrice: '0.01', endsAt: new Date(clock.now().getTime() - 1000) },
      { unitPrice: '0.02', name: 'Next' },
    ]);
    const quote = await quotePurchase(deps, { tokenId: token.id, amount: 100 });
    expect(quote).toMatchObject({ ok: true, value: { roundName: 'Next', priceMinor: 200n } });
  });
});
