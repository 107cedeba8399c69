// Renaming and archiving categories and leagues (the admin's catalogue upkeep) on PGlite: names
// are checked like new ones, bad input changes nothing, archived ones leave the buyers' and the
// sellers' choices and an archived category's lots are not listed or sold.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setCategoryArchived } from '../../src/core/market/admin/archive-category.js';
import { setLeagueArchived } from '../../src/core/market/admin/archive-league.js';
import { createLeague } from '../../src/core/market/admin/create-league.js';
import { renameCategory } from '../../src/core/market/admin/rename-category.js';
import { renameLeague } from '../../src/core/market/admin/rename-league.js';
import type { MarketDeps } from '../../src/core/market/deps.js';
import { getBrowseCategory } from '../../src/core/market/get-browse-category.js';
import { getLotDetails } from '../../src/core/market/get-lot-details.js';
import { startLotOrder } from '../../src/core/market/orders/start-lot-order.js';
import { listCategories } from '../../src/core/market/list-categories.js';
import { listLots } from '../../src/core/market/list-lots.js';
import { createLot } from '../../src/core/market/lots/create-lot.js';
import type { LotDraft } from '../../src/core/market/lots/lot-fields.js';
import type { Database } from '../../src/infra/database.js';
import { createTestDb } from '../support/db.js';
import { makeLot, makeMarket, makeSeller, makeUser, marketDeps } from '../support/factories.js';
import { orderDeps } from '../support/market-orders.js';

let db: Database;
let deps: MarketDeps;

beforeAll(async () => {
  db = await createTestDb();
  deps = marketDeps(db.prisma);
});
afterAll(async () => {
  await db?.close();
});

const catalogue = async () => ({
  categories: await db.prisma.category.findMany({ orderBy: { id: 'asc' } }),
  leagues: await db.prisma.lotLeague.findMany({ orderBy: { id: 'asc' } }),
});

describe('renaming', () => {
  it('a category: trimmed, one line, unique in its market (another market may share it); the lot type stays', async () => {
    const { market, category } = await makeMarket(db.prisma, { lotType: 'FORM' });
    await db.prisma.category.create({ data: { marketId: market.id, name: 'Accounts', lotType: 'MULTIPLE' } });
    const other = await makeMarket(db.prisma, { categoryName: 'Boosting' });
    const before = await catalogue();
    for (const bad of ['', '   ', 'a\nb', 'x'.repeat(61)]) {
      expect(await renameCategory(deps, { categoryId: category.id, name: bad })).toEqual({ ok: false, code: 'NAME_INVALID' });
    }
    expect(await renameCategory(deps, { categoryId: category.id, name: 'Accounts' })).toEqual({ ok: false, code: 'NAME_TAKEN' });
    expect(await renameCategory(deps, { categoryId: 999_999, name: 'Anything' })).toEqual({ ok: false, code: 'CATEGORY_NOT_FOUND' });
    expect(await catalogue()).toEqual(before);

    expect(await renameCategory(deps, { categoryId: category.id, name: '  Boosting ' })).toEqual({
      ok: true,
      value: { categoryId: category.id, marketId: market.id, name: 'Boosting' },
    });
    const renamed = await db.prisma.category.findUniqueOrThrow({ where: { id: category.id } });
    expect(renamed).toMatchObject({ name: 'Boosting', lotType: 'FORM' });
    expect((await db.prisma.category.findUniqueOrThrow({ where: { id: other.category.id } })).name).toBe('Boosting');
    // Its own name again is no clash.
    expect((await renameCategory(deps, { categoryId: category.id, name: 'Boosting' })).ok).toBe(true);
  });

  it('a league: unique in its market on its platform ("all platforms" included), checked like a new one', async () => {
    const { market, league } = await makeMarket(db.prisma); // "Europe", all platforms
    const asia = await createLeague(deps, { marketId: market.id, name: 'Asia', platform: null });
    const asiaPc = await createLeague(deps, { marketId: market.id, name: 'Asia PC', platform: 'PC' });
    expect(asia.ok && asiaPc.ok).toBe(true);
    const before = await catalogue();
    for (const bad of ['', 'a\nb', 'x'.repeat(61)]) {
      expect(await renameLeague(deps, { leagueId: league.id, name: bad })).toEqual({ ok: false, code: 'NAME_INVALID' });
    }
    expect(await renameLeague(deps, { leagueId: league.id, name: 'Asia' })).toEqual({ ok: false, code: 'NAME_TAKEN' });
    expect(await renameLeague(deps, { leagueId: 999_999, name: 'X' })).toEqual({ ok: false, code: 'LEAGUE_NOT_FOUND' });
    expect(await catalogue()).toEqual(before);
    // "Asia PC" is on PC only: an all-platforms league may take the name.
    expect(await renameLeague(deps, { leagueId: league.id, name: 'Asia PC' })).toEqual({ ok: true, value: { leagueId: league.id, marketId: market.id, name: 'Asia PC' } });
    expect(asiaPc.ok && (await renameLeague(deps, { leagueId: asiaPc.value.leagueId, name: 'Asia PC' })).ok).toBe(true);
  });
});

