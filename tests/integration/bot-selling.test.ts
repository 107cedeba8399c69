import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cb } from '../../src/bot/callback-data.js';
import { sellCb } from '../../src/bot/keyboards/selling-buttons.js';
import type { CoreDeps } from '../../src/core/deps.js';
import type { Database } from '../../src/infra/database.js';
import { BotHarness, tgUser } from '../support/bot.js';
import { createTestDb } from '../support/db.js';
import { coreDeps, makeMarket } from '../support/factories.js';

const ADMIN = tgUser(7100, { first_name: 'Ada' });
const SELLER = tgUser(7101, { first_name: 'Sam', username: 'sam_sells' });
const RU_SELLER = tgUser(7102, { first_name: 'Иван', language_code: 'ru' });
const AUTO = tgUser(7103, { first_name: 'Otto' });

let db: Database;
let core: CoreDeps;
let harness: BotHarness;
let market: Awaited<ReturnType<typeof makeMarket>>;
let formCategoryId: number;

beforeAll(async () => {
  db = await createTestDb();
  core = coreDeps(db.prisma);
  harness = new BotHarness(core, { adminIds: [BigInt(ADMIN.id)] });
  market = await makeMarket(db.prisma, { slug: 'dota' });
  const form = await db.prisma.category.create({
    data: { marketId: market.market.id, name: 'Accounts', lotType: 'FORM', formFields: [{ key: 'f1', label: 'Rank', required: true }, { key: 'f2', label: 'Email', required: false }] },
  });
  formCategoryId = form.id;
  await harness.sendText(ADMIN, '/start');
});
afterAll(() => db.close());

const user = async (tg: { id: number }) => db.prisma.user.findUniqueOrThrow({ where: { telegramId: BigInt(tg.id) } });
const sentTo = (calls: { method: string; payload: Record<string, unknown> }[], tg: { id: number }) =>
  calls.filter((c) => c.method === 'sendMessage' && c.payload.chat_id === tg.id).map((c) => String(c.payload.text));

