import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cb } from '../../src/bot/callback-data.js';
import { adminCb } from '../../src/bot/keyboards/admin-buttons.js';
import type { CoreDeps } from '../../src/core/deps.js';
import { activateRound } from '../../src/core/tokens/activate-round.js';
import { confirmPayment } from '../../src/core/tokens/confirm-payment.js';
import { createRound } from '../../src/core/tokens/create-round.js';
import { startPurchase } from '../../src/core/tokens/start-purchase.js';
import type { Database } from '../../src/infra/database.js';
import { answers, BotHarness, tgUser } from '../support/bot.js';
import { createTestDb } from '../support/db.js';
import { coreDeps, fixedClock, makeToken, makeUser } from '../support/factories.js';

const ADMIN = tgUser(900, { first_name: 'Ada' }); // in ADMIN_TELEGRAM_IDS, no role in the database
const DB_ADMIN = tgUser(901, { first_name: 'Dan', username: 'dan_admin' }); // the ADMIN role in the database
const PLAIN = tgUser(902, { first_name: 'Pat', username: 'pat_user' }); // nobody special
const RU_ADMIN = tgUser(903, { first_name: 'Иван', language_code: 'ru' }); // in ADMIN_TELEGRAM_IDS, Russian

let db: Database;
let core: CoreDeps;
let harness: BotHarness;
let token: Awaited<ReturnType<typeof makeToken>>;
let seedId: number;
let privateId: number;

beforeAll(async () => {
  db = await createTestDb();
  const clock = fixedClock(new Date('2026-01-15T12:00:00Z'));
  core = coreDeps(db.prisma, { clock });
  token = await makeToken(db.prisma, [
    { name: 'Seed', cap: 1000n, unitPrice: '0.01', referralPercent: '10' },
    { name: 'Private', cap: 5000n, unitPrice: '0.02', referralPercent: '5' },
  ]);
  [seedId, privateId] = token.rounds.map((r) => r.id) as [number, number];
  harness = new BotHarness(core, { tokenId: token.id, adminIds: [900n, 903n] });
  // The flood limit counts updates per 10 s on the core's clock, which stands still here: let
  // half a second pass per update, as it would for an admin typing.
  const send = harness.send.bind(harness);
  harness.send = (update) => {
    clock.advance(500);
    return send(update);
  };
  for (const user of [ADMIN, DB_ADMIN, PLAIN, RU_ADMIN]) await harness.sendText(user, '/start');
  await db.prisma.user.update({ where: { telegramId: 901n }, data: { roles: ['BUYER', 'ADMIN'] } });
});
afterAll(() => db.close());

