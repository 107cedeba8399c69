import type { InputFile } from 'grammy';
import QRCode from 'qrcode';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { INVITE_QR_OPTIONS, qrCodePng } from '../../src/bot/qr.js';
import type { CoreDeps } from '../../src/core/deps.js';
import { confirmPayment } from '../../src/core/tokens/confirm-payment.js';
import { startPurchase } from '../../src/core/tokens/start-purchase.js';
import type { Database } from '../../src/infra/database.js';
import { answers, BOT_INFO, BotHarness, type TgUser, tgUser } from '../support/bot.js';
import { createTestDb } from '../support/db.js';
import { coreDeps, fixedClock, makeToken, makeUser } from '../support/factories.js';
import { decodePng, readQrModules } from '../support/referrals.js';

let db: Database;
let core: CoreDeps;
let harness: BotHarness;
let tokenId: number;
const clock = fixedClock(new Date('2026-01-15T09:00:00Z'));
let nextTelegramId = 7_000;

beforeAll(async () => {
  db = await createTestDb();
  core = coreDeps(db.prisma, { clock });
  tokenId = (await makeToken(db.prisma, [{ referralPercent: '10', cap: 1_000_000n }], 'MKT')).id;
  harness = new BotHarness(core, { tokenId });
});
afterAll(() => db.close());
// The bot's flood limit counts per user on the core's clock: let each test start a new window.
beforeEach(() => clock.advance(60_000));

/** A new Telegram user, registered the way the bot registers everyone: by their first update. */
async function newUser(extra: Partial<TgUser> = {}, startPayload?: string) {
  const tg = tgUser(nextTelegramId++, extra);
  await harness.sendText(tg, startPayload ? `/start ${startPayload}` : '/start');
  return { tg, user: await account(tg) };
}

const account = (tg: TgUser) => db.prisma.user.findUniqueOrThrow({ where: { telegramId: BigInt(tg.id) } });
const linkOf = (code: string) => `https://t.me/${BOT_INFO.username}?start=${code}`;

/** A purchase through the core, paid unless `pay` is false. */
async function buy(buyerId: number, amount: number, pay = true) {
  clock.advance(60_000);
  const started = await startPurchase(core, { buyerId, tokenId, amount });
  if (!started.ok) throw new Error(started.code);
  if (pay) await confirmPayment(core, started.value.orderId);
}

/** Presses the menu's referral entry and returns what the bot did. */
const openProgram = (tg: TgUser) => harness.press(tg, 'ref');

/** Enters "I have a code" from the referral screen (the button must be there). */
async function startCodeEntry(tg: TgUser) {
  await openProgram(tg);
  return harness.press(tg, harness.button(/^🎟/));
}

