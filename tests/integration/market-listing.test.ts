// Listing a category's lots: filters, price sort and filters in the buyer's display currency,
// search, paging, the card's data, and the same number of statements whatever the page size.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '../../src/generated/prisma/client.js';
import type { MarketDeps } from '../../src/core/market/deps.js';
import { type LotFilters, listLots, lotSearchConditions } from '../../src/core/market/list-lots.js';
import { storedRates } from '../../src/core/rates/stored-rates.js';
import type { Database } from '../../src/infra/database.js';
import { createCountingTestDb } from '../support/db.js';
import { fixedClock, makeLot, makeMarket, makeSeller, marketDeps } from '../support/factories.js';

let db: Database & { statements: string[] };
let deps: MarketDeps;
let categoryId: number;
let eu: number;
let us: number;
const ids: Record<string, number> = {};

beforeAll(async () => {
  db = await createCountingTestDb();
  const clock = fixedClock(new Date('2026-01-15T12:00:00Z'));
  // Published rates as the rates feature stores them: 1 USD = 90 RUB, 1 EUR = 100 RUB.
  await db.prisma.currencyRate.createMany({
    data: [
      { source: 'cbr', base: 'USD', quote: 'RUB', rate: '90', rateDate: new Date('2026-01-15'), fetchedAt: clock.now() },
      { source: 'cbr', base: 'EUR', quote: 'RUB', rate: '100', rateDate: new Date('2026-01-15'), fetchedAt: clock.now() },
    ],
  });
  deps = marketDeps(db.prisma, { clock, rates: storedRates(db.prisma, { maxAgeHours: 96, clock }) });
  const { market, category, league } = await makeMarket(db.prisma);
  categoryId = category.id;
  eu = league.id;
  us = (await db.prisma.lotLeague.create({ data: { marketId: market.id, name: 'America' } })).id;
  const good = await makeSeller(db.prisma, { firstName: 'Good' });
  const fair = await makeSeller(db.prisma, { firstName: 'Fair' });
  await db.prisma.sellerProfile.update({ where: { userId: good.id }, data: { ratingSum: 19, ratingCount: 4, salesCount: 12 } });
  await db.prisma.sellerProfile.update({ where: { userId: fair.id }, data: { ratingSum: 6, ratingCount: 2, salesCount: 3 } });
  const at = (minute: number) => new Date(Date.UTC(2026, 0, 10, 12, minute));
  // Per single unit, in RUB: cheapRub 0.8, usd 0.9 (0.01 USD), eur 1.0 (0.01 EUR), dearRub 2.5 (2500 per 1000).
  const lots = [
    { key: 'cheapRub', seller: fair.id, price: '0.8', priceUnit: 1n, currency: 'RUB', shortDescription: 'Cheap gold, Europe', platform: 'PC', language: 'RU', leagueId: eu },
    { key: 'usd', seller: good.id, price: '10', priceUnit: 1000n, currency: 'USD', shortDescription: 'Gold by the thousand', platform: 'PC', language: 'EN', leagueId: us },
    { key: 'eur', seller: good.id, price: '0.01', priceUnit: 1n, currency: 'EUR', shortDescription: 'Euro gold', platform: 'IOS', language: 'EN', leagueId: eu },
    { key: 'dearRub', seller: fair.id, price: '2500', priceUnit: 1000n, currency: 'RUB', shortDescription: 'Premium DRAGON gold 100%_pure', platform: 'ANDROID', language: 'RU', leagueId: null },
  ] as const;
  for (const [i, l] of lots.entries()) {
    const lot = await makeLot(db.prisma, l.seller, categoryId, { ...l });
    await db.prisma.lot.update({ where: { id: lot.id }, data: { createdAt: at(i) } });
    ids[l.key] = lot.id;
  }
  // Not listed: paused, sold out, deleted, another category.
  await makeLot(db.prisma, good.id, categoryId, { active: false, shortDescription: 'paused gold' });
  await makeLot(db.prisma, good.id, categoryId, { quantity: 0n, shortDescription: 'sold out gold' });
  const deleted = await makeLot(db.prisma, good.id, categoryId, { shortDescription: 'deleted gold' });
  await db.prisma.lot.update({ where: { id: deleted.id }, data: { active: false, deletedAt: new Date() } });
  await makeLot(db.prisma, good.id, (await makeMarket(db.prisma)).category.id, { shortDescription: 'elsewhere gold' });
});
afterAll(async () => {
  await db?.close();
});

const list = async (filters: Partial<LotFilters>) => {
  const result = await listLots(deps, { categoryId, ...filters });
  if (!result.ok) throw new Error(result.code);
  return result.value;
};
const keys = (page: { items: Array<{ id: number }> }) => page.items.map((i) => Object.entries(ids).find(([, id]) => id === i.id)?.[0] ?? `#${i.id}`);

