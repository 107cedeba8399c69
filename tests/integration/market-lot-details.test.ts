// A lot's card data for buyers (getLotDetails): prices in the display currency at the stored rate,
// the price with the fee, and which lots are not found or not on sale.

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { getLotDetails } from '../../src/core/market/get-lot-details.js';
import type { MarketDeps } from '../../src/core/market/deps.js';
import { storedRates } from '../../src/core/rates/stored-rates.js';
import type { Database } from '../../src/infra/database.js';
import { createTestDb } from '../support/db.js';
import { fixedClock, makeLot, makeMarket, makeSeller, marketDeps } from '../support/factories.js';

let db: Database;
let fresh: MarketDeps;
let stale: MarketDeps;
let made: Awaited<ReturnType<typeof makeMarket>>;
let sellerId: number;

beforeAll(async () => {
  db = await createTestDb();
  await db.prisma.currencyRate.create({
    data: { source: 'cbr', base: 'USD', quote: 'RUB', rate: '90', rateDate: new Date('2026-01-15'), fetchedAt: new Date('2026-01-15T08:00:00Z') },
  });
  const now = fixedClock(new Date('2026-01-15T12:00:00Z'));
  const later = fixedClock(new Date('2026-01-20T12:00:00Z'));
  fresh = marketDeps(db.prisma, { clock: now, rates: storedRates(db.prisma, { maxAgeHours: 96, clock: now }) });
  stale = marketDeps(db.prisma, { clock: later, rates: storedRates(db.prisma, { maxAgeHours: 96, clock: later }) });
  made = await makeMarket(db.prisma);
  sellerId = (await makeSeller(db.prisma, { firstName: 'Seller' })).id;
  // 2% with a minimum of 50.00 RUB: a 1.50 USD lot pays the minimum, converted to USD.
  await db.prisma.feeRule.create({ data: { marketId: made.market.id, percent: '2', minMinor: 5000n, minCurrency: 'RUB' } });
});
afterAll(() => db.close());

describe('getLotDetails', () => {
  test('the display price and the price with the fee, converted at the stored rate', async () => {
    const lot = await makeLot(db.prisma, sellerId, made.category.id, { price: '1.5', currency: 'USD', leagueId: made.league.id, platform: 'PC' });
    const result = await getLotDetails(fresh, { lotId: lot.id, displayCurrency: 'RUB' });
    if (!result.ok) throw new Error(result.code);
    // The minimum 50 RUB in USD: 50 / 90 = 0.5555… → 56 cents (rounded up); 2% of 150 cents is 3.
    expect(result.value).toMatchObject({
      price: '1.5',
      currency: 'USD',
      displayCurrency: 'RUB',
      displayPrice: '135.00',
      withFee: { priceMinor: 150n, feeMinor: 56n, totalMinor: 206n, currency: 'USD' },
      withFeeDisplayMinor: 18540n,
      league: { id: made.league.id, name: 'Europe' },
      platform: 'PC',
      seller: { id: sellerId, name: 'Seller', rating: null, reviews: 0, sales: 0 },
    });
  });

  test('stale rates: no display price, and no price with the fee when its minimum needs the rate', async () => {
    const lot = await makeLot(db.prisma, sellerId, made.category.id, { price: '1.5', currency: 'USD' });
    const result = await getLotDetails(stale, { lotId: lot.id, displayCurrency: 'RUB' });
    if (!result.ok) throw new Error(result.code);
    expect(result.value).toMatchObject({ displayPrice: null, withFee: null, withFeeDisplayMinor: null });
    // In the lot's own currency nothing needs converting for the display.
    const own = await getLotDetails(stale, { lotId: lot.id, displayCurrency: 'USD' });
    expect(own.ok && own.value.displayPrice).toBe('1.50');
  });

  test('not found: unknown, deleted, out of range; unavailable: paused, sold out, archived; a currency not offered', async () => {
    const deleted = await makeLot(db.prisma, sellerId, made.category.id);
    await db.prisma.lot.update({ where: { id: deleted.id }, data: { active: false, deletedAt: new Date() } });
    const paused = await makeLot(db.prisma, sellerId, made.category.id, { active: false });
    const soldOut = await makeLot(db.prisma, sellerId, made.category.id, { quantity: 0n });
    const other = await makeMarket(db.prisma);
    const archived = await makeLot(db.prisma, sellerId, other.category.id);
    await db.prisma.market.update({ where: { id: other.market.id }, data: { archivedAt: new Date() } });
    const code = async (lotId: number, displayCurrency = 'USD') => {
      const result = await getLotDetails(fresh, { lotId, displayCurrency });
      return result.ok ? 'ok' : result.code;
    };
    expect(await code(999_999)).toBe('LOT_NOT_FOUND');
    expect(await code(deleted.id)).toBe('LOT_NOT_FOUND');
    expect(await code(2 ** 31)).toBe('LOT_NOT_FOUND');
    expect(await code(paused.id)).toBe('LOT_UNAVAILABLE');
    expect(await code(soldOut.id)).toBe('LOT_UNAVAILABLE');
    expect(await code(archived.id)).toBe('LOT_UNAVAILABLE');
    expect(await code(paused.id, 'GBP')).toBe('BAD_DISPLAY_CURRENCY');
  });
});