/** Everything the admin area can change, as one comparable value. */
async function adminState(): Promise<string> {
  const rounds = await db.prisma.tokenRound.findMany({ orderBy: { id: 'asc' } });
  const users = await db.prisma.user.findMany({ orderBy: { id: 'asc' }, select: { id: true, roles: true } });
  return JSON.stringify({ rounds, users }, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
}

const roundsOf = async () =>
  (await db.prisma.tokenRound.findMany({ where: { tokenId: token.id }, orderBy: { position: 'asc' } })).map((r) => `${r.name}:${r.status}`);
const rolesOf = async (telegramId: number) => (await db.prisma.user.findUniqueOrThrow({ where: { telegramId: BigInt(telegramId) } })).roles;

/** Sends an answer and expects the bot to say `expected` (a refusal keeps the question and Cancel). */
async function answer(user: ReturnType<typeof tgUser>, text: string, expected: string | RegExp): Promise<void> {
  await harness.sendText(user, text);
  if (typeof expected === 'string') expect(harness.lastText()).toContain(expected);
  else expect(harness.lastText()).toMatch(expected);
}

describe('the guard', () => {
  test('a non-admin typing /admin is told "not allowed" and sees no admin screen', async () => {
    const calls = await harness.sendText(PLAIN, '/admin');
    expect(calls.map((c) => c.method)).toEqual(['sendMessage']);
    expect(calls[0]?.payload).toMatchObject({ text: 'Not allowed.' });
    expect(calls[0]?.payload.reply_markup).toBeUndefined();
  });

  test('forged admin buttons from a non-admin answer "not allowed" once and change nothing', async () => {
    const before = await adminState();
    const plain = await db.prisma.user.findUniqueOrThrow({ where: { telegramId: 902n } });
    const forged = [
      cb.admin.build(),
      adminCb.stats.build(),
      adminCb.rounds.build(),
      adminCb.round.build(seedId),
      adminCb.newRound.build(),
      adminCb.edit.build(privateId, 'price'),
      adminCb.activateConfirmed.build(privateId),
      adminCb.completeConfirmed.build(seedId),
      adminCb.roles.build(),
      adminCb.role.build(plain.id, 'ADMIN', 'on'),
      'adm.unknown:1',
    ];
    for (const data of forged) {
      const calls = await harness.press(PLAIN, data);
      expect(calls, data).toHaveLength(1);
      expect(calls[0], data).toMatchObject({ method: 'answerCallbackQuery', payload: { text: 'Not allowed.' } });
    }
    expect(await adminState()).toBe(before);
    // No question was opened either: text is just text.
    await harness.sendText(PLAIN, 'Evil round');
    expect(harness.lastText()).toContain("didn't understand");
    expect(await adminState()).toBe(before);
  });

  test('an ADMIN_TELEGRAM_IDS admin without the database role gets in by /admin and by the menu button', async () => {
    expect(await rolesOf(900)).toEqual(['BUYER']);
    await harness.sendText(ADMIN, '/start');
    expect(harness.lastButtons().map((b) => b.text)).toContain('🛠 Admin');
    const typed = await harness.sendText(ADMIN, '/admin');
    expect(typed.map((c) => c.method)).toEqual(['sendMessage']);
    expect(harness.lastText()).toContain('Admin area');
    expect(harness.lastButtons().map((b) => b.text)).toEqual(['📊 Statistics', '🗂 Rounds', '👥 Roles', '❓ Help page', '💸 Refunds', '💰 Payouts', '⚠️ Disputes', '🏪 Market', '⬅️ Menu']);
    expect(harness.button('Help page')).toBe(cb.page.build('help'));
    const pressed = await harness.press(ADMIN, cb.admin.build());
    expect(pressed.map((c) => c.method)).toEqual(['editMessageText', 'answerCallbackQuery']);
    expect(harness.lastText()).toContain('Admin area');
  });

  test('an admin by the database role gets in', async () => {
    await harness.sendText(DB_ADMIN, '/admin');
    expect(harness.lastText()).toContain('Admin area');
  });
});

describe('statistics', () => {
  test('sold and rewards in total and per round, buyers and referral conversion', async () => {
    const referrer = await makeUser(db.prisma);
    const invitedBuyer = await makeUser(db.prisma, { referrerId: referrer.id });
    const buyer = await makeUser(db.prisma);
    await makeUser(db.prisma, { referrerId: referrer.id }); // invited, never bought
    for (const [buyerId, amount] of [[invitedBuyer.id, 300], [buyer.id, 400]] as const) {
      const started = await startPurchase(core, { buyerId, tokenId: token.id, amount });
      if (!started.ok) throw new Error(started.code);
      await confirmPayment(core, started.value.orderId);
    }
    const users = await db.prisma.user.count();
    const calls = await harness.press(ADMIN, adminCb.stats.build());
    expect(answers(calls)).toHaveLength(1);
    const text = harness.lastText();
    expect(text).toContain(`Sold: 700 ${token.symbol}`);
    expect(text).toContain('• Seed: 700\n• Private: 0');
    expect(text).toContain(`Referral rewards: 30 ${token.symbol}`); // 10% of the invited buyer's 300
    expect(text).toContain('• Seed: 30\n• Private: 0');
    expect(text).toContain(`Buyers: 2 of ${users} users`);
    expect(text).toContain('Referral conversion: 50.00% (1 of 2 invited users bought)');
  });
});

describe('rounds', () => {
  test('the list shows each round with its status, price, progress and cap', async () => {
    await harness.press(ADMIN, adminCb.rounds.build());
    const text = harness.lastText();
    expect(text).toContain('1. Seed — 🟢 on sale\n0.01 USD per token · sold 700 of 1000 (70.00%)');
    expect(text).toContain('2. Private — 📝 draft\n0.02 USD per token · sold 0 of 5000 (0.00%)');
    expect(harness.lastButtons().map((b) => b.text)).toEqual(['1. Seed', '2. Private', '➕ New round', '⬅️ Admin menu']);
  });

  test('a draft offers its fields and activation; the active round offers completion', async () => {
    await harness.press(ADMIN, adminCb.round.build(privateId));
    expect(harness.lastText()).toContain('Price: 0.02 USD per token');
    expect(harness.lastText()).toContain('Per purchase: from 1 to no maximum');
    const draftButtons = harness.lastButtons().map((b) => b.text);
    expect(draftButtons).toEqual(expect.arrayContaining(['Name', 'Currency', 'Price', 'Cap', 'Referral %', 'Minimum', 'Maximum', 'Start', 'End', '▶️ Activate']));
    expect(draftButtons).not.toContain('⏹ Complete');
    await harness.press(ADMIN, adminCb.round.build(seedId));
    expect(harness.lastButtons().map((b) => b.text)).toEqual(['⏹ Complete', '⬅️ Rounds']);
  });

  test('creating a round: nine questions, then a draft at the next position', async () => {
    const calls = await harness.press(ADMIN, adminCb.newRound.build());
    expect(answers(calls)).toHaveLength(1);
    expect(harness.lastText()).toContain('Step 1 of 9');
    expect(harness.lastButtons().map((b) => b.text)).toEqual(['✖️ Cancel']);
    await answer(ADMIN, 'Public', 'Step 2 of 9');
    await answer(ADMIN, 'usd', /Step 3 of 9.*in USD/s);
    await answer(ADMIN, '0.015', 'Step 4 of 9');
    await answer(ADMIN, '3 000', 'Step 5 of 9');
    await answer(ADMIN, '5', 'Step 6 of 9');
    await answer(ADMIN, '10', /Step 7 of 9.*not below 10/s);
    expect(harness.lastButtons().map((b) => b.text)).toEqual(['No maximum', '✖️ Cancel']);
    await answer(ADMIN, '500', 'Step 8 of 9');
    await answer(ADMIN, '2026-02-01 00:00', 'Step 9 of 9');
    expect(await db.prisma.tokenRound.count({ where: { tokenId: token.id } })).toBe(2);
    await answer(ADMIN, '2026-03-01 00:00', 'Round «Public» is created as a draft, number 3 in the sale.');
    const round = await db.prisma.tokenRound.findFirstOrThrow({ where: { tokenId: token.id, position: 3 } });
    expect(round).toMatchObject({ name: 'Public', status: 'DRAFT', cap: 3000n, minPurchase: 10n, maxPurchase: 500n });
    expect([round.currency.trim(), round.unitPrice.toString(), round.referralPercent.toString()]).toEqual(['USD', '0.015', '5']);
    expect([round.startsAt?.toISOString(), round.endsAt?.toISOString()]).toEqual(['2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z']);
    expect(harness.button('Open the round')).toBe(adminCb.round.build(round.id));
  });

  test('every bad answer gets its reason with the question again, and nothing is stored until the end', async () => {
    const count = () => db.prisma.tokenRound.count({ where: { tokenId: token.id } });
    const before = await count();
    await harness.press(ADMIN, adminCb.newRound.build());
    const refused = async (text: string, reason: string, step: number) => {
      await answer(ADMIN, text, reason);
      expect(harness.lastText()).toContain(`Step ${step} of 9`);
      expect(harness.lastButtons().map((b) => b.text)).toContain('✖️ Cancel');
    };
    await refused('x'.repeat(65), 'The name must be from 1 to 64 characters.', 1);
    await answer(ADMIN, 'Late', 'Step 2 of 9');
    await refused('USDT', 'This currency is not supported.', 2);
    await refused('dollars', 'This currency is not supported.', 2);
    await answer(ADMIN, 'EUR', 'Step 3 of 9');
    for (const bad of ['0', '-1', '0.00000000001', 'cheap']) await refused(bad, 'The price must be a positive number with at most 10 digits after the point', 3);
    await answer(ADMIN, '1,5', 'Step 4 of 9');
    for (const bad of ['1.5', '0', 'many']) await refused(bad, 'The cap must be a whole number of tokens, at least 1.', 4);
    await answer(ADMIN, '100', 'Step 5 of 9');
    for (const bad of ['101', '2.345', '-3']) await refused(bad, 'The referral percent must be from 0 to 100 with at most 2 decimals', 5);
    await answer(ADMIN, '2.5%', 'Step 6 of 9');
    await refused('0', 'The minimum must be a whole number of tokens, at least 1.', 6);
    await refused('101', "The minimum purchase cannot be above the round's cap.", 6);
    await answer(ADMIN, '10', 'Step 7 of 9');
    await refused('5', 'The maximum purchase cannot be below the minimum.', 7);
    await refused('lots', 'The maximum must be a whole number of tokens, at least 1.', 7);
    await harness.sendMessage(ADMIN, { photo: [{ file_id: 'p', file_unique_id: 'u', width: 1, height: 1 }] });
    expect(harness.lastText()).toContain('Please answer with a text message');
    await harness.press(ADMIN, harness.button('No maximum'));
    expect(harness.lastText()).toContain('Step 8 of 9');
    await refused('2026-02-30 10:00', 'That is not a date and time.', 8);
    await refused('tomorrow', 'That is not a date and time.', 8);
    await answer(ADMIN, '2026-04-01 10:00', 'Step 9 of 9');
    await refused('2026-04-01 10:00', 'The end must be after the start.', 9);
    await refused('2026-03-01 10:00', 'The end must be after the start.', 9);
    expect(await count()).toBe(before);
    const calls = await harness.press(ADMIN, harness.button('No end time'));
    expect(answers(calls)).toHaveLength(1);
    expect(harness.lastText()).toContain('Round «Late» is created as a draft, number 4');
    const round = await db.prisma.tokenRound.findFirstOrThrow({ where: { tokenId: token.id, position: 4 } });
    expect(round).toMatchObject({ name: 'Late', status: 'DRAFT', cap: 100n, minPurchase: 10n, maxPurchase: null, endsAt: null });
    expect([round.currency.trim(), round.unitPrice.toString(), round.referralPercent.toString()]).toEqual(['EUR', '1.5', '2.5']);
    expect(round.startsAt?.toISOString()).toBe('2026-04-01T10:00:00.000Z');
  });

  test('Cancel, a command or another screen leaves the questions with nothing stored', async () => {
    const before = await adminState();
    await harness.press(ADMIN, adminCb.newRound.build());
    await answer(ADMIN, 'Temp', 'Step 2 of 9');
    const cancelled = await harness.press(ADMIN, harness.button('Cancel'));
    expect(answers(cancelled)).toHaveLength(1);
    expect(harness.lastText()).toBe('Cancelled: nothing was changed.');
    await answer(ADMIN, 'USD', "didn't understand");

    await harness.press(ADMIN, adminCb.newRound.build());
    await answer(ADMIN, 'Temp', 'Step 2 of 9');
    await answer(ADMIN, '/menu', 'Hi, Ada!');
    await answer(ADMIN, 'USD', "didn't understand");

    await harness.press(ADMIN, adminCb.newRound.build());
    const elsewhere = await harness.press(ADMIN, adminCb.rounds.build());
    expect(answers(elsewhere)).toHaveLength(1);
    expect(harness.lastText()).toContain('Sale rounds of');
    await answer(ADMIN, 'Temp', "didn't understand");
    expect(await adminState()).toBe(before);
  });

  test('editing a draft changes that one field; a value that breaks the round is refused with the reason', async () => {
    await harness.press(ADMIN, adminCb.edit.build(privateId, 'price'));
    expect(harness.lastText()).toContain('Round «Private», Price. Now: 0.02 USD');
    await answer(ADMIN, '0,025', 'Saved: Price of «Private».');
    const edited = await db.prisma.tokenRound.findUniqueOrThrow({ where: { id: privateId } });
    expect(edited.unitPrice.toString()).toBe('0.025');
    expect(edited).toMatchObject({ name: 'Private', cap: 5000n, status: 'DRAFT' });

    await harness.press(ADMIN, adminCb.edit.build(privateId, 'min'));
    await answer(ADMIN, '6000', "The minimum purchase cannot be above the round's cap.");
    await harness.press(ADMIN, harness.button('Cancel'));
    expect((await db.prisma.tokenRound.findUniqueOrThrow({ where: { id: privateId } })).minPurchase).toBe(1n);

    await harness.press(ADMIN, adminCb.edit.build(privateId, 'max'));
    await harness.press(ADMIN, harness.button('No maximum'));
    expect(harness.lastText()).toContain('Saved: Maximum of «Private».');
  });

  test('activating a draft completes the round on sale and puts the draft on sale', async () => {
    await harness.press(ADMIN, adminCb.activate.build(privateId));
    expect(harness.lastText()).toContain('Put «Private» on sale now?\nThe round on sale now, «Seed», will be completed.');
    expect(await roundsOf()).toEqual(['Seed:ACTIVE', 'Private:DRAFT', 'Public:DRAFT', 'Late:DRAFT']);
    const calls = await harness.press(ADMIN, harness.button('Yes, activate'));
    expect(answers(calls)).toHaveLength(1);
    expect(harness.lastText()).toContain('✅ «Private» is on sale now; «Seed» is completed.');
    expect(await roundsOf()).toEqual(['Seed:COMPLETE', 'Private:ACTIVE', 'Public:DRAFT', 'Late:DRAFT']);
  });

  test('completing the active round puts the next draft on sale', async () => {
    await harness.press(ADMIN, adminCb.complete.build(privateId));
    expect(harness.lastText()).toContain('Complete «Private» now?');
    await harness.press(ADMIN, harness.button('Yes, complete'));
    expect(harness.lastText()).toContain('✅ «Private» is completed. On sale now: «Public».');
    expect(await roundsOf()).toEqual(['Seed:COMPLETE', 'Private:COMPLETE', 'Public:ACTIVE', 'Late:DRAFT']);
  });

  test('a round that is not a draft cannot be edited: refused before any question', async () => {
    const before = await adminState();
    await harness.press(ADMIN, adminCb.edit.build(seedId, 'name'));
    expect(harness.lastText()).toContain('Only a draft round can be changed or activated');
    await answer(ADMIN, 'Renamed', "didn't understand");
    // Stale confirmations are refused by the core and change nothing either.
    const activate = await harness.press(ADMIN, adminCb.activateConfirmed.build(seedId));
    expect(activate).toEqual([expect.objectContaining({ method: 'answerCallbackQuery', payload: expect.objectContaining({ text: expect.stringContaining('Only a draft round') }) })]);
    const complete = await harness.press(ADMIN, adminCb.completeConfirmed.build(privateId));
    expect(complete).toEqual([expect.objectContaining({ payload: expect.objectContaining({ text: 'This round is not on sale any more.' }) })]);
    expect(await adminState()).toBe(before);
  });

  test('a draft that goes on sale while its edit is open is refused by the core (ROUND_NOT_DRAFT)', async () => {
    const late = await db.prisma.tokenRound.findFirstOrThrow({ where: { tokenId: token.id, name: 'Late' } });
    await harness.press(ADMIN, adminCb.edit.build(late.id, 'name'));
    expect(harness.lastText()).toContain('Round «Late», Name. Now: Late');
    expect(await activateRound(core, { tokenId: token.id, roundId: late.id })).toMatchObject({ ok: true });
    await answer(ADMIN, 'Later', 'Only a draft round can be changed or activated: this one is on sale or completed.');
    expect((await db.prisma.tokenRound.findUniqueOrThrow({ where: { id: late.id } })).name).toBe('Late');
  });
  test('rights are checked again at the write: an admin who lost the role during the question changes nothing', async () => {
    const created = await createRound(core, {
      tokenId: token.id,
      fields: { name: 'Spare', currency: 'USD', unitPrice: '1', cap: 10n, referralPercent: '0', minPurchase: 1n, maxPurchase: null, startsAt: null, endsAt: null },
    });
    if (!created.ok) throw new Error(created.code);
    await harness.press(DB_ADMIN, adminCb.edit.build(created.value.roundId, 'name'));
    expect(harness.lastText()).toContain('Round «Spare», Name.');
    await db.prisma.user.update({ where: { telegramId: 901n }, data: { roles: ['BUYER'] } });
    try {
      await answer(DB_ADMIN, 'Hijacked', 'Not allowed.');
      expect((await db.prisma.tokenRound.findUniqueOrThrow({ where: { id: created.value.roundId } })).name).toBe('Spare');
    } finally {
      await db.prisma.user.update({ where: { telegramId: 901n }, data: { roles: ['BUYER', 'ADMIN'] } });
    }
  });
});

describe('roles', () => {
  test('by Telegram id: unknown and malformed users get the reason; the toggles grant and revoke', async () => {
    await harness.press(ADMIN, adminCb.roles.build());
    expect(harness.lastText()).toContain('Whose roles?');
    await answer(ADMIN, '@nobody_here', 'There is no user @nobody_here here.');
    await answer(ADMIN, 'not a user!', 'That is neither a Telegram id nor a username.');
    await answer(ADMIN, '902', 'Pat (@pat_user, id 902)\nRoles: Buyer');
    expect(harness.lastButtons().map((b) => b.text)).toEqual(['⬜ Seller', '⬜ Support', '⬜ Admin', '👤 Another user', '⬅️ Admin menu']);

    const granted = await harness.press(ADMIN, harness.button('Seller'));
    expect(answers(granted)).toEqual([expect.objectContaining({ payload: expect.objectContaining({ text: 'Granted: Seller.' }) })]);
    expect(await rolesOf(902)).toEqual(['BUYER', 'SELLER']);
    expect(harness.lastText()).toContain('Roles: Buyer, Seller');

    await harness.press(ADMIN, harness.button('✅ Seller'));
    expect(await rolesOf(902)).toEqual(['BUYER']);
    expect(harness.lastText()).toContain('Roles: Buyer\n');
  });

  test('by @username, whatever its case; a granted admin gets in, a revoked one is out again', async () => {
    await harness.press(ADMIN, adminCb.roles.build());
    await answer(ADMIN, '@PAT_USER', 'Pat (@pat_user, id 902)');
    await harness.press(ADMIN, harness.button('Admin'));
    expect(await rolesOf(902)).toEqual(['BUYER', 'ADMIN']);
    await answer(PLAIN, '/admin', 'Admin area');

    await harness.press(ADMIN, adminCb.role.build((await db.prisma.user.findUniqueOrThrow({ where: { telegramId: 902n } })).id, 'ADMIN', 'off'));
    expect(await rolesOf(902)).toEqual(['BUYER']);
    await answer(PLAIN, '/admin', 'Not allowed.');
  });

  test('an admin cannot revoke their own ADMIN role', async () => {
    await harness.press(DB_ADMIN, adminCb.roles.build());
    await answer(DB_ADMIN, '901', 'Roles: Buyer, Admin');
    const calls = await harness.press(DB_ADMIN, harness.button('✅ Admin'));
    expect(calls).toEqual([
      expect.objectContaining({ method: 'answerCallbackQuery', payload: expect.objectContaining({ text: 'You cannot revoke your own admin role: ask another admin to do it.' }) }),
    ]);
    expect(await rolesOf(901)).toEqual(['BUYER', 'ADMIN']);
  });
});

describe('Russian', () => {
  test('the admin area, statistics and the questions speak Russian', async () => {
    await answer(RU_ADMIN, '/admin', 'Админка. Выберите раздел:');
    expect(harness.lastButtons().map((b) => b.text)).toEqual(['📊 Статистика', '🗂 Раунды', '👥 Роли', '❓ Страница помощи', '💸 Возвраты', '💰 Выплаты', '⚠️ Споры', '🏪 Маркет', '⬅️ Меню']);
    await harness.press(RU_ADMIN, adminCb.stats.build());
    expect(harness.lastText()).toContain(`Продано: 700 ${token.symbol}`);
    expect(harness.lastText()).toContain('Конверсия приглашённых: 50.00% (приглашённых: 2, из них купили: 1)');
    await harness.press(RU_ADMIN, adminCb.newRound.build());
    expect(harness.lastText()).toContain('Шаг 1 из 9.\nПришлите название раунда');
    await answer(RU_ADMIN, 'Рублёвый', 'Шаг 2 из 9');
    await answer(RU_ADMIN, 'RUB', 'Шаг 3 из 9');
    await answer(RU_ADMIN, '0', 'Цена должна быть положительным числом');
    await harness.press(RU_ADMIN, harness.button('Отмена'));
    expect(harness.lastText()).toBe('Отменено, ничего не изменилось.');
    await harness.press(RU_ADMIN, adminCb.roles.build());
    await answer(RU_ADMIN, '@nobody_here', 'Пользователя @nobody_here здесь нет.');
  });
});