/** Types `text` and expects the question to be asked again with `problem` above it. */
async function refused(from: typeof SELLER, text: string, problem: string | RegExp) {
  await harness.sendText(from, text);
  expect(harness.lastText()).toMatch(typeof problem === 'string' ? new RegExp(`⚠️ ${problem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) : problem);
}

describe('applying to sell', () => {
  test('the Sell entry is in the main menu; an application waits and the admins are told; the admin approves', async () => {
    await harness.sendText(SELLER, '/start');
    expect(harness.lastButtons().some((b) => b.data === sellCb.home.build())).toBe(true);
    await harness.press(SELLER, sellCb.home.build());
    expect(harness.lastText()).toContain('Apply to become a seller');
    const asked = await harness.press(SELLER, sellCb.apply.build());
    expect(sentTo(asked, ADMIN)).toEqual([]);
    expect(harness.lastText()).toContain('Tell the admins about yourself');
    // "About" is optional but limited; a sticker or an overlong text is asked again, nothing written.
    await harness.sendMessage(SELLER, { sticker: { file_id: 'st' } });
    expect(harness.lastText()).toContain('Please answer with text');
    await refused(SELLER, 'x'.repeat(501), 'That is too long: at most 500 characters.');
    expect(await db.prisma.sellerProfile.findUnique({ where: { userId: (await user(SELLER)).id } })).toBeNull();
    const calls = await harness.sendText(SELLER, `  ${'y'.repeat(500)}  `);
    expect(sentTo(calls, ADMIN).join()).toContain('New seller application from @sam_sells');
    expect(sentTo(calls, ADMIN).join()).toContain(`About: ${'y'.repeat(500)}`);
    expect(harness.lastText()).toContain('Application sent');
    expect(await db.prisma.sellerProfile.findUnique({ where: { userId: (await user(SELLER)).id } })).toMatchObject({ status: 'APPLIED', about: 'y'.repeat(500) });
    // Applying twice changes nothing; selling screens are refused until approved.
    await harness.press(SELLER, sellCb.apply.build());
    expect(harness.lastText()).toContain('already waiting');
    await harness.press(ADMIN, 'adm.mk.apps');
    expect(harness.lastText()).toContain(`💬 ${'y'.repeat(149)}…`);
    expect(harness.lastText()).not.toContain('y'.repeat(150));
    const refusedCalls = await harness.press(SELLER, sellCb.newLot.build());
    expect(refusedCalls.find((c) => c.method === 'answerCallbackQuery')?.payload.text).toBe('Only approved sellers can do that.');

    await harness.press(ADMIN, 'adm.mk.apps');
    const approveCalls = await harness.press(ADMIN, harness.button('@sam_sells'));
    expect(sentTo(approveCalls, SELLER).join()).toContain('application was approved');
    expect((await user(SELLER)).roles).toContain('SELLER');
    await harness.press(SELLER, sellCb.home.build());
    expect(harness.lastText()).toContain('Selling. What next?');
  });

  test('MARKET_SELLER_AUTO_APPROVE approves at once, without telling the admins', async () => {
    const auto = new BotHarness(core, { adminIds: [BigInt(ADMIN.id)], market: { currencies: ['RUB', 'USD', 'EUR'], defaultDisplayCurrency: 'RUB', sellerAutoApprove: true } });
    await auto.sendText(AUTO, '/start');
    await auto.press(AUTO, sellCb.apply.build());
    const calls = await auto.press(AUTO, auto.button('Skip'));
    expect(sentTo(calls, ADMIN)).toEqual([]);
    expect(auto.lastText()).toContain('You are a seller now');
    expect((await db.prisma.sellerProfile.findUnique({ where: { userId: (await user(AUTO)).id } }))?.status).toBe('APPROVED');
  });
});

describe('a seller lists, edits, pauses, resumes and deletes lots', () => {
  let lotId: number;

  test('a MULTIPLE lot, with every bad input refused and asked again', async () => {
    await harness.press(SELLER, sellCb.newLot.build());
    expect(harness.lastText()).toContain('Which game?');
    await refused(SELLER, 'Dota', 'Please choose one of the buttons.');
    await harness.press(SELLER, harness.button(`Game dota`));
    await harness.press(SELLER, harness.button('Gold'));
    expect(harness.lastText()).toContain('Which league');
    await harness.press(SELLER, harness.button('Europe'));
    await harness.press(SELLER, harness.button('PC'));
    await refused(SELLER, 'high', 'The level must be a whole number');
    await refused(SELLER, '-3', 'The level must be a whole number');
    await harness.sendText(SELLER, '80');
    await harness.press(SELLER, harness.button('EN'));
    await refused(SELLER, 'x'.repeat(101), 'The short description must be one line');
    await refused(SELLER, '   ', 'The short description must be one line');
    await harness.sendText(SELLER, 'Gold, fast delivery');
    await refused(SELLER, 'y'.repeat(2001), 'The description is too long');
    await harness.press(SELLER, harness.button('Skip'));
    for (const bad of ['0', '-1', 'abc', '1.12345678901', '1e5']) await refused(SELLER, bad, 'The price must be a number above zero');
    await harness.sendText(SELLER, '5,5');
    expect(harness.lastText()).toContain('5.5 for how many units');
    for (const bad of ['0', '1.5', '10000000000']) await refused(SELLER, bad, 'The price unit must be a whole number');
    await harness.press(SELLER, harness.button('1000'));
    await refused(SELLER, 'DOGE', 'Unknown currency');
    await harness.sendText(SELLER, 'eur');
    for (const bad of ['0', 'many', '2.5', '10000000000000']) await refused(SELLER, bad, 'The quantity must be a whole number');
    await harness.sendText(SELLER, '3');
    await refused(SELLER, 'key-1\nkey-2', 'The number of lines must equal the quantity');
    await harness.sendText(SELLER, 'key-1\nkey-2\nkey-3');
    await refused(SELLER, 'yes', 'Please choose one of the buttons.');
    await harness.press(SELLER, harness.button('No'));
    expect(harness.lastText()).toContain('Check your lot');
    expect(harness.lastText()).toContain('5.5 EUR per 1000');
    await harness.press(SELLER, harness.button('Publish'));
    expect(harness.lastText()).toMatch(/Lot #\d+ is on sale/);
    const lot = await db.prisma.lot.findFirstOrThrow({ where: { sellerId: (await user(SELLER)).id }, include: { goods: true } });
    lotId = lot.id;
    expect(lot).toMatchObject({
      categoryId: market.category.id,
      leagueId: market.league.id,
      platform: 'PC',
      characterLevel: 80,
      language: 'EN',
      shortDescription: 'Gold, fast delivery',
      priceUnit: 1000n,
      currency: 'EUR',
      quantity: 3n,
      autoDelivery: true,
      deactivateAfterSale: false,
      active: true,
    });
    expect(lot.price.toString()).toBe('5.5');
    expect(lot.goods.map((g) => g.content)).toEqual(['key-1', 'key-2', 'key-3']);
  });

  test('a FORM lot: one unit, the form fields asked (required ones cannot be skipped)', async () => {
    await harness.press(SELLER, sellCb.newLot.build());
    await harness.press(SELLER, harness.button('Game dota'));
    await harness.press(SELLER, harness.button('Accounts'));
    await harness.press(SELLER, harness.button('Skip')); // league
    await harness.press(SELLER, harness.button('Skip')); // platform
    await harness.press(SELLER, harness.button('Skip')); // level
    await harness.press(SELLER, harness.button('Skip')); // language
    await harness.sendText(SELLER, 'Immortal account');
    await harness.sendText(SELLER, 'With all heroes');
    await harness.sendText(SELLER, '120');
    await harness.press(SELLER, harness.button(/^1$/));
    await harness.press(SELLER, harness.button('USD'));
    expect(harness.lastText()).toContain('Rank:');
    expect(harness.lastButtons().some((b) => b.text === 'Skip')).toBe(false);
    await refused(SELLER, 'r'.repeat(201), 'The value must be 1 to 200 characters');
    await harness.sendText(SELLER, 'Immortal');
    expect(harness.lastText()).toContain('Email (optional)');
    await harness.press(SELLER, harness.button('Skip'));
    await harness.press(SELLER, harness.button('I deliver by hand'));
    await harness.press(SELLER, harness.button('Yes'));
    expect(harness.lastText()).toContain('Rank: Immortal');
    await harness.press(SELLER, harness.button('Publish'));
    const lot = await db.prisma.lot.findFirstOrThrow({ where: { categoryId: formCategoryId } });
    expect(lot).toMatchObject({ quantity: 1n, fields: { f1: 'Immortal' }, deactivateAfterSale: true, autoDelivery: false, description: 'With all heroes' });
  });

  test('Cancel at a step leaves nothing behind', async () => {
    const before = await db.prisma.lot.count();
    await harness.press(SELLER, sellCb.newLot.build());
    await harness.press(SELLER, harness.button('Game dota'));
    await harness.press(SELLER, sellCb.cancel.build());
    expect(harness.lastText()).toBe('Cancelled, nothing changed.');
    await harness.sendText(SELLER, 'Gold'); // no longer an answer to anything
    expect(await db.prisma.lot.count()).toBe(before);
  });

  test('edit a field (a bad value asked again), pause, resume, delete', async () => {
    await harness.press(SELLER, sellCb.lots.build(1));
    expect(harness.lastText()).toContain('Your lots (2)');
    await harness.press(SELLER, sellCb.lot.build(lotId));
    expect(harness.lastText()).toContain('Auto-delivery: 3 left');
    // An auto-delivery lot's quantity follows its goods: no Quantity button.
    expect(harness.lastButtons().some((b) => b.data === sellCb.edit.build(lotId, 'quantity'))).toBe(false);
    await harness.press(SELLER, sellCb.edit.build(lotId, 'price'));
    await refused(SELLER, 'free', 'The price must be a number above zero');
    await harness.sendText(SELLER, '6');
    expect(harness.lastText()).toContain('Saved');
    expect((await db.prisma.lot.findUniqueOrThrow({ where: { id: lotId } })).price.toString()).toBe('6');

    await harness.press(SELLER, sellCb.pause.build(lotId));
    expect((await db.prisma.lot.findUniqueOrThrow({ where: { id: lotId } })).active).toBe(false);
    expect(harness.lastText()).toContain('Paused');
    await harness.press(SELLER, sellCb.resume.build(lotId));
    expect((await db.prisma.lot.findUniqueOrThrow({ where: { id: lotId } })).active).toBe(true);

    await harness.press(SELLER, sellCb.remove.build(lotId));
    expect(harness.lastText()).toContain('Delete the lot');
    await harness.press(SELLER, sellCb.removeConfirmed.build(lotId));
    expect(harness.lastText()).toContain('Lot deleted');
    expect(await db.prisma.lot.findUniqueOrThrow({ where: { id: lotId } })).toMatchObject({ active: false });
    expect((await db.prisma.lot.findUniqueOrThrow({ where: { id: lotId } })).deletedAt).not.toBeNull();
    // A deleted lot's buttons lead back to the list.
    await harness.press(SELLER, sellCb.pause.build(lotId));
    expect(harness.lastText()).toContain('Your lots (1)');
  });

  test('delete is refused while an order on the lot is open', async () => {
    const seller = await user(SELLER);
    const buyer = await db.prisma.user.create({ data: { telegramId: 88_001n, firstName: 'B', referralCode: 'buyer88001' } });
    const lot = await db.prisma.lot.findFirstOrThrow({ where: { sellerId: seller.id, deletedAt: null } });
    const order = await db.prisma.lotOrder.create({
      data: {
        buyerId: buyer.id,
        sellerId: seller.id,
        lotId: lot.id,
        quantity: 1n,
        unitPrice: '120',
        priceUnit: 1n,
        priceMinor: 12_000n,
        feeMinor: 0n,
        totalMinor: 12_000n,
        currency: 'USD',
        status: 'PAID',
        reservedUntil: new Date(),
      },
    });
    await harness.press(SELLER, sellCb.removeConfirmed.build(lot.id));
    expect(harness.lastText()).toContain('The lot has open orders');
    expect((await db.prisma.lot.findUniqueOrThrow({ where: { id: lot.id } })).deletedAt).toBeNull();
    // My sales lists it, linked to the order screen.
    await harness.press(SELLER, sellCb.sales.build(1));
    expect(harness.lastButtons().some((b) => b.data === `mko.view:${order.id}` && b.text.includes('paid, deliver'))).toBe(true);
  });
});

describe('in Russian', () => {
  test('the Sell screens and the step refusals speak Russian', async () => {
    await harness.sendText(RU_SELLER, '/start');
    await harness.press(RU_SELLER, cb.menu.build());
    expect(harness.lastButtons().some((b) => b.text === '💼 Продавать')).toBe(true);
    await harness.press(RU_SELLER, sellCb.apply.build());
    expect(harness.lastText()).toContain('Расскажите администраторам о себе');
    await refused(RU_SELLER, 'я'.repeat(501), 'Слишком длинно: не больше 500 символов.');
    await harness.press(RU_SELLER, harness.button('Пропустить'));
    expect(harness.lastText()).toContain('Заявка отправлена');
    await db.prisma.sellerProfile.update({ where: { userId: (await user(RU_SELLER)).id }, data: { status: 'APPROVED', decidedAt: new Date() } });
    await harness.press(RU_SELLER, sellCb.newLot.build());
    expect(harness.lastText()).toContain('Какая игра?');
    await refused(RU_SELLER, 'Дота', 'Выберите одну из кнопок.');
    await harness.press(RU_SELLER, sellCb.cancel.build());
    expect(harness.lastText()).toBe('Отменено, ничего не изменилось.');
  });
});
