// The market's use cases on PGlite: admins manage the catalogue, users apply to sell, sellers
// manage their lots; every bad input is refused with a code (naming the fields) and changes nothing.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { applyAsSeller } from '../../src/core/market/apply-as-seller.js';
import { archiveCatalogItem } from '../../src/core/market/archive-catalog-item.js';
import { createLot } from '../../src/core/market/create-lot.js';
import { decideSeller } from '../../src/core/market/decide-seller.js';
import { deleteFeeRule } from '../../src/core/market/delete-fee-rule.js';
import { deleteLot } from '../../src/core/market/delete-lot.js';
import type { MarketDeps } from '../../src/core/market/deps.js';
import { editLot } from '../../src/core/market/edit-lot.js';
import { findFeeRule } from '../../src/core/market/fee.js';
import { listCategories } from '../../src/core/market/list-categories.js';
import { listMarkets } from '../../src/core/market/list-markets.js';
import { quoteLotPurchase } from '../../src/core/market/quote-lot-purchase.js';
import { saveCategory } from '../../src/core/market/save-category.js';
import { saveFeeRule } from '../../src/core/market/save-fee-rule.js';
import { saveLeague } from '../../src/core/market/save-league.js';
import { saveMarket } from '../../src/core/market/save-market.js';
import { setLotActive } from '../../src/core/market/set-lot-active.js';
import { Dec } from '../../src/core/money.js';
import type { Database } from '../../src/infra/database.js';
import { createTestDb } from '../support/db.js';
import { makeLot, makeMarket, makeSeller, makeUser, marketDeps } from '../support/factories.js';

let db: Database;
let deps: MarketDeps;
let admin: { userId: number; isAdmin: true };
const notAdmin = { userId: 1, isAdmin: false };

beforeAll(async () => {
  db = await createTestDb();
  deps = marketDeps(db.prisma);
  admin = { userId: (await makeUser(db.prisma)).id, isAdmin: true };
});
afterAll(async () => {
  await db?.close();
});

/** Rows of every market table, to prove a refused call wrote nothing. */
const snapshot = async () => ({
  markets: await db.prisma.market.findMany({ orderBy: { id: 'asc' } }),
  categories: await db.prisma.category.findMany({ orderBy: { id: 'asc' } }),
  leagues: await db.prisma.lotLeague.findMany({ orderBy: { id: 'asc' } }),
  fees: await db.prisma.feeRule.findMany({ orderBy: { id: 'asc' } }),
  lots: await db.prisma.lot.findMany({ orderBy: { id: 'asc' } }),
  goods: await db.prisma.lotGoods.findMany({ orderBy: { id: 'asc' } }),
  sellers: await db.prisma.sellerProfile.findMany({ orderBy: { userId: 'asc' } }),
});