describe('the referral screen', () => {
  test('shows the exact invite link with the user code and the percent of every level', async () => {
    const { tg, user } = await newUser();
    const calls = await openProgram(tg);
    expect(calls.map((c) => c.method)).toEqual(['editMessageText', 'answerCallbackQuery']);
    const text = harness.lastText();
    expect(text).toContain(`Your invite link:\n${linkOf(user.referralCode)}\n`);
    expect(text).toContain('• Level 1: 10%\n• Level 2: 3%\n• Level 3: 1%');
    expect(text).toContain('Level 1: no one yet\nLevel 2: no one yet\nLevel 3: no one yet');
    expect(text).toContain('Earned in total: 0 MKT');
    expect(harness.lastButtons().map((b) => b.text)).toEqual(['📤 Share the link', '🔳 QR code', '📜 Rewards history', '🎟 I have a code', '⬅️ Menu']);
  });

  test("the share button opens Telegram's share dialog with the link and the text, URL-encoded", async () => {
    const { tg, user } = await newUser();
    await openProgram(tg);
    const share = harness.lastButtons().find((b) => b.text === '📤 Share the link');
    expect(share?.data).toBeUndefined();
    const url = new URL(share?.url ?? '');
    expect(`${url.origin}${url.pathname}`).toBe('https://t.me/share/url');
    expect(url.searchParams.get('url')).toBe(linkOf(user.referralCode));
    expect(url.searchParams.get('text')).toBe('Join me on Market: buy the platform token in its sale rounds!');
    // Encoded, not raw: the link's own "?" and "=" must not leak into the share URL's query.
    expect(share?.url).toContain(`?url=https%3A%2F%2Ft.me%2F${BOT_INFO.username}%3Fstart%3D${user.referralCode}&text=Join%20me%20on%20Market`);
  });

  test('counts people, buyers, their purchases and the rewards earned per level, down to the last rewarded level', async () => {
    const { tg, user: root } = await newUser();
    const ann = await makeUser(db.prisma, { referrerId: root.id });
    const bob = await makeUser(db.prisma, { referrerId: root.id });
    const cid = await makeUser(db.prisma, { referrerId: ann.id });
    const dan = await makeUser(db.prisma, { referrerId: cid.id });
    const eve = await makeUser(db.prisma, { referrerId: dan.id }); // level 4: no reward level
    await buy(ann.id, 12_000);
    await buy(ann.id, 50);
    await buy(bob.id, 40, false); // pending: a referral, not a buyer
    await buy(cid.id, 200);
    await buy(dan.id, 300);
    await buy(eve.id, 500);

    await openProgram(tg);
    const text = harness.lastText();
    expect(text).toContain(
      [
        'Your referrals:',
        'Level 1: 2 people, 1 buyer, bought 12,050 MKT, you earned 1,205 MKT',
        'Level 2: 1 person, 1 buyer, bought 200 MKT, you earned 6 MKT',
        'Level 3: 1 person, 1 buyer, bought 300 MKT, you earned 3 MKT',
        '',
        '💰 Earned in total: 1,214 MKT',
      ].join('\n'),
    );
    expect(text).not.toContain('Level 4');
  });

  test('/invite opens the same screen as a new message', async () => {
    const { tg, user } = await newUser();
    const calls = await harness.sendText(tg, '/invite');
    expect(calls.map((c) => c.method)).toEqual(['sendMessage']);
    expect(harness.lastText()).toContain(linkOf(user.referralCode));
  });

  test('while no sale round is active, level 1 says it is paused', async () => {
    const paused = await makeToken(db.prisma, [{ status: 'DRAFT' }], 'PSD');
    const other = new BotHarness(core, { tokenId: paused.id });
    await other.press(tgUser(nextTelegramId++), 'ref');
    expect(other.lastText()).toContain('• Level 1: paused until the next sale round opens\n• Level 2: 3%');
  });
});

describe('the QR code', () => {
  test('is sent as a PNG photo of the invite link, with the link in the caption', async () => {
    const { tg, user } = await newUser();
    const link = linkOf(user.referralCode);
    const calls = await harness.press(tg, 'ref.qr');
    expect(calls.map((c) => c.method)).toEqual(['sendPhoto', 'answerCallbackQuery']);
    const payload = calls[0]!.payload;
    expect(payload.caption).toContain(`\n${link}`);
    const photo = payload.photo as InputFile;
    expect(photo.filename).toBe('invite.png');
    const png = await photo.toRaw();
    if (!(png instanceof Uint8Array)) throw new Error('the photo is not an in-memory file');

    // Read back, the image is exactly the QR symbol of the link (every module, at any scale).
    const modules = readQrModules(decodePng(png));
    const symbol = QRCode.create(link, { errorCorrectionLevel: INVITE_QR_OPTIONS.errorCorrectionLevel }).modules;
    const expected = Array.from({ length: symbol.size }, (_, row) => Array.from({ length: symbol.size }, (_, col) => (symbol.get(row, col) ? 1 : 0)));
    expect(modules).toEqual(expected);
    // And the rendering is stable: the same link always gives the same bytes.
    expect(Buffer.from(png).equals(await qrCodePng(link))).toBe(true);
    expect(Buffer.from(png).equals(await qrCodePng(linkOf('Zzzzzzzz')))).toBe(false);
  });
});

