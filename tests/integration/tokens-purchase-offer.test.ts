import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CoreDeps } from '../../src/core/deps.js';
import { purchaseOffer } from '../../src/core/tokens/purchase-offer.js';
import type { Database } from '../../src/infra/database.js';
import { createTestDb } from '../support/db.js';
import { coreDeps, fixedClock, makeToken } from '../support/factories.js';

let db: Database;
let deps: CoreDeps;
const clock = fixedClock();

beforeAll(async () => {
  db = await createTestDb();
  deps = coreDeps(db.prisma, { clock });
});
afterAll(() => db.close());

describe('the purchase offer', () => {
  test('is the active round: price, limits and what can still be reserved', async () => {
    const token = await makeToken(db.prisma, [{ name: 'Seed', cap: 1000n, unitPrice: '0.0125', minPurchase: 10n, maxPurchase: 500n }]);
    await db.prisma.tokenRound.update({ where: { id: token.rounds[0]!.id }, data: { sold: 300n, reserved: 100n } });
    const offer = await purchaseOffer(deps, token.id);
    expect(offer).toMatchObject({ ok: true, value: { roundName: 'Seed', currency: 'USD', min: 10n, max: 500n, left: 600n } });
    expect(offer.ok && offer.value.unitPrice.toString()).toBe('0.0125');
  });

  test('says why nothing can be bought: sold out (or less left than the minimum), not started, over, not open', async () => {
    const reserved = await makeToken(db.prisma, [{ cap: 100n, minPurchase: 10n }]);
    await db.prisma.tokenRound.update({ where: { id: reserved.rounds[0]!.id }, data: { reserved: 95n } });
    expect(await purchaseOffer(deps, reserved.id)).toEqual({ ok: false, code: 'ROUND_SOLD_OUT' });

    const startsAt = new Date(clock.now().getTime() + 60_000);
    const later = await makeToken(db.prisma, [{ startsAt }]);
    expect(await purchaseOffer(deps, later.id)).toEqual({ ok: false, code: 'ROUND_NOT_STARTED', details: { startsAt: startsAt.toISOString() } });

    const soldOut = await makeToken(db.prisma, [{ cap: 100n }]);
    await db.prisma.tokenRound.update({ where: { id: soldOut.rounds[0]!.id }, data: { sold: 100n } });
    expect(await purchaseOffer(deps, soldOut.id)).toEqual({ ok: false, code: 'SALE_COMPLETE' });

    const noRounds = await makeToken(db.prisma, []);
    expect(await purchaseOffer(deps, noRounds.id)).toEqual({ ok: false, code: 'SALE_NOT_ACTIVE' });
  });
});
