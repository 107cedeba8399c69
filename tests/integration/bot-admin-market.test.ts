import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { marketAdminCb, sellCb } from '../../src/bot/keyboards/selling-buttons.js';
import type { CoreDeps } from '../../src/core/deps.js';
import type { Database } from '../../src/infra/database.js';
import { answers, BotHarness, tgUser } from '../support/bot.js';
import { createTestDb } from '../support/db.js';
import { coreDeps, makeLot, makeMarket } from '../support/factories.js';
import { expectBooksBalance } from '../support/ledger.js';

const ADMIN = tgUser(7200, { first_name: 'Ada' });
const RU_ADMIN = tgUser(7201, { first_name: 'Иван', language_code: 'ru' });
const PLAIN = tgUser(7202, { first_name: 'Pat' });
const SELLER = tgUser(7203, { first_name: 'Sam', username: 'sam7203' });

let db: Database;
let core: CoreDeps;
let harness: BotHarness;

beforeAll(async () => {
  db = await createTestDb();
  core = coreDeps(db.prisma);
  harness = new BotHarness(core, { adminIds: [BigInt(ADMIN.id), BigInt(RU_ADMIN.id)] });
  for (const u of [ADMIN, RU_ADMIN, PLAIN, SELLER]) await harness.sendText(u, '/start');
});
afterAll(() => db.close());

async function refused(from: typeof ADMIN, text: string, problem: string) {
  await harness.sendText(from, text);
  expect(harness.lastText()).toContain(`⚠️ ${problem}`);
}