describe('the rewards history', () => {
  test('five rewards a page, newest first, with date, amount, level, buyer and status; prev and next', async () => {
    const { tg, user: referrer } = await newUser();
    const gina = await makeUser(db.prisma, { referrerId: referrer.id, firstName: 'Gina' });
    for (const amount of [10, 20, 30, 40, 50, 60, 70]) await buy(gina.id, amount);
    const oldest = await db.prisma.referralReward.findFirstOrThrow({ where: { beneficiaryId: referrer.id }, orderBy: { id: 'asc' } });
    await db.prisma.referralReward.update({ where: { id: oldest.id }, data: { status: 'SENT' } });

    await openProgram(tg);
    await harness.press(tg, harness.button('Rewards history'));
    const first = harness.lastText().split('\n');
    expect(first[0]).toBe('📜 Your rewards, page 1 of 2:');
    expect(first.slice(2)).toEqual(
      [7, 6, 5, 4, 3].map((amount) => `15 Jan 2026 · +${amount} MKT · level 1 · from Gina · credited to your balance`),
    );
    expect(harness.lastButtons().map((b) => b.text)).toEqual(['Next ▶️', '⬅️ Back', '⬅️ Menu']);

    await harness.press(tg, harness.button('Next'));
    expect(harness.lastText()).toBe(
      [
        '📜 Your rewards, page 2 of 2:',
        '',
        '15 Jan 2026 · +2 MKT · level 1 · from Gina · credited to your balance',
        '15 Jan 2026 · +1 MKT · level 1 · from Gina · sent to your wallet',
      ].join('\n'),
    );
    expect(harness.lastButtons().map((b) => b.text)).toEqual(['◀️ Prev', '⬅️ Back', '⬅️ Menu']);

    await harness.press(tg, harness.button('Prev'));
    expect(harness.lastText()).toContain('page 1 of 2');
    await harness.press(tg, harness.button('⬅️ Back'));
    expect(harness.lastText()).toContain('Your invite link:');
  });

  test('a page past the end (an old keyboard) shows the last page', async () => {
    const { tg, user: referrer } = await newUser();
    const buyer = await makeUser(db.prisma, { referrerId: referrer.id });
    await buy(buyer.id, 10);
    const calls = await harness.press(tg, 'ref.hist:9');
    expect(answers(calls)).toHaveLength(1);
    expect(harness.lastText()).toContain('page 1 of 1');
    expect(harness.lastText()).toContain('+1 MKT');
  });

  test('with no rewards it says how to earn one', async () => {
    const { tg } = await newUser();
    await harness.press(tg, 'ref.hist:1');
    expect(harness.lastText()).toContain('No rewards yet');
    expect(harness.lastButtons().map((b) => b.text)).toEqual(['⬅️ Back', '⬅️ Menu']);
  });
});