describe('admin: markets, categories, leagues', () => {
  it('creates and edits a market; lists it; archiving hides it and restoring shows it', async () => {
    const created = await saveMarket(deps, { actor: admin, slug: 'dota-2', title: 'Dota 2', buyerHelp: 'Pay, then wait' });
    expect(created.ok).toBe(true);
    const id = created.ok ? created.value.id : 0;
    expect(await saveMarket(deps, { actor: admin, id, slug: 'dota-2', title: 'Dota 2 (PC)' })).toEqual({ ok: true, value: { id } });
    expect((await listMarkets(deps)).find((m) => m.id === id)).toMatchObject({ title: 'Dota 2 (PC)', slug: 'dota-2' });
    await archiveCatalogItem(deps, { actor: admin, kind: 'market', id, archived: true });
    expect((await listMarkets(deps)).some((m) => m.id === id)).toBe(false);
    await archiveCatalogItem(deps, { actor: admin, kind: 'market', id, archived: false });
    expect((await listMarkets(deps)).some((m) => m.id === id)).toBe(true);
  });

  it('refuses bad market input naming the fields, non-admins, a taken slug, an unknown id; nothing changes', async () => {
    await saveMarket(deps, { actor: admin, slug: 'taken', title: 'Taken' });
    const before = await snapshot();
    expect(await saveMarket(deps, { actor: admin, slug: 'Bad Slug!', title: ' ', posterUrl: 'http://x' })).toEqual({
      ok: false,
      code: 'INVALID_INPUT',
      details: { slug: expect.any(String), title: 'required', posterUrl: 'expected an https URL' },
    });
    expect(await saveMarket(deps, { actor: notAdmin, slug: 'x', title: 'X' })).toEqual({ ok: false, code: 'NOT_ALLOWED' });
    expect(await saveMarket(deps, { actor: admin, slug: 'taken', title: 'Again' })).toEqual({ ok: false, code: 'SLUG_TAKEN' });
    expect(await saveMarket(deps, { actor: admin, id: 999_999, slug: 'nobody', title: 'Nobody' })).toEqual({ ok: false, code: 'MARKET_NOT_FOUND' });
    expect(await archiveCatalogItem(deps, { actor: admin, kind: 'category', id: 999_999, archived: true })).toEqual({ ok: false, code: 'NOT_FOUND' });
    expect(await archiveCatalogItem(deps, { actor: notAdmin, kind: 'market', id: 1, archived: true })).toEqual({ ok: false, code: 'NOT_ALLOWED' });
    expect(await snapshot()).toEqual(before);
  });

  it('categories: MULTIPLE or FORM with fields; bad ones refused; the lot type is fixed once lots exist', async () => {
    const { market } = await makeMarket(db.prisma);
    const form = await saveCategory(deps, {
      actor: admin, marketId: market.id, name: 'Accounts', lotType: 'FORM',
      formFields: [{ key: 'rank', label: 'Rank', required: true }, { key: 'region', label: 'Region' }],
    });
    expect(form.ok).toBe(true);
    const before = await snapshot();
    expect(await saveCategory(deps, { actor: admin, marketId: market.id, name: 'Gold', lotType: 'MULTIPLE', formFields: [{ key: 'x', label: 'X' }] })).toMatchObject({
      code: 'INVALID_INPUT', details: { formFields: 'only FORM categories have fields' },
    });
    expect(await saveCategory(deps, { actor: admin, marketId: market.id, name: 'Dup', lotType: 'FORM', formFields: [{ key: 'a', label: 'A' }, { key: 'a', label: 'B' }] })).toMatchObject({
      code: 'INVALID_INPUT', details: { formFields: 'keys must differ' },
    });
    expect(await saveCategory(deps, { actor: admin, marketId: market.id, name: '', lotType: 'BOTH' as 'FORM' })).toMatchObject({
      code: 'INVALID_INPUT', details: { name: 'required', lotType: expect.any(String) },
    });
    expect(await saveCategory(deps, { actor: admin, marketId: market.id, name: 'Accounts', lotType: 'FORM' })).toEqual({ ok: false, code: 'NAME_TAKEN' });
    expect(await saveCategory(deps, { actor: admin, marketId: 999_999, name: 'X', lotType: 'FORM' })).toEqual({ ok: false, code: 'MARKET_NOT_FOUND' });
    expect(await snapshot()).toEqual(before);

    const seller = await makeSeller(db.prisma);
    const categoryId = form.ok ? form.value.id : 0;
    await makeLot(db.prisma, seller.id, categoryId, { quantity: 1n });
    expect(await saveCategory(deps, { actor: admin, id: categoryId, marketId: market.id, name: 'Accounts', lotType: 'MULTIPLE' })).toEqual({ ok: false, code: 'LOT_TYPE_IN_USE' });
    expect(await saveCategory(deps, { actor: admin, id: categoryId, marketId: market.id, name: 'Game accounts', lotType: 'FORM' })).toEqual({ ok: true, value: { id: categoryId } });
  });

  it('leagues per platform; the catalogue lists open categories with lot counts and leagues', async () => {
    const { market, category } = await makeMarket(db.prisma);
    expect((await saveLeague(deps, { actor: admin, marketId: market.id, name: 'Asia', platform: 'PC' })).ok).toBe(true);
    expect(await saveLeague(deps, { actor: admin, marketId: market.id, name: 'Asia', platform: 'PC' })).toEqual({ ok: false, code: 'NAME_TAKEN' });
    expect(await saveLeague(deps, { actor: admin, marketId: market.id, name: 'X', platform: 'XBOX' as 'PC' })).toMatchObject({ code: 'INVALID_INPUT', details: { platform: expect.any(String) } });
    const seller = await makeSeller(db.prisma);
    await makeLot(db.prisma, seller.id, category.id);
    await makeLot(db.prisma, seller.id, category.id, { active: false });
    const hidden = await db.prisma.category.create({ data: { marketId: market.id, name: 'Hidden', lotType: 'MULTIPLE', archivedAt: new Date() } });
    const catalogue = await listCategories(deps, { market: market.slug });
    expect(catalogue.ok && catalogue.value.categories).toEqual([expect.objectContaining({ id: category.id, lotCount: 1 })]);
    expect(catalogue.ok && catalogue.value.categories.some((c) => c.id === hidden.id)).toBe(false);
    expect(catalogue.ok && catalogue.value.leagues.map((l) => l.name).sort()).toEqual(['Asia', 'Europe']);
    expect(await listCategories(deps, { market: 'no-such-game' })).toEqual({ ok: false, code: 'MARKET_NOT_FOUND' });
  });
});