describe('markets', () => {
  test('non-admins are refused every market-admin button', async () => {
    const calls = await harness.press(PLAIN, marketAdminCb.newMarket.build());
    expect(answers(calls)[0]?.payload).toMatchObject({ text: 'Not allowed.' });
    expect(await db.prisma.market.count()).toBe(0);
  });

  test('create a market (bad title asked again, poster photo), a category of each type, a league, fee rules', async () => {
    await harness.sendText(ADMIN, '/admin');
    await harness.press(ADMIN, harness.button('Market'));
    await harness.press(ADMIN, marketAdminCb.markets.build());
    await harness.press(ADMIN, marketAdminCb.newMarket.build());
    await refused(ADMIN, 'x'.repeat(81), 'The title must be 1 to 80 characters.');
    await harness.sendText(ADMIN, 'Path of Exile');
    await refused(ADMIN, 'd'.repeat(2001), 'That is too long');
    await harness.sendText(ADMIN, 'An action RPG');
    await harness.press(ADMIN, harness.button('Skip'));
    await harness.sendText(ADMIN, 'Sellers: deliver within an hour');
    await harness.sendMessage(ADMIN, { sticker: { file_id: 'st' } });
    expect(harness.lastText()).toContain('Please send a photo');
    await harness.sendMessage(ADMIN, { photo: [{ file_id: 'small', file_unique_id: 's', width: 90, height: 90 }, { file_id: 'poster-big', file_unique_id: 'b', width: 800, height: 800 }] });
    expect(harness.lastText()).toContain('Market “Path of Exile” created');
    const market = await db.prisma.market.findFirstOrThrow({ where: { title: 'Path of Exile' } });
    expect(market).toMatchObject({ slug: 'path-of-exile', description: 'An action RPG', buyerHelp: '', sellerHelp: 'Sellers: deliver within an hour', posterFileId: 'poster-big' });

    await harness.press(ADMIN, marketAdminCb.newCategory.build(market.id));
    await refused(ADMIN, '  ', 'The name must be one line');
    await harness.sendText(ADMIN, 'Accounts');
    await harness.press(ADMIN, harness.button('Form'));
    await refused(ADMIN, 'Rank\nrank', 'Send 1 to 20 field names');
    await harness.sendText(ADMIN, 'Rank\nEmail?');
    const form = await db.prisma.category.findFirstOrThrow({ where: { marketId: market.id, name: 'Accounts' } });
    expect(form).toMatchObject({ lotType: 'FORM', formFields: [{ key: 'f1', label: 'Rank', required: true }, { key: 'f2', label: 'Email', required: false }] });
    await harness.press(ADMIN, marketAdminCb.newCategory.build(market.id));
    await harness.sendText(ADMIN, 'Accounts');
    await harness.press(ADMIN, harness.button('By quantity'));
    expect(harness.lastText()).toContain('That name is already taken here.');
    await harness.press(ADMIN, marketAdminCb.newCategory.build(market.id));
    await harness.sendText(ADMIN, 'Currency');
    await harness.press(ADMIN, harness.button('By quantity'));

    await harness.press(ADMIN, marketAdminCb.newLeague.build(market.id));
    await harness.sendText(ADMIN, 'Settlers');
    await harness.press(ADMIN, harness.button('All platforms'));
    await harness.press(ADMIN, marketAdminCb.newLeague.build(market.id));
    await harness.sendText(ADMIN, 'Settlers');
    await harness.press(ADMIN, harness.button('All platforms'));
    expect(harness.lastText()).toContain('That name is already taken here.');
    expect(await db.prisma.lotLeague.count({ where: { marketId: market.id } })).toBe(1);

    await harness.press(ADMIN, marketAdminCb.fee.build(market.id, 0));
    for (const bad of ['101', '-1', 'five', '2.555']) await refused(ADMIN, bad, 'The percent must be a number from 0 to 100');
    await harness.sendText(ADMIN, '5');
    for (const bad of ['0.5 DOGE']) await refused(ADMIN, bad, 'Unknown currency');
    for (const bad of ['abc USD', '0.505 USD', '1 USD extra']) await refused(ADMIN, bad, 'Send the minimum as an amount');
    await harness.sendText(ADMIN, '0.50 USD');
    expect(harness.lastText()).toContain('Fee set: 5%, at least 0.50 USD');
    await harness.press(ADMIN, marketAdminCb.fee.build(market.id, form.id));
    await harness.sendText(ADMIN, '2,5');
    await harness.sendText(ADMIN, '0');
    const rules = await db.prisma.feeRule.findMany({ where: { marketId: market.id }, orderBy: { id: 'asc' } });
    expect(rules.map((r) => [r.categoryId, r.percent.toString(), r.minMinor, r.minCurrency])).toEqual([
      [null, '5', 50n, 'USD'],
      [form.id, '2.5', 0n, 'USD'],
    ]);
    // Saving again replaces the rule.
    await harness.press(ADMIN, marketAdminCb.fee.build(market.id, 0));
    await harness.sendText(ADMIN, '7');
    await harness.sendText(ADMIN, '1 EUR');
    expect(await db.prisma.feeRule.count({ where: { marketId: market.id, categoryId: null } })).toBe(1);
    await harness.press(ADMIN, marketAdminCb.removeFee.build(market.id, form.id));
    expect(harness.lastText()).toContain('Fee rule removed');
    expect(await db.prisma.feeRule.count({ where: { marketId: market.id } })).toBe(1);
  });

  test('edit a field; archive and unarchive; a market, category or league with lots cannot be deleted, an empty one can', async () => {
    const { market, category, league } = await makeMarket(db.prisma, { slug: 'busy' });
    const seller = await db.prisma.user.findUniqueOrThrow({ where: { telegramId: BigInt(SELLER.id) } });
    await makeLot(db.prisma, seller.id, category.id, { leagueId: league.id });
    await harness.press(ADMIN, marketAdminCb.edit.build(market.id, 'title'));
    await refused(ADMIN, '', 'The title must be 1 to 80 characters.');
    await harness.sendText(ADMIN, 'Busy Game');
    expect((await db.prisma.market.findUniqueOrThrow({ where: { id: market.id } })).title).toBe('Busy Game');
    await harness.press(ADMIN, marketAdminCb.archive.build(market.id, 'on'));
    expect((await db.prisma.market.findUniqueOrThrow({ where: { id: market.id } })).archivedAt).not.toBeNull();
    await harness.press(ADMIN, marketAdminCb.archive.build(market.id, 'off'));
    expect((await db.prisma.market.findUniqueOrThrow({ where: { id: market.id } })).archivedAt).toBeNull();
    await harness.press(ADMIN, marketAdminCb.remove.build(market.id));
    expect(harness.lastText()).toContain('The market has lots, so it cannot be deleted. Archive it instead.');
    await harness.press(ADMIN, marketAdminCb.removeConfirmed.build(market.id)); // a forged confirmation
    expect(harness.lastText()).toContain('The market has lots');
    await harness.press(ADMIN, marketAdminCb.removeCategory.build(category.id));
    expect(harness.lastText()).toContain('The category has lots');
    await harness.press(ADMIN, marketAdminCb.removeLeague.build(league.id));
    expect(harness.lastText()).toContain('Lots name this league');
    expect(await db.prisma.market.count({ where: { id: market.id } })).toBe(1);

    const empty = await makeMarket(db.prisma, { slug: 'empty' });
    await harness.press(ADMIN, marketAdminCb.remove.build(empty.market.id));
    await harness.press(ADMIN, harness.button('Yes, delete'));
    expect(harness.lastText()).toContain('Market deleted');
    expect(await db.prisma.market.count({ where: { id: empty.market.id } })).toBe(0);
  });
});