describe('"I have a code"', () => {
  test('attributes the inviter, says who it is, and is not offered again', async () => {
    const { user: olga } = await newUser({ first_name: 'Olga' });
    const { tg } = await newUser();
    const calls = await startCodeEntry(tg);
    expect(answers(calls)).toHaveLength(1);
    expect(harness.lastText()).toContain('Send me the invitation code');
    expect(harness.lastButtons().map((b) => b.text)).toEqual(['✖️ Cancel']);

    await harness.sendText(tg, olga.referralCode);
    expect(harness.lastText()).toBe('✅ Done! You were invited by Olga: they will earn a reward on your purchases.');
    expect(harness.lastButtons().map((b) => b.text)).toEqual(['🤝 Invite friends', '⬅️ Menu']);
    expect((await account(tg)).referrerId).toBe(olga.id);

    await openProgram(tg);
    expect(harness.lastButtons().map((b) => b.text)).not.toContain('🎟 I have a code');
    // The button from before: refused, the screen comes back without it, nothing changes.
    const stale = await harness.press(tg, 'ref.code');
    expect(answers(stale)).toEqual([expect.objectContaining({ payload: expect.objectContaining({ text: 'Entering an invitation code is no longer available.' }) })]);
    expect(harness.lastButtons().map((b) => b.text)).not.toContain('🎟 I have a code');
    expect((await account(tg)).referrerId).toBe(olga.id);
  });

  test('a malformed, unknown or own code gets its reason and another try; a pasted invite link works', async () => {
    const { user: inviter } = await newUser({ first_name: 'Pavel' });
    const { tg, user } = await newUser();
    await startCodeEntry(tg);
    const tries: [string, string][] = [
      ['hello there', 'That is not an invitation code: a code is 8 letters and digits, like Ab3dEf7h. Send it again or press Cancel.'],
      ['ZZZZZZZZ', 'No one has this code. Check it and send it again, or press Cancel.'],
      [user.referralCode, "This is your own code: you cannot invite yourself. Send a friend's code or press Cancel."],
    ];
    for (const [code, reason] of tries) {
      // One answer per message: a replayed conversation must not send its earlier messages again.
      const calls = await harness.sendText(tg, code);
      expect(calls.map((c) => c.method)).toEqual(['sendMessage']);
      expect(harness.lastText()).toBe(reason);
      expect(harness.lastButtons().map((b) => b.text)).toEqual(['✖️ Cancel']);
      expect((await account(tg)).referrerId).toBeNull();
    }
    await harness.sendText(tg, `  ${linkOf(inviter.referralCode)} `);
    expect(harness.lastText()).toContain('You were invited by Pavel');
    expect((await account(tg)).referrerId).toBe(inviter.id);
  });

  test('a code from someone the user invited is refused as a cycle', async () => {
    const { tg, user } = await newUser();
    const { user: invited } = await newUser({}, user.referralCode);
    expect(invited.referrerId).toBe(user.id);
    await startCodeEntry(tg);
    await harness.sendText(tg, invited.referralCode);
    expect(harness.lastText()).toBe(
      'This person joined through your invitation (directly or through others), so they cannot be your inviter. Send another code or press Cancel.',
    );
    expect((await account(tg)).referrerId).toBeNull();
  });

  test('a referrer set meanwhile: "already set", and the flow ends', async () => {
    const { user: first } = await newUser();
    const { user: second } = await newUser();
    const { tg, user } = await newUser();
    await startCodeEntry(tg);
    await db.prisma.user.update({ where: { id: user.id }, data: { referrerId: first.id } });
    await harness.sendText(tg, second.referralCode);
    expect(harness.lastText()).toBe('You already have an inviter, and it cannot be changed.');
    expect(harness.lastButtons().map((b) => b.text)).toEqual(['🤝 Invite friends', '⬅️ Menu']);
    await harness.sendText(tg, second.referralCode);
    expect(harness.lastText()).toContain("didn't understand");
    expect((await account(tg)).referrerId).toBe(first.id);
  });

  test('an order made meanwhile: "only before your first purchase", and the flow ends', async () => {
    const { user: inviter } = await newUser();
    const { tg, user } = await newUser();
    await startCodeEntry(tg);
    await buy(user.id, 5, false);
    await harness.sendText(tg, inviter.referralCode);
    expect(harness.lastText()).toBe('A code can only be entered before your first purchase.');
    expect((await account(tg)).referrerId).toBeNull();
    await openProgram(tg);
    expect(harness.lastButtons().map((b) => b.text)).not.toContain('🎟 I have a code');
  });

  test('Cancel goes back to the referral screen; a code typed afterwards is not taken', async () => {
    const { user: inviter } = await newUser();
    const { tg } = await newUser();
    await startCodeEntry(tg);
    const calls = await harness.press(tg, harness.button('Cancel'));
    expect(answers(calls)).toEqual([expect.objectContaining({ payload: expect.objectContaining({ text: 'Cancelled.' }) })]);
    expect(harness.lastText()).toContain('Your invite link:');
    expect(harness.lastButtons().map((b) => b.text)).toContain('🎟 I have a code');
    await harness.sendText(tg, inviter.referralCode);
    expect(harness.lastText()).toContain("didn't understand");
    expect((await account(tg)).referrerId).toBeNull();
  });

  test('/menu inside the flow leaves it for the menu', async () => {
    const { user: inviter } = await newUser();
    const { tg } = await newUser();
    await startCodeEntry(tg);
    await harness.sendText(tg, '/menu');
    expect(harness.lastText()).toContain('Choose what to do');
    await harness.sendText(tg, inviter.referralCode);
    expect(harness.lastText()).toContain("didn't understand");
    expect((await account(tg)).referrerId).toBeNull();
  });

  test('a menu button pressed inside the flow leaves it and does its job', async () => {
    const { tg } = await newUser();
    await startCodeEntry(tg);
    const calls = await harness.press(tg, 'ref.hist:1');
    expect(answers(calls)).toHaveLength(1);
    expect(harness.lastText()).toContain('No rewards yet');
  });

  test('a sticker is not a code: the bot asks for text and keeps waiting', async () => {
    const { user: inviter } = await newUser({ first_name: 'Rita' });
    const { tg } = await newUser();
    await startCodeEntry(tg);
    await harness.sendMessage(tg, { sticker: { file_id: 'st', file_unique_id: 'st', type: 'regular', width: 512, height: 512, is_animated: false, is_video: false } });
    expect(harness.lastText()).toBe('Please send the code as a text message, or press Cancel.');
    await harness.sendText(tg, inviter.referralCode);
    expect(harness.lastText()).toContain('You were invited by Rita');
  });
});