describe('admin: fee rules', () => {
  it('a category rule wins over the market rule; deleting it falls back; bad rules are refused', async () => {
    const { market, category } = await makeMarket(db.prisma);
    const other = await db.prisma.category.create({ data: { marketId: market.id, name: 'Items', lotType: 'MULTIPLE' } });
    expect(await findFeeRule(db.prisma, market.id, category.id)).toBeNull();
    await saveFeeRule(deps, { actor: admin, marketId: market.id, percent: '5', minMinor: 100n, minCurrency: 'RUB' });
    const specific = await saveFeeRule(deps, { actor: admin, marketId: market.id, categoryId: category.id, percent: '8', minMinor: 0n, minCurrency: 'USD' });
    expect(await findFeeRule(db.prisma, market.id, category.id)).toMatchObject({ percent: new Dec(8), minCurrency: 'USD' });
    expect(await findFeeRule(db.prisma, market.id, other.id)).toMatchObject({ percent: new Dec(5), minMinor: 100n });
    // Saving the market rule again replaces it (one per market).
    await saveFeeRule(deps, { actor: admin, marketId: market.id, percent: '6', minCurrency: 'RUB' });
    expect(await db.prisma.feeRule.count({ where: { marketId: market.id, categoryId: null } })).toBe(1);
    expect(await findFeeRule(db.prisma, market.id, other.id)).toMatchObject({ percent: new Dec(6), minMinor: 0n });
    await deleteFeeRule(deps, { actor: admin, id: specific.ok ? specific.value.id : 0 });
    expect(await findFeeRule(db.prisma, market.id, category.id)).toMatchObject({ percent: new Dec(6) });

    const foreign = await makeMarket(db.prisma);
    const before = await snapshot();
    expect(await saveFeeRule(deps, { actor: admin, marketId: market.id, percent: '101', minMinor: -1, minCurrency: 'XXX' })).toMatchObject({
      code: 'INVALID_INPUT', details: { percent: 'at most 100', minMinor: expect.any(String), minCurrency: 'unknown currency' },
    });
    expect(await saveFeeRule(deps, { actor: admin, marketId: market.id, categoryId: foreign.category.id, percent: '1', minCurrency: 'RUB' })).toEqual({ ok: false, code: 'CATEGORY_NOT_FOUND' });
    expect(await saveFeeRule(deps, { actor: notAdmin, marketId: market.id, percent: '1', minCurrency: 'RUB' })).toEqual({ ok: false, code: 'NOT_ALLOWED' });
    expect(await deleteFeeRule(deps, { actor: admin, id: 999_999 })).toEqual({ ok: false, code: 'NOT_FOUND' });
    expect(await snapshot()).toEqual(before);
  });

  it('quotes a purchase with the rule, converting a minimum in another currency at the live rate', async () => {
    const { market, category } = await makeMarket(db.prisma);
    const seller = await makeSeller(db.prisma);
    const lot = await makeLot(db.prisma, seller.id, category.id, { price: '100', currency: 'RUB' });
    await saveFeeRule(deps, { actor: admin, marketId: market.id, percent: '1', minMinor: 100n, minCurrency: 'USD' });
    // 1% of 200 RUB = 2 RUB; the minimum 1 USD = 90 RUB wins.
    expect(await quoteLotPurchase(deps, { lotId: lot.id, quantity: 2n })).toEqual({
      ok: true, value: { currency: 'RUB', priceMinor: 20000n, feeMinor: 9000n, totalMinor: 29000n },
    });
    const noRates = { ...deps, rates: { get: async () => null } };
    expect(await quoteLotPurchase(noRates, { lotId: lot.id, quantity: 2n })).toEqual({ ok: false, code: 'RATE_UNAVAILABLE' });
    expect(await quoteLotPurchase(deps, { lotId: 999_999, quantity: 1n })).toEqual({ ok: false, code: 'LOT_NOT_FOUND' });
  });
});