describe('renaming and archiving categories and leagues', () => {
  test('a category is renamed by its button (bad names asked again), archived and unarchived; the lot type is said to be fixed', async () => {
    const { market, category } = await makeMarket(db.prisma, { slug: 'tidy', categoryName: 'Gold' });
    await db.prisma.category.create({ data: { marketId: market.id, name: 'Items', lotType: 'MULTIPLE' } });
    const seller = await db.prisma.user.findUniqueOrThrow({ where: { telegramId: BigInt(SELLER.id) } });
    await makeLot(db.prisma, seller.id, category.id);
    await harness.press(ADMIN, marketAdminCb.category.build(category.id));
    expect(harness.lastText()).toContain('The lot type cannot change: lots were listed in this category.');
    expect(harness.lastText()).toContain('Visible to buyers');
    await harness.press(ADMIN, harness.button('Rename'));
    expect(harness.lastText()).toContain("The category's new name");
    await refused(ADMIN, 'a\nb', 'The name must be one line');
    await refused(ADMIN, 'x'.repeat(61), 'The name must be one line');
    await harness.sendText(ADMIN, 'Items');
    expect(harness.lastText()).toContain('That name is already taken here.');
    expect((await db.prisma.category.findUniqueOrThrow({ where: { id: category.id } })).name).toBe('Gold');
    await harness.press(ADMIN, marketAdminCb.renameCategory.build(category.id));
    await harness.sendText(ADMIN, ' Gold coins ');
    expect(harness.lastText()).toContain('Category renamed to “Gold coins”');
    expect(await db.prisma.category.findUniqueOrThrow({ where: { id: category.id } })).toMatchObject({ name: 'Gold coins', lotType: 'MULTIPLE' });

    await harness.press(ADMIN, marketAdminCb.category.build(category.id));
    await harness.press(ADMIN, harness.button('Archive'));
    expect(harness.lastText()).toContain('Archived: hidden from buyers');
    expect((await db.prisma.category.findUniqueOrThrow({ where: { id: category.id } })).archivedAt).not.toBeNull();
    await harness.press(ADMIN, marketAdminCb.market.build(market.id));
    expect(harness.lastButtons().map((b) => b.text)).toContain('🗄 Gold coins · By quantity');
    await harness.press(ADMIN, marketAdminCb.archiveCategory.build(category.id, 'off'));
    expect(harness.lastText()).toContain('Visible again');
    expect((await db.prisma.category.findUniqueOrThrow({ where: { id: category.id } })).archivedAt).toBeNull();

    // An empty category says how to get another lot type; unknown ids change nothing.
    const items = await db.prisma.category.findFirstOrThrow({ where: { marketId: market.id, name: 'Items' } });
    await harness.press(ADMIN, marketAdminCb.category.build(items.id));
    expect(harness.lastText()).toContain('delete the category and create it again');
    await harness.press(ADMIN, marketAdminCb.archiveCategory.build(999_999, 'on'));
    expect(harness.lastText()).toContain('That category does not exist any more.');
    const calls = await harness.press(ADMIN, 'adm.mk.cat.arch:1:maybe');
    expect(answers(calls)[0]?.payload).toMatchObject({ text: expect.stringContaining('This button is out of date') });
    expect(await db.prisma.category.count({ where: { archivedAt: { not: null } } })).toBe(0);
  });

  test('a league opens its own screen: rename (unique on its platform), archive, unarchive, delete', async () => {
    const { market, league } = await makeMarket(db.prisma, { slug: 'realms' });
    await db.prisma.lotLeague.create({ data: { marketId: market.id, name: 'Asia' } });
    await harness.press(ADMIN, marketAdminCb.leagues.build(market.id));
    await harness.press(ADMIN, harness.button(/^Europe/));
    expect(harness.lastText()).toContain('Europe · All platforms');
    await harness.press(ADMIN, harness.button('Rename'));
    await refused(ADMIN, '   ', 'The name must be one line');
    await harness.sendText(ADMIN, 'Asia');
    expect(harness.lastText()).toContain('That name is already taken here.');
    await harness.press(ADMIN, marketAdminCb.renameLeague.build(league.id));
    await harness.sendText(ADMIN, 'Europe West');
    expect(harness.lastText()).toContain('League renamed to “Europe West”');
    expect((await db.prisma.lotLeague.findUniqueOrThrow({ where: { id: league.id } })).name).toBe('Europe West');

    await harness.press(ADMIN, marketAdminCb.league.build(league.id));
    await harness.press(ADMIN, harness.button('Archive'));
    expect(harness.lastText()).toContain('Archived: not offered to sellers');
    expect((await db.prisma.lotLeague.findUniqueOrThrow({ where: { id: league.id } })).archivedAt).not.toBeNull();
    await harness.press(ADMIN, marketAdminCb.leagues.build(market.id));
    expect(harness.lastButtons().map((b) => b.text)).toContain('🗄 Europe West · All platforms');
    await harness.press(ADMIN, marketAdminCb.archiveLeague.build(league.id, 'off'));
    expect((await db.prisma.lotLeague.findUniqueOrThrow({ where: { id: league.id } })).archivedAt).toBeNull();
    await harness.press(ADMIN, harness.button('Delete'));
    expect(harness.lastText()).toContain('League deleted');
    expect(await db.prisma.lotLeague.count({ where: { id: league.id } })).toBe(0);
    await harness.press(ADMIN, marketAdminCb.league.build(league.id));
    expect(harness.lastText()).toContain('That league does not exist any more.');
  });

  test('non-admins cannot rename or archive', async () => {
    const { category, league } = await makeMarket(db.prisma);
    for (const data of [marketAdminCb.renameCategory.build(category.id), marketAdminCb.archiveCategory.build(category.id, 'on'), marketAdminCb.archiveLeague.build(league.id, 'on'), marketAdminCb.renameLeague.build(league.id)]) {
      const calls = await harness.press(PLAIN, data);
      expect(answers(calls)[0]?.payload).toMatchObject({ text: 'Not allowed.' });
    }
    expect(await db.prisma.category.findUniqueOrThrow({ where: { id: category.id } })).toMatchObject({ name: 'Gold', archivedAt: null });
    expect((await db.prisma.lotLeague.findUniqueOrThrow({ where: { id: league.id } })).archivedAt).toBeNull();
  });
});

