// The market's use cases on PGlite: admins manage the catalogue, users apply to sell, sellers
// manage their lots; every bad input is refused with a code and changes nothing.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setMarketArchived } from '../../src/core/market/admin/archive-market.js';
import { createCategory } from '../../src/core/market/admin/create-category.js';
import { createLeague } from '../../src/core/market/admin/create-league.js';
import { createMarket } from '../../src/core/market/admin/create-market.js';
import { editMarket } from '../../src/core/market/admin/edit-market.js';
import { removeFeeRule } from '../../src/core/market/admin/remove-fee-rule.js';
import { setFeeRule } from '../../src/core/market/admin/set-fee-rule.js';
import type { MarketDeps } from '../../src/core/market/deps.js';
import { findFeeRule } from '../../src/core/market/fee.js';
import { listCategories } from '../../src/core/market/list-categories.js';
import { listMarkets } from '../../src/core/market/list-markets.js';
import { createLot } from '../../src/core/market/lots/create-lot.js';
import { deleteLot } from '../../src/core/market/lots/delete-lot.js';
import { editLot } from '../../src/core/market/lots/edit-lot.js';
import type { LotDraft } from '../../src/core/market/lots/lot-fields.js';
import { setLotActive } from '../../src/core/market/lots/set-lot-active.js';
import { startLotOrder } from '../../src/core/market/orders/start-lot-order.js';
import { applyToSell } from '../../src/core/market/sellers/apply-to-sell.js';
import { decideSellerApplication } from '../../src/core/market/sellers/decide-seller-application.js';
import { Dec } from '../../src/core/money.js';
import type { Database } from '../../src/infra/database.js';
import { createTestDb } from '../support/db.js';
import { makeLot, makeMarket, makeSeller, makeUser, marketDeps } from '../support/factories.js';
import { orderDeps } from '../support/market-orders.js';

let db: Database;
let deps: MarketDeps;
let adminId: number;