describe('sellers', () => {
  it('an application waits for an admin, who approves it (the SELLER role added) or rejects it with a reason', async () => {
    const user = await makeUser(db.prisma);
    expect(await applyAsSeller(deps, { userId: user.id, about: 'I farm gold' })).toEqual({ ok: true, value: { status: 'APPLIED' } });
    expect(await applyAsSeller(deps, { userId: user.id })).toEqual({ ok: false, code: 'ALREADY_APPLIED' });
    expect(await decideSeller(deps, { actor: notAdmin, userId: user.id, approve: true })).toEqual({ ok: false, code: 'NOT_ALLOWED' });
    expect(await decideSeller(deps, { actor: admin, userId: user.id, approve: false })).toEqual({ ok: false, code: 'REASON_REQUIRED' });
    expect(await decideSeller(deps, { actor: admin, userId: user.id, approve: false, reason: 'No proof' })).toMatchObject({ ok: true, value: { status: 'REJECTED' } });
    expect(await decideSeller(deps, { actor: admin, userId: user.id, approve: true })).toEqual({ ok: false, code: 'NOT_PENDING' });
    // Rejected: may apply again, and be approved.
    expect(await applyAsSeller(deps, { userId: user.id })).toEqual({ ok: true, value: { status: 'APPLIED' } });
    expect(await decideSeller(deps, { actor: admin, userId: user.id, approve: true })).toMatchObject({ ok: true, value: { status: 'APPROVED' } });
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).roles).toEqual(['BUYER', 'SELLER']);
    expect(await db.prisma.sellerProfile.findUniqueOrThrow({ where: { userId: user.id } })).toMatchObject({ status: 'APPROVED', decidedById: admin.userId, rejectReason: null });
    expect(await applyAsSeller(deps, { userId: user.id })).toEqual({ ok: false, code: 'ALREADY_SELLER' });
  });

  it('MARKET_SELLER_AUTO_APPROVE approves at once', async () => {
    const user = await makeUser(db.prisma);
    const auto = { ...deps, market: { ...deps.market, sellerAutoApprove: true } };
    expect(await applyAsSeller(auto, { userId: user.id })).toEqual({ ok: true, value: { status: 'APPROVED' } });
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).roles).toContain('SELLER');
  });
});