const draftIn = (categoryId: number, leagueId: number | null): LotDraft => ({
  categoryId, leagueId, platform: null, characterLevel: null, language: null, shortDescription: 'Gold', description: '',
  price: '1', priceUnit: '1', currency: 'USD', quantity: '5', fields: {}, goods: [], deactivateAfterSale: false,
});

describe('archiving', () => {
  it('an archived category is hidden from buyers, its lots not listed, no new lots in it; unarchiving brings it all back', async () => {
    const { market, category } = await makeMarket(db.prisma);
    const seller = await makeSeller(db.prisma);
    await makeLot(db.prisma, seller.id, category.id);
    expect(await setCategoryArchived(deps, { categoryId: 999_999, archived: true })).toEqual({ ok: false, code: 'CATEGORY_NOT_FOUND' });
    expect(await setCategoryArchived(deps, { categoryId: category.id, archived: true })).toEqual({ ok: true, value: { categoryId: category.id } });

    const listed = await listCategories(deps, { market: market.id });
    expect(listed.ok && listed.value.categories).toEqual([]);
    expect(await getBrowseCategory(deps, { categoryId: category.id })).toEqual({ ok: false, code: 'CATEGORY_NOT_FOUND' });
    const lots = await listLots(deps, { categoryId: category.id });
    expect(lots.ok && lots.value.total).toBe(0);
    expect(await createLot(deps, { sellerId: seller.id, draft: draftIn(category.id, null) })).toEqual({ ok: false, code: 'CATEGORY_NOT_FOUND' });

    expect((await setCategoryArchived(deps, { categoryId: category.id, archived: false })).ok).toBe(true);
    const back = await listCategories(deps, { market: market.id });
    expect(back.ok && back.value.categories.map((c) => [c.id, c.lotCount])).toEqual([[category.id, 1]]);
    const relisted = await listLots(deps, { categoryId: category.id });
    expect(relisted.ok && relisted.value.total).toBe(1);
  });

  it('an archived league leaves the buyers\' filter and the sellers\' choices; its lots keep it but are not offered until it is back', async () => {
    const { market, category, league } = await makeMarket(db.prisma);
    const seller = await makeSeller(db.prisma);
    const lot = await makeLot(db.prisma, seller.id, category.id, { leagueId: league.id });
    expect(await setLeagueArchived(deps, { leagueId: 999_999, archived: true })).toEqual({ ok: false, code: 'LEAGUE_NOT_FOUND' });
    expect(await setLeagueArchived(deps, { leagueId: league.id, archived: true })).toEqual({ ok: true, value: { leagueId: league.id, marketId: market.id } });
    const listed = await listCategories(deps, { market: market.id });
    expect(listed.ok && listed.value.leagues).toEqual([]);
    const browse = await getBrowseCategory(deps, { categoryId: category.id });
    expect(browse.ok && browse.value.leagues).toEqual([]);
    expect((await db.prisma.lot.findUniqueOrThrow({ where: { id: lot.id } })).leagueId).toBe(league.id);
    expect(await createLot(deps, { sellerId: seller.id, draft: draftIn(category.id, league.id) })).toEqual({ ok: false, code: 'LEAGUE_NOT_FOUND' });
    // Its lots are not offered meanwhile; a lot with no league is.
    await makeLot(db.prisma, seller.id, category.id, { leagueId: null });
    const offered = await listLots(deps, { categoryId: category.id });
    expect(offered.ok && offered.value.items.map((l) => l.id)).not.toContain(lot.id);
    expect(offered.ok && offered.value.total).toBe(1);
    // …nor shown from its link, nor sold.
    expect(await getLotDetails(deps, { lotId: lot.id, displayCurrency: 'USD' })).toEqual({ ok: false, code: 'LOT_UNAVAILABLE' });
    const buyer = await makeUser(db.prisma);
    expect(await startLotOrder(orderDeps(deps, []), { buyerId: buyer.id, lotId: lot.id, quantity: 1n })).toEqual({ ok: false, code: 'LOT_UNAVAILABLE' });

    expect((await setLeagueArchived(deps, { leagueId: league.id, archived: false })).ok).toBe(true);
    const back = await listCategories(deps, { market: market.id });
    expect(back.ok && back.value.leagues.map((l) => l.id)).toEqual([league.id]);
    const relisted = await listLots(deps, { categoryId: category.id });
    expect(relisted.ok && relisted.value.total).toBe(2);
    expect((await getLotDetails(deps, { lotId: lot.id, displayCurrency: 'USD' })).ok).toBe(true);
  });
});