describe('stale and forged referral buttons', () => {
  test('get the out-of-date notice and nothing else', async () => {
    const { tg } = await newUser();
    for (const data of ['ref:1', 'ref.hist', 'ref.hist:0', 'ref.hist:-1', 'ref.hist:abc', 'ref.qr:1', 'ref.code:x', 'ref.cancel:1', 'ref.bogus']) {
      const calls = await harness.press(tg, data);
      expect(calls, data).toHaveLength(1);
      expect(calls[0], data).toMatchObject({ method: 'answerCallbackQuery', payload: { text: expect.stringContaining('out of date') } });
    }
  });
});

describe('in Russian', () => {
  test('the screen, the history and the code flow speak Russian', async () => {
    const ru = { language_code: 'ru' };
    const { user: inviter } = await newUser({ ...ru, first_name: 'Ольга' });
    const { tg: ruTg } = await newUser(ru);
    const friends = [await makeUser(db.prisma, { referrerId: inviter.id, firstName: 'Гена' }), await makeUser(db.prisma, { referrerId: inviter.id })];
    await buy(friends[0]!.id, 1_500);
    const inviterTg = tgUser(Number(inviter.telegramId), ru);

    await openProgram(inviterTg);
    const text = harness.lastText();
    expect(text).toContain(`Ваша ссылка-приглашение:\n${linkOf(inviter.referralCode)}`);
    expect(text).toContain('• Уровень 1: 10%\n• Уровень 2: 3%\n• Уровень 3: 1%');
    expect(text).toContain('Уровень 1: 2 человека, 1 покупатель, куплено 1\u00a0500 MKT, ваш доход 150 MKT');
    expect(text).toContain('Уровень 2: пока никого');
    expect(text).toContain('Всего заработано: 150 MKT');
    expect(harness.lastButtons().map((b) => b.text)).toEqual(['📤 Поделиться ссылкой', '🔳 QR-код', '📜 История наград', '🎟 У меня есть код', '⬅️ Меню']);
    const share = new URL(harness.lastButtons()[0]?.url ?? '');
    expect(share.searchParams.get('text')).toBe('Присоединяйся к Market: покупай токен платформы в раундах продажи!');

    await harness.press(inviterTg, harness.button('История наград'));
    expect(harness.lastText()).toBe('📜 Ваши награды, страница 1 из 1:\n\n15.01.2026 · +150 MKT · уровень 1 · покупатель: Гена · зачислено на баланс');

    await startCodeEntry(ruTg);
    expect(harness.lastText()).toContain('Пришлите код приглашения');
    expect(harness.lastButtons().map((b) => b.text)).toEqual(['✖️ Отмена']);
    await harness.sendText(ruTg, 'ZZZZZZZZ');
    expect(harness.lastText()).toBe('Такого кода ни у кого нет. Проверьте его и пришлите ещё раз или нажмите «Отмена».');
    await harness.sendText(ruTg, inviter.referralCode);
    expect(harness.lastText()).toBe('✅ Готово! Ваш пригласивший — Ольга. С ваших покупок ему будет начисляться награда.');
    expect((await account(ruTg)).referrerId).toBe(inviter.id);
  });
});