describe('seller applications and withdrawals', () => {
  test('a rejection needs a reason, which the applicant is told; a second decision is refused', async () => {
    await harness.press(SELLER, sellCb.apply.build());
    await harness.press(SELLER, harness.button('Skip'));
    await harness.press(ADMIN, marketAdminCb.applications.build());
    expect(harness.lastText()).toContain('(said nothing about themselves)');
    await harness.press(ADMIN, harness.button('Reject'));
    await refused(ADMIN, '   ', 'Please write a reason');
    const calls = await harness.sendText(ADMIN, 'Tell us more about your shop');
    expect(calls.some((c) => c.method === 'sendMessage' && c.payload.chat_id === SELLER.id && String(c.payload.text).includes('rejected: Tell us more about your shop'))).toBe(true);
    const seller = await db.prisma.user.findUniqueOrThrow({ where: { telegramId: BigInt(SELLER.id) } });
    expect(await db.prisma.sellerProfile.findUnique({ where: { userId: seller.id } })).toMatchObject({ status: 'REJECTED', rejectReason: 'Tell us more about your shop' });
    await harness.press(ADMIN, marketAdminCb.approve.build(seller.id));
    expect(harness.lastText()).toContain('That application was already decided.');
    await harness.press(SELLER, sellCb.home.build());
    expect(harness.lastText()).toContain('Tell us more about your shop');
    // Applying again after a rejection, then approved.
    await harness.press(SELLER, sellCb.apply.build());
    await harness.sendText(SELLER, 'I sell gold.');
    expect((await db.prisma.sellerProfile.findUniqueOrThrow({ where: { userId: seller.id } })).about).toBe('I sell gold.');
    await harness.press(ADMIN, marketAdminCb.approve.build(seller.id));
    expect((await db.prisma.sellerProfile.findUniqueOrThrow({ where: { userId: seller.id } })).status).toBe('APPROVED');
  });

  test('a seller withdraws (over the balance refused); the admin marks one paid, rejects another; the seller is told', async () => {
    const seller = await db.prisma.user.findUniqueOrThrow({ where: { telegramId: BigInt(SELLER.id) } });
    await db.prisma.ledgerEntry.create({ data: { userId: seller.id, kind: 'SALE_PROCEEDS', asset: 'USD', amount: 5_000n, source: 'test:proceeds' } });
    await db.prisma.balance.create({ data: { userId: seller.id, asset: 'USD', amount: 5_000n } });
    await harness.press(SELLER, sellCb.proceeds.build());
    expect(harness.lastText()).toContain('USD: available 50.00');
    await harness.press(SELLER, harness.button('Withdraw USD'));
    await refused(SELLER, '50.01', 'That is more than your available proceeds.');
    await refused(SELLER, '0', 'The amount must be a number above zero');
    await refused(SELLER, '1.001', 'The amount must be a number above zero');
    await harness.sendText(SELLER, '30');
    await refused(SELLER, ' ', 'Please write where to pay it');
    await harness.sendText(SELLER, 'card 4242');
    const requestCalls = await harness.press(SELLER, harness.button('Request'));
    expect(requestCalls.some((c) => c.method === 'sendMessage' && c.payload.chat_id === ADMIN.id && String(c.payload.text).includes('30.00 USD'))).toBe(true);
    expect(requestCalls.some((c) => c.method === 'sendMessage' && c.payload.chat_id === RU_ADMIN.id && String(c.payload.text).includes('Запрошен вывод'))).toBe(true);
    const first = await db.prisma.withdrawal.findFirstOrThrow({ where: { sellerId: seller.id } });

    await harness.press(SELLER, sellCb.withdraw.build('USD'));
    await refused(SELLER, '25', 'That is more than your available proceeds.');
    await harness.sendText(SELLER, '20');
    await harness.sendText(SELLER, 'card 5555');
    await harness.press(SELLER, harness.button('Request'));
    const second = await db.prisma.withdrawal.findFirstOrThrow({ where: { sellerId: seller.id, id: { not: first.id } } });

    await harness.press(ADMIN, marketAdminCb.withdrawals.build());
    expect(harness.lastText()).toContain('card 4242');
    await harness.press(ADMIN, marketAdminCb.paid.build(first.id));
    await refused(ADMIN, ' ', 'Please write the payment reference');
    const paidCalls = await harness.sendText(ADMIN, 'TX-77');
    expect(paidCalls.some((c) => c.payload.chat_id === SELLER.id && String(c.payload.text).includes('Reference: TX-77'))).toBe(true);
    await harness.press(ADMIN, marketAdminCb.rejectWithdrawal.build(second.id));
    const rejectCalls = await harness.sendText(ADMIN, 'Wrong card');
    expect(rejectCalls.some((c) => c.payload.chat_id === SELLER.id && String(c.payload.text).includes('rejected: Wrong card'))).toBe(true);
    await harness.press(ADMIN, marketAdminCb.paid.build(first.id));
    expect(harness.lastText()).toContain('That withdrawal was already decided.');
    expect((await db.prisma.balance.findUniqueOrThrow({ where: { userId_asset: { userId: seller.id, asset: 'USD' } } })).amount).toBe(2_000n);
    await expectBooksBalance(db.prisma);
  });
});

describe('in Russian', () => {
  test('the market admin screens and refusals speak Russian', async () => {
    await harness.press(RU_ADMIN, marketAdminCb.home.build());
    expect(harness.lastText()).toContain('Управление маркетом');
    await harness.press(RU_ADMIN, marketAdminCb.newMarket.build());
    await refused(RU_ADMIN, 'x'.repeat(81), 'Название — от 1 до 80 символов.');
    await harness.press(RU_ADMIN, sellCb.cancel.build());
    expect(harness.lastText()).toBe('Отменено, ничего не изменилось.');
  });
});