describe('listing lots of a category', () => {
  it('only lots on sale; by price per single unit in the display currency, cheapest first', async () => {
    const page = await list({});
    expect(keys(page)).toEqual(['cheapRub', 'usd', 'eur', 'dearRub']);
    expect(page).toMatchObject({ total: 4, page: 1, pageSize: 20, displayCurrency: 'RUB', unconvertible: [] });
    expect(keys(await list({ sort: 'price_desc' }))).toEqual(['dearRub', 'eur', 'usd', 'cheapRub']);
    expect(keys(await list({ sort: 'newest' }))).toEqual(['dearRub', 'eur', 'usd', 'cheapRub']);
    // Good: 4.75 over 4 reviews; Fair: 3.0 over 2.
    expect(keys(await list({ sort: 'rating' }))).toEqual(['usd', 'eur', 'cheapRub', 'dearRub']);
  });

  it('the card: original price and the display price beside it, league, seller rating and sales', async () => {
    const card = (await list({})).items.find((i) => i.id === ids.usd);
    expect(card).toMatchObject({
      price: '10', priceUnit: 1000n, currency: 'USD', displayPrice: { price: '900.00', currency: 'RUB' },
      platform: 'PC', language: 'EN', league: { id: us, name: 'America' },
      seller: { name: 'Good', rating: 4.75, reviews: 4, sales: 12 },
    });
    const inUsd = (await list({ displayCurrency: 'USD' })).items.find((i) => i.id === ids.dearRub);
    // 2500 RUB / 90 = 27.777… USD, rounded up to the cent.
    expect(inUsd?.displayPrice).toEqual({ price: '27.78', currency: 'USD' });
  });

  it('filters: platform, league, language, price range (display currency, per single unit)', async () => {
    expect(keys(await list({ platform: 'PC' }))).toEqual(['cheapRub', 'usd']);
    expect(keys(await list({ leagueId: eu }))).toEqual(['cheapRub', 'eur']);
    expect(keys(await list({ language: 'EN', platform: 'IOS' }))).toEqual(['eur']);
    expect(keys(await list({ minPrice: '0.9', maxPrice: '1' }))).toEqual(['usd', 'eur']);
    // In USD the range compares the price as shown, rounded up to the cent: 0.8 RUB shows as
    // 0.01 USD; 0.01 EUR (0.0111… USD, EUR→RUB→USD) shows as 0.02 USD; 10 USD per 1000 is 0.01 each.
    expect(keys(await list({ displayCurrency: 'USD', minPrice: '0.01', maxPrice: '0.0112' }))).toEqual(['cheapRub', 'usd']);
    expect(keys(await list({ displayCurrency: 'USD', minPrice: '0.02', maxPrice: '0.02' }))).toEqual(['eur']);
    expect((await list({ minPrice: '1000' })).total).toBe(0);
  });

  it('the price range agrees with the shown price: 90 RUB shows as 1.00 USD and is within 1–2 USD', async () => {
    const { category } = await makeMarket(db.prisma, { categoryName: 'Rounding' });
    const seller = await makeSeller(db.prisma);
    const lot = await makeLot(db.prisma, seller.id, category.id, { price: '90', currency: 'RUB' });
    const inUsd = async (filters: Partial<LotFilters>) => {
      const result = await listLots(deps, { categoryId: category.id, displayCurrency: 'USD', ...filters });
      if (!result.ok) throw new Error(result.code);
      return result.value.items;
    };
    expect((await inUsd({}))[0]?.displayPrice).toEqual({ price: '1.00', currency: 'USD' });
    expect((await inUsd({ minPrice: '1', maxPrice: '2' })).map((i) => i.id)).toEqual([lot.id]);
    expect((await inUsd({ minPrice: '0.5', maxPrice: '0.99' })).map((i) => i.id)).toEqual([]);
  });

  it('search: case-insensitive in either description; % and _ are literal', async () => {
    expect(keys(await list({ q: 'dragon' }))).toEqual(['dearRub']);
    expect(keys(await list({ q: 'GOLD' })).length).toBe(4);
    expect(keys(await list({ q: '100%_' }))).toEqual(['dearRub']);
    expect(keys(await list({ q: '%' }))).toEqual(['dearRub']);
    expect(keys(await list({ q: '_' }))).toEqual(['dearRub']);
    await db.prisma.lot.update({ where: { id: ids.eur! }, data: { description: 'Delivered by mail in Lisbon' } });
    expect(keys(await list({ q: 'lisbon' }))).toEqual(['eur']);
  });

  it('search: several words each match, in any order, in either description; one missing word finds nothing', async () => {
    await db.prisma.lot.update({ where: { id: ids.eur! }, data: { description: 'Delivered by mail in Lisbon' } });
    // "Euro gold" is the short description, "mail" and "Lisbon" are in the long one.
    expect(keys(await list({ q: 'lisbon  EURO' }))).toEqual(['eur']);
    expect(keys(await list({ q: 'gold mail' }))).toEqual(['eur']);
    expect(keys(await list({ q: 'gold gold' })).length).toBe(4);
    expect(keys(await list({ q: 'euro dragon' }))).toEqual([]);
    expect(keys(await list({ q: 'dragon 100%' }))).toEqual(['dearRub']);
    // The two descriptions are searched as one text joined by a space: no word matches across the join.
    expect(keys(await list({ q: 'golddelivered' }))).toEqual([]);
    expect(keys(await list({ q: 'gold_delivered' }))).toEqual([]);
  });

  it('search: every word goes through the one trigram index over both descriptions (lots_search_idx)', async () => {
    // Sequential scans off, so the plan shows whether the index CAN serve the search at all (a
    // query expression that differs from the index's would leave only the scan).
    const conditions = lotSearchConditions('gold mail');
    const [, plan] = await db.prisma.$transaction([
      db.prisma.$executeRaw`SET LOCAL enable_seqscan = off`,
      db.prisma.$queryRaw<Array<{ 'QUERY PLAN': string }>>`EXPLAIN SELECT l.id FROM lots l WHERE ${Prisma.join(conditions, ' AND ')}`,
    ]);
    const text = plan.map((r) => r['QUERY PLAN']).join('\n');
    expect(text).toMatch(/Bitmap Index Scan on lots_search_idx/);
    expect(text).not.toMatch(/BitmapOr|Seq Scan/);
  });

  it('paging: pages of the sorted list with the total; past the end, nothing', async () => {
    expect(keys(await list({ pageSize: 3 }))).toEqual(['cheapRub', 'usd', 'eur']);
    const second = await list({ pageSize: 3, page: 2 });
    expect(keys(second)).toEqual(['dearRub']);
    expect(second).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect((await list({ pageSize: 3, page: 3 })).items).toEqual([]);
  });

  it('a currency without a fresh rate: its lots show no display price, sort last by price, and drop out of a price filter', async () => {
    const noEur = { ...deps, rates: { get: async (base: string, quote: string) => (base === 'EUR' ? null : deps.rates.get(base, quote)) } };
    const result = await listLots(noEur, { categoryId });
    expect(result.ok && keys(result.value)).toEqual(['cheapRub', 'usd', 'dearRub', 'eur']);
    expect(result.ok && result.value.unconvertible).toEqual(['EUR']);
    expect(result.ok && result.value.items.find((i) => i.id === ids.eur)?.displayPrice).toBeNull();
    const filtered = await listLots(noEur, { categoryId, maxPrice: '2' });
    expect(filtered.ok && keys(filtered.value)).toEqual(['cheapRub', 'usd']);
  });

  it('a display currency the market does not take is refused', async () => {
    expect(await listLots(deps, { categoryId, displayCurrency: 'GBP' })).toEqual({ ok: false, code: 'BAD_DISPLAY_CURRENCY' });
  });

  it('takes the same number of statements whatever the page size and the number of lots', async () => {
    const count = async (filters: Partial<LotFilters>) => {
      db.statements.length = 0;
      const page = await list(filters);
      return { statements: db.statements.length, items: page.items.length };
    };
    const one = await count({ pageSize: 1 });
    const all = await count({ pageSize: 50, sort: 'rating', q: 'gold', platform: 'PC' });
    expect(one.items).toBe(1);
    expect(all.items).toBe(2);
    // More lots from more sellers, then a full page.
    for (let i = 0; i < 30; i += 1) {
      const seller = await makeSeller(db.prisma);
      await makeLot(db.prisma, seller.id, categoryId, { currency: ['RUB', 'USD', 'EUR'][i % 3]!, leagueId: i % 2 ? eu : us });
    }
    const full = await count({ pageSize: 30 });
    expect(full.items).toBe(30);
    expect(new Set([one.statements, all.statements, full.statements]).size).toBe(1);
    // Per display currency the rate look-ups differ (crosses), but again not with the page size.
    const usdOne = await count({ pageSize: 1, displayCurrency: 'USD' });
    const usdFull = await count({ pageSize: 50, displayCurrency: 'USD' });
    expect(usdFull.items).toBe(34);
    expect(usdOne.statements).toBe(usdFull.statements);
    // The rates (a bounded number of look-ups per market currency) and one listing statement.
    expect(db.statements.filter((sql) => /FROM lots l/.test(sql))).toHaveLength(1);
  });
});