describe('lots', () => {
  let gold: { marketId: number; categoryId: number; leagueId: number };
  let accounts: number;
  let seller: number;
  beforeEach(async () => {
    const { market, category, league } = await makeMarket(db.prisma);
    gold = { marketId: market.id, categoryId: category.id, leagueId: league.id };
    accounts = (
      await db.prisma.category.create({
        data: { marketId: market.id, name: 'Accounts', lotType: 'FORM', formFields: [{ key: 'rank', label: 'Rank', required: true }] },
      })
    ).id;
    seller = (await makeSeller(db.prisma)).id;
  });

  const goldLot = () => ({ categoryId: gold.categoryId, shortDescription: '1000 gold', price: '5', priceUnit: 1000, currency: 'USD', quantity: 50_000 });

  it('a MULTIPLE lot: any quantity, priced per 1/10/.../1000000 units, in a market currency', async () => {
    const created = await createLot(deps, { sellerId: seller, ...goldLot(), leagueId: gold.leagueId, platform: 'PC', language: 'EN' });
    expect(created.ok).toBe(true);
    const lot = await db.prisma.lot.findUniqueOrThrow({ where: { id: created.ok ? created.value.id : 0 } });
    expect(lot).toMatchObject({ priceUnit: 1000n, quantity: 50_000n, currency: 'USD', active: true, platform: 'PC', language: 'EN' });
    expect(lot.price.toString()).toBe('5');
  });

  it('a FORM lot: one unit priced per 1 with its required fields, nothing else', async () => {
    const ok = await createLot(deps, { sellerId: seller, categoryId: accounts, shortDescription: 'Diamond account', price: '30', currency: 'USD', quantity: 1, fields: { rank: 'Diamond' } });
    expect(ok.ok).toBe(true);
    const before = await snapshot();
    expect(await createLot(deps, { sellerId: seller, categoryId: accounts, shortDescription: 'Acc', price: '30', priceUnit: 10, currency: 'USD', quantity: 2, fields: { colour: 'red' } })).toEqual({
      ok: false,
      code: 'INVALID_INPUT',
      details: { quantity: 'a FORM lot is one unit', priceUnit: 'a FORM lot is priced per 1', 'fields.rank': 'required', 'fields.colour': 'not a field of this category' },
    });
    expect(await snapshot()).toEqual(before);
  });

  it('bad lot input is refused naming each field, and nothing is written', async () => {
    const before = await snapshot();
    expect(await createLot(deps, { sellerId: seller, categoryId: gold.categoryId, shortDescription: '', price: '-1', priceUnit: 7, currency: 'usd', quantity: 0, platform: 'XBOX' as 'PC', language: 'DE' as 'EN' })).toEqual({
      ok: false,
      code: 'INVALID_INPUT',
      details: {
        shortDescription: 'required',
        price: 'expected a decimal number such as 12.50',
        priceUnit: 'expected 1, 10, 100, 1000 ... 1000000',
        currency: 'expected a currency code such as USD',
        quantity: expect.stringMatching(/^expected a whole number/),
        platform: expect.any(String),
        language: expect.any(String),
      },
    });
    expect(await createLot(deps, { sellerId: seller, ...goldLot(), currency: 'GBP' })).toMatchObject({ code: 'INVALID_INPUT', details: { currency: 'expected one of RUB, USD, EUR' } });
    expect(await createLot(deps, { sellerId: seller, ...goldLot(), fields: { rank: 'x' } })).toMatchObject({ code: 'INVALID_INPUT', details: { fields: 'only FORM lots have fields' } });
    const foreign = await makeMarket(db.prisma);
    expect(await createLot(deps, { sellerId: seller, ...goldLot(), leagueId: foreign.league.id })).toMatchObject({ details: { leagueId: 'no such league in this market' } });
    const iosLeague = await db.prisma.lotLeague.create({ data: { marketId: gold.marketId, name: 'iOS realm', platform: 'IOS' } });
    expect(await createLot(deps, { sellerId: seller, ...goldLot(), leagueId: iosLeague.id, platform: 'PC' })).toMatchObject({ details: { leagueId: 'this league is on IOS only' } });
    expect(await createLot(deps, { sellerId: seller, ...goldLot(), quantity: 2, autoDelivery: true, goods: ['KEY-1'] })).toMatchObject({ details: { goods: 'auto-delivery needs a goods text per unit: 1 for 2' } });
    expect(await createLot(deps, { sellerId: seller, ...goldLot(), goods: ['KEY-1'] })).toMatchObject({ details: { goods: 'goods are for auto-delivery lots' } });
    expect(await createLot(deps, { sellerId: seller, ...goldLot(), categoryId: 999_999 })).toEqual({ ok: false, code: 'CATEGORY_NOT_FOUND' });
    const buyer = await makeUser(db.prisma);
    expect(await createLot(deps, { sellerId: buyer.id, ...goldLot() })).toEqual({ ok: false, code: 'NOT_SELLER' });
    const applied = await makeUser(db.prisma);
    await applyAsSeller(deps, { userId: applied.id });
    expect(await createLot(deps, { sellerId: applied.id, ...goldLot() })).toEqual({ ok: false, code: 'NOT_SELLER' });
    expect((await snapshot()).lots).toEqual(before.lots);
  });

  it('auto-delivery: the goods are stored, one per unit; editing adds stock', async () => {
    const created = await createLot(deps, { sellerId: seller, ...goldLot(), priceUnit: 1, quantity: 2, autoDelivery: true, goods: ['KEY-1', 'KEY-2'] });
    const lotId = created.ok ? created.value.id : 0;
    expect((await db.prisma.lotGoods.findMany({ where: { lotId }, orderBy: { id: 'asc' } })).map((g) => g.content)).toEqual(['KEY-1', 'KEY-2']);
    expect(await editLot(deps, { sellerId: seller, lotId, ...goldLot(), priceUnit: 1, quantity: 4, autoDelivery: true, goods: ['KEY-3'] })).toMatchObject({
      details: { goods: 'auto-delivery needs a goods text per unit: 3 for 4' },
    });
    expect(await editLot(deps, { sellerId: seller, lotId, ...goldLot(), priceUnit: 1, quantity: 3, autoDelivery: true, goods: ['KEY-3'] })).toEqual({ ok: true, value: { id: lotId } });
    expect(await db.prisma.lotGoods.count({ where: { lotId } })).toBe(3);
  });

  it('edit, pause, resume, delete: only by its seller; deleted lots are gone for good; open orders block deleting', async () => {
    const created = await createLot(deps, { sellerId: seller, ...goldLot() });
    const lotId = created.ok ? created.value.id : 0;
    const other = (await makeSeller(db.prisma)).id;
    expect(await editLot(deps, { sellerId: seller, lotId, ...goldLot(), price: '4.5' })).toEqual({ ok: true, value: { id: lotId } });
    expect((await db.prisma.lot.findUniqueOrThrow({ where: { id: lotId } })).price.toString()).toBe('4.5');
    expect(await editLot(deps, { sellerId: other, lotId, ...goldLot() })).toEqual({ ok: false, code: 'LOT_NOT_FOUND' });
    expect(await setLotActive(deps, { sellerId: other, lotId, active: false })).toEqual({ ok: false, code: 'LOT_NOT_FOUND' });
    expect(await setLotActive(deps, { sellerId: seller, lotId, active: false })).toEqual({ ok: true, value: { id: lotId, active: false } });
    expect(await setLotActive(deps, { sellerId: seller, lotId, active: true })).toEqual({ ok: true, value: { id: lotId, active: true } });

    const buyer = await makeUser(db.prisma);
    const order = await db.prisma.lotOrder.create({
      data: { buyerId: buyer.id, sellerId: seller, lotId, quantity: 1000n, unitPrice: '4.5', priceUnit: 1000n, priceMinor: 450n, feeMinor: 0n, totalMinor: 450n, currency: 'USD', status: 'PAID', reservedUntil: new Date() },
    });
    expect(await deleteLot(deps, { sellerId: seller, lotId })).toEqual({ ok: false, code: 'OPEN_ORDERS' });
    await db.prisma.lotOrder.update({ where: { id: order.id }, data: { status: 'CONFIRMED' } });
    expect(await deleteLot(deps, { sellerId: other, lotId })).toEqual({ ok: false, code: 'LOT_NOT_FOUND' });
    expect(await deleteLot(deps, { sellerId: seller, lotId })).toEqual({ ok: true, value: { id: lotId } });
    expect(await db.prisma.lot.findUniqueOrThrow({ where: { id: lotId } })).toMatchObject({ active: false, deletedAt: expect.any(Date) });
    expect(await setLotActive(deps, { sellerId: seller, lotId, active: true })).toEqual({ ok: false, code: 'LOT_NOT_FOUND' });
    expect(await editLot(deps, { sellerId: seller, lotId, ...goldLot() })).toEqual({ ok: false, code: 'LOT_NOT_FOUND' });
    expect(await deleteLot(deps, { sellerId: seller, lotId })).toEqual({ ok: false, code: 'LOT_NOT_FOUND' });
  });

  it('resuming needs stock and an approved seller', async () => {
    const lot = await makeLot(db.prisma, seller, gold.categoryId, { quantity: 0n, active: false });
    expect(await setLotActive(deps, { sellerId: seller, lotId: lot.id, active: true })).toEqual({ ok: false, code: 'OUT_OF_STOCK' });
    await db.prisma.lot.update({ where: { id: lot.id }, data: { quantity: 5n } });
    await db.prisma.sellerProfile.update({ where: { userId: seller }, data: { status: 'REJECTED' } });
    expect(await setLotActive(deps, { sellerId: seller, lotId: lot.id, active: true })).toEqual({ ok: false, code: 'NOT_SELLER' });
  });
});