beforeAll(async () => {
  db = await createTestDb();
  deps = marketDeps(db.prisma);
  adminId = (await makeUser(db.prisma)).id;
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

const texts = { description: '', buyerHelp: 'Pay, then wait', sellerHelp: '', posterFileId: null };

describe('admin: markets, categories, leagues', () => {
  it('creates a market (slug from the title, unique) and edits it; lists it; archiving hides it and restoring shows it', async () => {
    const created = await createMarket(deps, { title: 'Dota 2', ...texts });
    expect(created).toEqual({ ok: true, value: { marketId: expect.any(Number), slug: 'dota-2' } });
    const id = created.ok ? created.value.marketId : 0;
    expect(await createMarket(deps, { title: 'Dota 2!', ...texts })).toMatchObject({ ok: true, value: { slug: 'dota-2-2' } });
    expect(await editMarket(deps, { marketId: id, field: 'title', value: 'Dota 2 (PC)' })).toEqual({ ok: true, value: { marketId: id } });
    expect((await listMarkets(deps)).find((m) => m.id === id)).toMatchObject({ title: 'Dota 2 (PC)', slug: 'dota-2' });
    await setMarketArchived(deps, { marketId: id, archived: true });
    expect((await listMarkets(deps)).some((m) => m.id === id)).toBe(false);
    await setMarketArchived(deps, { marketId: id, archived: false });
    expect((await listMarkets(deps)).some((m) => m.id === id)).toBe(true);
  });

  it('refuses a bad title or text and an unknown market; nothing changes', async () => {
    const before = await snapshot();
    expect(await createMarket(deps, { ...texts, title: ' ' })).toEqual({ ok: false, code: 'TITLE_INVALID' });
    expect(await createMarket(deps, { ...texts, title: 'x'.repeat(81) })).toEqual({ ok: false, code: 'TITLE_INVALID' });
    expect(await createMarket(deps, { ...texts, title: 'Ok', buyerHelp: 'x'.repeat(2001) })).toEqual({ ok: false, code: 'TEXT_TOO_LONG' });
    expect(await editMarket(deps, { marketId: 999_999, field: 'title', value: 'Nobody' })).toEqual({ ok: false, code: 'MARKET_NOT_FOUND' });
    expect(await setMarketArchived(deps, { marketId: 999_999, archived: true })).toEqual({ ok: false, code: 'MARKET_NOT_FOUND' });
    expect(await snapshot()).toEqual(before);
  });

  it('categories: MULTIPLE, or FORM with fields; bad ones refused', async () => {
    const { market } = await makeMarket(db.prisma);
    const form = await createCategory(deps, {
      marketId: market.id, name: 'Accounts', lotType: 'FORM',
      formFields: [{ key: 'f1', label: 'Rank', required: true }, { key: 'f2', label: 'Region', required: false }],
    });
    expect(form.ok).toBe(true);
    const before = await snapshot();
    expect(await createCategory(deps, { marketId: market.id, name: 'Empty form', lotType: 'FORM', formFields: [] })).toEqual({ ok: false, code: 'FORM_FIELDS_INVALID' });
    expect(await createCategory(deps, { marketId: market.id, name: '', lotType: 'MULTIPLE', formFields: [] })).toEqual({ ok: false, code: 'NAME_INVALID' });
    expect(await createCategory(deps, { marketId: market.id, name: 'Accounts', lotType: 'FORM', formFields: [{ key: 'f1', label: 'X', required: true }] })).toEqual({ ok: false, code: 'NAME_TAKEN' });
    expect(await createCategory(deps, { marketId: 999_999, name: 'X', lotType: 'MULTIPLE', formFields: [] })).toEqual({ ok: false, code: 'MARKET_NOT_FOUND' });
    expect(await snapshot()).toEqual(before);
    // A MULTIPLE category keeps no fields even when some are passed.
    const items = await createCategory(deps, { marketId: market.id, name: 'Items', lotType: 'MULTIPLE', formFields: [{ key: 'f1', label: 'X', required: true }] });
    expect((await db.prisma.category.findUniqueOrThrow({ where: { id: items.ok ? items.value.categoryId : 0 } })).formFields).toEqual([]);
  });

  it('leagues per platform; the catalogue lists open categories with lot counts and leagues', async () => {
    const { market, category } = await makeMarket(db.prisma);
    expect((await createLeague(deps, { marketId: market.id, name: 'Asia', platform: 'PC' })).ok).toBe(true);
    expect(await createLeague(deps, { marketId: market.id, name: 'Asia', platform: 'PC' })).toEqual({ ok: false, code: 'NAME_TAKEN' });
    expect(await createLeague(deps, { marketId: market.id, name: 'Europe', platform: null })).toEqual({ ok: false, code: 'NAME_TAKEN' });
    expect(await createLeague(deps, { marketId: market.id, name: 'a\nb', platform: null })).toEqual({ ok: false, code: 'NAME_INVALID' });
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
  it('a category rule wins over the market rule; removing it falls back; bad rules are refused', async () => {
    const { market, category } = await makeMarket(db.prisma);
    const other = await db.prisma.category.create({ data: { marketId: market.id, name: 'Items', lotType: 'MULTIPLE' } });
    expect(await findFeeRule(db.prisma, market.id, category.id)).toBeNull();
    await setFeeRule(deps, { marketId: market.id, categoryId: null, percent: '5', minMinor: 100n, minCurrency: 'RUB' });
    await setFeeRule(deps, { marketId: market.id, categoryId: category.id, percent: '8', minMinor: 0n, minCurrency: 'usd' });
    expect(await findFeeRule(db.prisma, market.id, category.id)).toMatchObject({ percent: new Dec(8), minCurrency: 'USD' });
    expect(await findFeeRule(db.prisma, market.id, other.id)).toMatchObject({ percent: new Dec(5), minMinor: 100n });
    // Setting the market rule again replaces it (one per market, one statement).
    await setFeeRule(deps, { marketId: market.id, categoryId: null, percent: '6', minMinor: 0n, minCurrency: 'RUB' });
    expect(await db.prisma.feeRule.count({ where: { marketId: market.id, categoryId: null } })).toBe(1);
    expect(await findFeeRule(db.prisma, market.id, other.id)).toMatchObject({ percent: new Dec(6), minMinor: 0n });
    expect(await removeFeeRule(deps, { marketId: market.id, categoryId: category.id })).toEqual({ ok: true, value: { marketId: market.id } });
    expect(await findFeeRule(db.prisma, market.id, category.id)).toMatchObject({ percent: new Dec(6) });

    const foreign = await makeMarket(db.prisma);
    const before = await snapshot();
    expect(await setFeeRule(deps, { marketId: market.id, categoryId: null, percent: '101', minMinor: 0n, minCurrency: 'RUB' })).toEqual({ ok: false, code: 'PERCENT_INVALID' });
    expect(await setFeeRule(deps, { marketId: market.id, categoryId: null, percent: '1', minMinor: -1n, minCurrency: 'RUB' })).toEqual({ ok: false, code: 'MINIMUM_INVALID' });
    expect(await setFeeRule(deps, { marketId: market.id, categoryId: null, percent: '1', minMinor: 0n, minCurrency: 'XXX' })).toEqual({ ok: false, code: 'CURRENCY_INVALID' });
    expect(await setFeeRule(deps, { marketId: market.id, categoryId: foreign.category.id, percent: '1', minMinor: 0n, minCurrency: 'RUB' })).toEqual({ ok: false, code: 'CATEGORY_NOT_FOUND' });
    expect(await setFeeRule(deps, { marketId: 999_999, categoryId: null, percent: '1', minMinor: 0n, minCurrency: 'RUB' })).toEqual({ ok: false, code: 'MARKET_NOT_FOUND' });
    expect(await removeFeeRule(deps, { marketId: market.id, categoryId: category.id })).toEqual({ ok: false, code: 'FEE_RULE_NOT_FOUND' });
    expect(await snapshot()).toEqual(before);
  });

  it('an order fixes the fee of the rule, converting a minimum in another currency at the live rate', async () => {
    const { market, category } = await makeMarket(db.prisma);
    const seller = await makeSeller(db.prisma);
    const buyer = await makeUser(db.prisma);
    const lot = await makeLot(db.prisma, seller.id, category.id, { price: '100', currency: 'RUB' });
    await setFeeRule(deps, { marketId: market.id, categoryId: null, percent: '1', minMinor: 100n, minCurrency: 'USD' });
    const escrow = orderDeps(deps, []);
    // 1% of 200 RUB = 2 RUB; the minimum 1 USD = 90 RUB wins.
    expect(await startLotOrder(escrow, { buyerId: buyer.id, lotId: lot.id, quantity: 2n })).toMatchObject({
      ok: true, value: { currency: 'RUB', priceMinor: 20000n, feeMinor: 9000n, totalMinor: 29000n },
    });
    const noRates = { ...escrow, rates: { get: async () => null } };
    expect(await startLotOrder(noRates, { buyerId: buyer.id, lotId: lot.id, quantity: 2n })).toEqual({ ok: false, code: 'RATE_UNAVAILABLE' });
  });
});

describe('sellers', () => {
  it('an application waits for an admin, who approves it (the SELLER role added) or rejects it with a reason', async () => {
    const user = await makeUser(db.prisma);
    expect(await applyToSell(deps, { userId: user.id, autoApprove: false })).toEqual({ ok: true, value: { status: 'APPLIED' } });
    expect(await applyToSell(deps, { userId: user.id, autoApprove: false })).toEqual({ ok: false, code: 'ALREADY_APPLIED' });
    expect(await decideSellerApplication(deps, { adminId, userId: user.id, approve: false })).toEqual({ ok: false, code: 'REASON_INVALID' });
    expect(await decideSellerApplication(deps, { adminId, userId: user.id, approve: false, reason: 'x'.repeat(501) })).toEqual({ ok: false, code: 'REASON_INVALID' });
    expect(await decideSellerApplication(deps, { adminId, userId: user.id, approve: false, reason: 'No proof' })).toMatchObject({ ok: true, value: { approved: false, reason: 'No proof' } });
    expect(await decideSellerApplication(deps, { adminId, userId: user.id, approve: true })).toEqual({ ok: false, code: 'ALREADY_DECIDED' });
    expect(await decideSellerApplication(deps, { adminId, userId: 999_999, approve: true })).toEqual({ ok: false, code: 'APPLICATION_NOT_FOUND' });
    // Rejected: may apply again, and be approved.
    expect(await applyToSell(deps, { userId: user.id, autoApprove: false })).toEqual({ ok: true, value: { status: 'APPLIED' } });
    expect(await decideSellerApplication(deps, { adminId, userId: user.id, approve: true })).toMatchObject({ ok: true, value: { approved: true, telegramId: user.telegramId } });
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).roles).toEqual(['BUYER', 'SELLER']);
    expect(await db.prisma.sellerProfile.findUniqueOrThrow({ where: { userId: user.id } })).toMatchObject({ status: 'APPROVED', decidedById: adminId, rejectReason: null });
    expect(await applyToSell(deps, { userId: user.id, autoApprove: false })).toEqual({ ok: false, code: 'ALREADY_SELLER' });
  });

  it('MARKET_SELLER_AUTO_APPROVE approves at once', async () => {
    const user = await makeUser(db.prisma);
    expect(await applyToSell(deps, { userId: user.id, autoApprove: true })).toEqual({ ok: true, value: { status: 'APPROVED' } });
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).roles).toContain('SELLER');
  });

  it('"about" is optional, trimmed, at most 500 characters (longer is refused, nothing written), and replaced when applying again', async () => {
    const user = await makeUser(db.prisma);
    expect(await applyToSell(deps, { userId: user.id, autoApprove: false, about: 'x'.repeat(501) })).toEqual({ ok: false, code: 'ABOUT_TOO_LONG' });
    expect(await db.prisma.sellerProfile.findUnique({ where: { userId: user.id } })).toBeNull();
    expect((await applyToSell(deps, { userId: user.id, autoApprove: false, about: `  I sell gold.\nFast.  ` })).ok).toBe(true);
    expect((await db.prisma.sellerProfile.findUniqueOrThrow({ where: { userId: user.id } })).about).toBe('I sell gold.\nFast.');
    await decideSellerApplication(deps, { adminId, userId: user.id, approve: false, reason: 'Tell more' });
    expect((await applyToSell(deps, { userId: user.id, autoApprove: false, about: 'y'.repeat(500) })).ok).toBe(true);
    expect((await db.prisma.sellerProfile.findUniqueOrThrow({ where: { userId: user.id } })).about).toBe('y'.repeat(500));
    const other = await makeUser(db.prisma);
    expect((await applyToSell(deps, { userId: other.id, autoApprove: false })).ok).toBe(true);
    expect((await db.prisma.sellerProfile.findUniqueOrThrow({ where: { userId: other.id } })).about).toBe('');
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
        data: { marketId: market.id, name: 'Accounts', lotType: 'FORM', formFields: [{ key: 'f1', label: 'Rank', required: true }] },
      })
    ).id;
    seller = (await makeSeller(db.prisma)).id;
  });

  const goldLot = (over: Partial<LotDraft> = {}): LotDraft => ({
    categoryId: gold.categoryId, leagueId: null, platform: null, characterLevel: null, language: null,
    shortDescription: '1000 gold', description: '', price: '5', priceUnit: '1000', currency: 'USD', quantity: '50000',
    fields: {}, goods: [], deactivateAfterSale: false, ...over,
  });
  const created = async (draft: LotDraft) => {
    const result = await createLot(deps, { sellerId: seller, draft });
    if (!result.ok) throw new Error(result.code);
    return result.value.lotId;
  };

  it('a MULTIPLE lot: any quantity, priced per N units, in a market currency, on its league', async () => {
    const lotId = await created(goldLot({ leagueId: gold.leagueId, platform: 'PC', language: 'EN' }));
    const lot = await db.prisma.lot.findUniqueOrThrow({ where: { id: lotId } });
    expect(lot).toMatchObject({ priceUnit: 1000n, quantity: 50_000n, currency: 'USD', active: true, platform: 'PC', language: 'EN', leagueId: gold.leagueId });
    expect(lot.price.toString()).toBe('5');
  });

  it('a FORM lot: one unit with its required fields, nothing else', async () => {
    const form = (over: Partial<LotDraft>) => goldLot({ categoryId: accounts, shortDescription: 'Diamond account', price: '30', priceUnit: '1', quantity: '1', fields: { f1: 'Diamond' }, ...over });
    expect(await created(form({}))).toEqual(expect.any(Number));
    const before = await snapshot();
    expect(await createLot(deps, { sellerId: seller, draft: form({ quantity: '2' }) })).toEqual({ ok: false, code: 'QUANTITY_INVALID' });
    expect(await createLot(deps, { sellerId: seller, draft: form({ fields: {} }) })).toEqual({ ok: false, code: 'FIELDS_MISSING' });
    expect(await createLot(deps, { sellerId: seller, draft: form({ fields: { f1: 'x', colour: 'red' } }) })).toEqual({ ok: false, code: 'FIELD_VALUE_INVALID' });
    expect(await snapshot()).toEqual(before);
  });

  it('bad lot input is refused with its code, and nothing is written', async () => {
    const before = await snapshot();
    const refused = async (draft: LotDraft, code: string, sellerId = seller) => expect(await createLot(deps, { sellerId, draft })).toEqual({ ok: false, code });
    await refused(goldLot({ shortDescription: '' }), 'SHORT_DESCRIPTION_INVALID');
    await refused(goldLot({ price: '-1' }), 'PRICE_INVALID');
    await refused(goldLot({ price: '0' }), 'PRICE_INVALID');
    await refused(goldLot({ priceUnit: '0' }), 'PRICE_UNIT_INVALID');
    await refused(goldLot({ quantity: '0' }), 'QUANTITY_INVALID');
    await refused(goldLot({ currency: 'usd!' }), 'CURRENCY_INVALID');
    // A currency the app knows but the market does not take (MARKET_CURRENCIES).
    await refused(goldLot({ currency: 'XTR' }), 'CURRENCY_NOT_OFFERED');
    const foreign = await makeMarket(db.prisma);
    await refused(goldLot({ leagueId: foreign.league.id }), 'LEAGUE_NOT_FOUND');
    const iosLeague = await db.prisma.lotLeague.create({ data: { marketId: gold.marketId, name: 'iOS realm', platform: 'IOS' } });
    await refused(goldLot({ leagueId: iosLeague.id, platform: 'PC' }), 'LEAGUE_PLATFORM_MISMATCH');
    await refused(goldLot({ quantity: '2', goods: ['KEY-1'] }), 'GOODS_COUNT_MISMATCH');
    await refused(goldLot({ categoryId: 999_999 }), 'CATEGORY_NOT_FOUND');
    const buyer = await makeUser(db.prisma);
    await refused(goldLot(), 'NOT_A_SELLER', buyer.id);
    const applied = await makeUser(db.prisma);
    await applyToSell(deps, { userId: applied.id, autoApprove: false });
    await refused(goldLot(), 'NOT_A_SELLER', applied.id);
    expect((await snapshot()).lots).toEqual(before.lots);
  });

  it('auto-delivery: the goods are stored, one per unit', async () => {
    const lotId = await created(goldLot({ priceUnit: '1', quantity: '2', goods: ['KEY-1', 'KEY-2'] }));
    expect(await db.prisma.lot.findUniqueOrThrow({ where: { id: lotId } })).toMatchObject({ autoDelivery: true, quantity: 2n });
    expect((await db.prisma.lotGoods.findMany({ where: { lotId }, orderBy: { id: 'asc' } })).map((g) => g.content)).toEqual(['KEY-1', 'KEY-2']);
    // Its quantity follows the goods: it cannot be typed.
    expect(await editLot(deps, { sellerId: seller, lotId, field: 'quantity', value: '5' })).toEqual({ ok: false, code: 'QUANTITY_NOT_EDITABLE' });
  });

  it('edit, pause, resume, delete: only by its seller; deleted lots are gone for good; open orders block deleting', async () => {
    const lotId = await created(goldLot());
    const other = (await makeSeller(db.prisma)).id;
    expect(await editLot(deps, { sellerId: seller, lotId, field: 'price', value: '4,5' })).toEqual({ ok: true, value: { lotId } });
    expect((await db.prisma.lot.findUniqueOrThrow({ where: { id: lotId } })).price.toString()).toBe('4.5');
    expect(await editLot(deps, { sellerId: seller, lotId, field: 'price', value: 'free' })).toEqual({ ok: false, code: 'PRICE_INVALID' });
    expect(await editLot(deps, { sellerId: other, lotId, field: 'price', value: '1' })).toEqual({ ok: false, code: 'LOT_NOT_FOUND' });
    expect(await setLotActive(deps, { sellerId: other, lotId, active: false })).toEqual({ ok: false, code: 'LOT_NOT_FOUND' });
    expect(await setLotActive(deps, { sellerId: seller, lotId, active: false })).toEqual({ ok: true, value: { lotId, active: false } });
    expect(await setLotActive(deps, { sellerId: seller, lotId, active: true })).toEqual({ ok: true, value: { lotId, active: true } });

    const buyer = await makeUser(db.prisma);
    const order = await db.prisma.lotOrder.create({
      data: { buyerId: buyer.id, sellerId: seller, lotId, quantity: 1000n, unitPrice: '4.5', priceUnit: 1000n, priceMinor: 450n, feeMinor: 0n, totalMinor: 450n, currency: 'USD', status: 'PAID', reservedUntil: new Date() },
    });
    expect(await deleteLot(deps, { sellerId: seller, lotId })).toEqual({ ok: false, code: 'LOT_HAS_OPEN_ORDERS' });
    await db.prisma.lotOrder.update({ where: { id: order.id }, data: { status: 'CONFIRMED' } });
    expect(await deleteLot(deps, { sellerId: other, lotId })).toEqual({ ok: false, code: 'LOT_NOT_FOUND' });
    expect(await deleteLot(deps, { sellerId: seller, lotId })).toEqual({ ok: true, value: { lotId } });
    expect(await db.prisma.lot.findUniqueOrThrow({ where: { id: lotId } })).toMatchObject({ active: false, deletedAt: expect.any(Date) });
    expect(await setLotActive(deps, { sellerId: seller, lotId, active: true })).toEqual({ ok: false, code: 'LOT_NOT_FOUND' });
    expect(await editLot(deps, { sellerId: seller, lotId, field: 'price', value: '1' })).toEqual({ ok: false, code: 'LOT_NOT_FOUND' });
    expect(await deleteLot(deps, { sellerId: seller, lotId })).toEqual({ ok: false, code: 'LOT_NOT_FOUND' });
  });

  it('resuming needs stock and an approved seller', async () => {
    const lot = await makeLot(db.prisma, seller, gold.categoryId, { quantity: 0n, active: false });
    expect(await setLotActive(deps, { sellerId: seller, lotId: lot.id, active: true })).toEqual({ ok: false, code: 'LOT_SOLD_OUT' });
    await db.prisma.lot.update({ where: { id: lot.id }, data: { quantity: 5n } });
    await db.prisma.sellerProfile.update({ where: { userId: seller }, data: { status: 'REJECTED' } });
    expect(await setLotActive(deps, { sellerId: seller, lotId: lot.id, active: true })).toEqual({ ok: false, code: 'NOT_A_SELLER' });
    expect((await db.prisma.lot.findUniqueOrThrow({ where: { id: lot.id } })).active).toBe(false);
  });
});
