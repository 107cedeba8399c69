import { GrammyError } from 'grammy';
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import type { CoreDeps } from '../../src/core/deps.js';
import type { Database } from '../../src/infra/database.js';
import { type ApiCall, answers, BotHarness, type TgUser, tgUser } from '../support/bot.js';
import { createTestDb } from '../support/db.js';
import { coreDeps, fixedClock } from '../support/factories.js';

let db: Database;
let core: CoreDeps;
let harness: BotHarness;
// "Today" for the birthday rules is 15 January 2026; moved on between tests so the per-user flood
// limit starts afresh.
const clock = fixedClock(new Date('2026-01-15T12:00:00Z'));

beforeAll(async () => {
  db = await createTestDb();
  core = coreDeps(db.prisma, { clock });
  harness = new BotHarness(core);
});
afterAll(() => db.close());
beforeEach(() => clock.advance(60_000));

let lastTelegramId = 7_000_000;
/** A new Telegram user for each test: no state leaks between tests. */
function newUser(extra: Partial<TgUser> = {}): TgUser {
  lastTelegramId += 1;
  return tgUser(lastTelegramId, { first_name: 'Ann', ...extra });
}

async function stored(user: TgUser) {
  return db.prisma.user.findUniqueOrThrow({ where: { telegramId: BigInt(user.id) }, include: { profile: true } });
}

/** /start, the menu's Profile button, then the Edit button whose label contains `label`. */
async function openEdit(user: TgUser, label: string): Promise<ApiCall[]> {
  await harness.sendText(user, '/start');
  await harness.press(user, harness.button('Profile'));
  return harness.press(user, harness.button(label));
}

function sent(calls: ApiCall[], method: string): ApiCall[] {
  return calls.filter((c) => c.method === method);
}

describe('the profile screen', () => {
  test('shows every field, the language and the avatar state, with an Edit button per field', async () => {
    const user = newUser();
    await harness.sendText(user, '/start');
    const row = await stored(user);
    await db.prisma.user.update({ where: { id: row.id }, data: { lastName: 'Lee', email: 'ann@example.com', phone: '+15551234567' } });
    await db.prisma.profile.update({ where: { userId: row.id }, data: { city: 'Lisbon', birthday: new Date('1990-04-25T00:00:00Z') } });

    const calls = await harness.press(user, harness.button('Profile'));
    expect(answers(calls)).toHaveLength(1);
    const text = harness.lastText();
    for (const line of ['First name: Ann', 'Last name: Lee', 'Email: ann@example.com', 'Phone: +15551234567', 'Birthday: 1990-04-25', 'City: Lisbon', 'Language: English', 'Avatar: not set']) {
      expect(text).toContain(line);
    }
    expect(harness.lastButtons().map((b) => b.text)).toEqual([
      '✏️ First name',
      '✏️ Last name',
      '✏️ Email',
      '✏️ Phone',
      '✏️ Birthday',
      '✏️ City',
      '🖼 Avatar',
      '🌐 Language',
      '💱 Display currency',
      '⬅️ Menu',
    ]);
  });

  test('with an avatar the profile is sent as that photo, the fields in its caption', async () => {
    const user = newUser();
    await harness.sendText(user, '/start');
    await db.prisma.user.update({ where: { telegramId: BigInt(user.id) }, data: { avatarFileId: 'AVATAR-FILE' } });
    const calls = await harness.press(user, harness.button('Profile'));
    const [photo] = sent(calls, 'sendPhoto');
    expect(photo?.payload).toMatchObject({ photo: 'AVATAR-FILE', caption: expect.stringContaining('Avatar: set') });
    expect(answers(calls)).toHaveLength(1);
  });

  test('a stored avatar Telegram refuses does not hide the profile: it is shown as text', async () => {
    const user = newUser();
    await harness.sendText(user, '/start');
    await db.prisma.user.update({ where: { telegramId: BigInt(user.id) }, data: { avatarFileId: 'GONE' } });
    // What the Bot API answer "wrong file identifier" becomes in grammY.
    harness.responders.set('sendPhoto', (payload) => {
      throw new GrammyError("Call to 'sendPhoto' failed!", { ok: false, error_code: 400, description: 'Bad Request: wrong file identifier' }, 'sendPhoto', payload);
    });
    try {
      const calls = await harness.press(user, harness.button('Profile'));
      expect(sent(calls, 'editMessageText')).toHaveLength(1);
      expect(harness.lastText()).toContain('Avatar: set');
      expect(harness.lastText()).toContain('First name: Ann');
    } finally {
      harness.responders.delete('sendPhoto');
    }
  });

  test('forged profile buttons are answered as out of date and change nothing', async () => {
    const user = newUser();
    await harness.sendText(user, '/start');
    const before = await stored(user);
    for (const data of ['prof.edit:nope', 'prof.edit', 'prof.lang:de', 'prof.ava:xx', 'prof.clear', 'prof:extra']) {
      const calls = await harness.press(user, data);
      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatchObject({ method: 'answerCallbackQuery', payload: { text: expect.stringContaining('out of date') } });
    }
    expect(await stored(user)).toEqual(before);
  });
});

describe('typed-in fields', () => {
  test.each([
    ['First name', 'Anne-Marie', 'firstName', 'Anne-Marie', 'First name: Anne-Marie'],
    ['Last name', "O'Neil", 'lastName', "O'Neil", "Last name: O'Neil"],
    ['Email', '  Ann.Lee@Example.COM ', 'email', 'ann.lee@example.com', 'Email: ann.lee@example.com'],
    ['City', 'São Paulo', 'city', 'São Paulo', 'City: São Paulo'],
  ] as const)('%s: a good value is saved and the profile shows it', async (label, typed, column, expected, line) => {
    const user = newUser();
    const open = await openEdit(user, label);
    expect(answers(open)).toHaveLength(1);
    expect(harness.lastButtons().map((b) => b.text)).toContain('✖️ Cancel');
    await harness.sendText(user, typed);
    expect(harness.lastText()).toContain('✅ Saved.');
    expect(harness.lastText()).toContain(line);
    const row = await stored(user);
    expect(column === 'city' ? row.profile?.city : row[column]).toBe(expected);
  });

  test('birthday: DD.MM.YYYY is saved as that calendar date', async () => {
    const user = newUser();
    await openEdit(user, 'Birthday');
    expect(harness.lastText()).toContain('DD.MM.YYYY');
    await harness.sendText(user, '25.04.1990');
    expect(harness.lastText()).toContain('Birthday: 1990-04-25');
    expect((await stored(user)).profile?.birthday?.toISOString()).toBe('1990-04-25T00:00:00.000Z');
  });

  test.each([
    ['First name', 'a'.repeat(65), 'at most 64 characters'],
    ['First name', 'Ann\u0007', 'only letters, spaces, hyphens and apostrophes'],
    ['First name', 'https://t.me/spam', 'only letters, spaces, hyphens and apostrophes'],
    ['Last name', 'Lee'.repeat(22), 'at most 64 characters'],
    ['Last name', 'Lee\u202E', 'only letters, spaces, hyphens and apostrophes'],
    ['Email', 'ann@', "doesn't look like an email address"],
    ['Email', `${'a'.repeat(250)}@example.com`, 'at most 254 characters'],
    ['Birthday', '31.02.2000', "That's not a real date"],
    ['Birthday', '25/04/1990', "That's not a real date"],
    ['Birthday', '01.01.2027', 'in the future'],
    ['Birthday', '16.01.2026', 'in the future'],
    ['Birthday', '01.06.2015', 'younger than 13 or older than 120'],
    ['Birthday', '01.01.1900', 'younger than 13 or older than 120'],
    ['City', 'c'.repeat(101), 'at most 100 characters'],
    ['City', 'Moscow\u0001', "can't contain links or control characters"],
    ['City', 'best deals at spam.com', "can't contain links or control characters"],
  ])('%s: %j is refused with its reason, asked again, and changes nothing', async (label, typed, reason) => {
    const user = newUser();
    await openEdit(user, label);
    const before = await stored(user);
    const calls = await harness.sendText(user, typed);
    expect(harness.lastText()).toContain(reason);
    expect(harness.lastText()).toContain('Now:'); // the question again
    expect(harness.lastButtons().map((b) => b.text)).toContain('✖️ Cancel');
    expect(sent(calls, 'sendMessage')).toHaveLength(1);
    expect(await stored(user)).toEqual(before);
  });

  test('after a refusal the edit goes on: the next good value is saved', async () => {
    const user = newUser();
    await openEdit(user, 'Email');
    await harness.sendText(user, 'not an email');
    await harness.sendText(user, 'ann@example.com');
    expect((await stored(user)).email).toBe('ann@example.com');
    // ...and the edit is over: more text is not taken as an email
    await harness.sendText(user, 'bob@example.com');
    expect(harness.lastText()).toContain("didn't understand");
    expect((await stored(user)).email).toBe('ann@example.com');
  });

  test('something other than text is asked for again as text', async () => {
    const user = newUser();
    await openEdit(user, 'City');
    await harness.sendMessage(user, { sticker: { file_id: 'S', file_unique_id: 'S', type: 'regular', width: 1, height: 1, is_animated: false, is_video: false } });
    expect(harness.lastText()).toContain('send it as a text message');
    expect((await stored(user)).profile?.city).toBeNull();
  });

  test.each([
    ['Last name', 'lastName'],
    ['Email', 'email'],
    ['City', 'city'],
  ] as const)('%s can be cleared with the Clear button', async (label, column) => {
    const user = newUser();
    await openEdit(user, label);
    await harness.sendText(user, column === 'email' ? 'ann@example.com' : 'Something');
    await harness.press(user, harness.button(label));
    const calls = await harness.press(user, harness.button('Clear'));
    expect(answers(calls)).toHaveLength(1);
    expect(harness.lastText()).toContain('✅ Saved.');
    const row = await stored(user);
    expect(column === 'city' ? row.profile?.city : row[column]).toBeNull();
  });

  test('the first name and the birthday offer no Clear; a forged Clear is refused', async () => {
    const user = newUser();
    await openEdit(user, 'First name');
    expect(harness.lastButtons().map((b) => b.text)).toEqual(['✖️ Cancel']);
    const calls = await harness.press(user, 'prof.clear');
    expect(answers(calls)).toHaveLength(1);
    expect(harness.lastText()).toContain("can't be left empty");
    expect((await stored(user)).firstName).toBe('Ann');
  });

  test('Cancel shows the profile unchanged and answers the button once', async () => {
    const user = newUser();
    await openEdit(user, 'First name');
    const before = await stored(user);
    const calls = await harness.press(user, harness.button('Cancel'));
    expect(answers(calls)).toHaveLength(1);
    expect(harness.lastText()).toContain('Nothing was changed.');
    expect(harness.lastText()).toContain('First name: Ann');
    // the edit is over: a name typed now is not taken
    await harness.sendText(user, 'Bob');
    expect(harness.lastText()).toContain("didn't understand");
    expect(await stored(user)).toEqual(before);
  });

  test.each(['/start', '/menu'])('%s inside an edit leaves it and does its usual thing', async (command) => {
    const user = newUser();
    await openEdit(user, 'First name');
    await harness.sendText(user, command);
    expect(harness.lastText()).toContain('Hi, Ann!');
    await harness.sendText(user, 'Bob');
    expect(harness.lastText()).toContain("didn't understand");
    expect((await stored(user)).firstName).toBe('Ann');
  });

  test('an edit left open for over 30 minutes is over: a late message is not taken', async () => {
    const user = newUser();
    await openEdit(user, 'First name');
    // The conversation times its waits with its own clock (Date.now, kept in its replay log).
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 31 * 60 * 1000 });
    try {
      await harness.sendText(user, 'Bob');
    } finally {
      vi.useRealTimers();
    }
    expect(harness.lastText()).toContain("didn't understand");
    expect((await stored(user)).firstName).toBe('Ann');
  });

  test('a button of another screen inside an edit leaves it and is handled', async () => {
    const user = newUser();
    await openEdit(user, 'First name');
    const calls = await harness.press(user, 'prof.edit:city');
    expect(answers(calls)).toHaveLength(1);
    expect(harness.lastText()).toContain('Send your city');
    await harness.sendText(user, 'Porto');
    const row = await stored(user);
    expect(row.profile?.city).toBe('Porto');
    expect(row.firstName).toBe('Ann');
  });
});

describe('phone', () => {
  const contact = (phone_number: string, user_id?: number) => ({ contact: { phone_number, first_name: 'Ann', ...(user_id ? { user_id } : {}) } });
  const replyKeyboard = (call: ApiCall | undefined) => call?.payload.reply_markup as { keyboard?: { text: string; request_contact?: boolean }[][]; remove_keyboard?: boolean } | undefined;

  test('asks with a reply keyboard whose button shares the contact, plus Cancel', async () => {
    const user = newUser();
    const calls = await openEdit(user, 'Phone');
    const [ask] = sent(calls, 'sendMessage');
    expect(ask?.payload.text).toContain('Share my phone number');
    expect(replyKeyboard(ask)?.keyboard?.flat()).toEqual([
      { text: '📱 Share my phone number', request_contact: true },
      { text: '✖️ Cancel' },
    ]);
    expect(answers(calls)).toHaveLength(1);
  });

  test("the user's own contact is saved and the reply keyboard removed", async () => {
    const user = newUser();
    await openEdit(user, 'Phone');
    const calls = await harness.sendMessage(user, contact('79991234567', user.id));
    expect((await stored(user)).phone).toBe('+79991234567');
    const [saved] = sent(calls, 'sendMessage');
    expect(saved?.payload.text).toContain('Phone number saved');
    expect(replyKeyboard(saved)?.remove_keyboard).toBe(true);
    expect(harness.lastText()).toContain('Phone: +79991234567');
  });

  test.each([
    ['a typed number', { text: '+79991234567' }, 'Typed numbers are not accepted'],
    ["someone else's contact", contact('79990000000', 1), "That's not your own contact"],
    ['a contact card without an account', contact('79990000000'), "That's not your own contact"],
    ['a photo', { photo: [{ file_id: 'P', file_unique_id: 'P', width: 10, height: 10 }] }, 'tap “📱 Share my phone number”'],
  ])('%s is refused with its reason and changes nothing', async (_what, message, reason) => {
    const user = newUser();
    await openEdit(user, 'Phone');
    const calls = await harness.sendMessage(user, message);
    expect(harness.lastText()).toContain(reason);
    expect(replyKeyboard(sent(calls, 'sendMessage')[0])?.keyboard).toBeDefined();
    expect((await stored(user)).phone).toBeNull();
    // still asking: the own contact is taken now
    await harness.sendMessage(user, contact('+7 999 123-45-67', user.id));
    expect((await stored(user)).phone).toBe('+79991234567');
  });

  test('Cancel (a reply-keyboard button) removes the keyboard and changes nothing', async () => {
    const user = newUser();
    await openEdit(user, 'Phone');
    const calls = await harness.sendText(user, '✖️ Cancel');
    const [unchanged] = sent(calls, 'sendMessage');
    expect(unchanged?.payload.text).toContain('not changed');
    expect(replyKeyboard(unchanged)?.remove_keyboard).toBe(true);
    expect(harness.lastText()).toContain('👤 Your profile');
    expect((await stored(user)).phone).toBeNull();
  });

  test('/menu inside the phone edit removes the keyboard, leaves, and shows the menu', async () => {
    const user = newUser();
    await openEdit(user, 'Phone');
    const calls = await harness.sendText(user, '/menu');
    expect(replyKeyboard(sent(calls, 'sendMessage')[0])?.remove_keyboard).toBe(true);
    expect(harness.lastText()).toContain('Hi, Ann!');
    await harness.sendMessage(user, contact('79991234567', user.id));
    expect((await stored(user)).phone).toBeNull();
  });
});

describe('avatar', () => {
  const size = (file_id: string, side: number, file_size?: number) => ({ file_id, file_unique_id: file_id, width: side, height: side, ...(file_size ? { file_size } : {}) });
  const MB = 1024 * 1024;

  test('the avatar screen offers the Telegram photo, an upload and Back (Remove only when set)', async () => {
    const user = newUser();
    await openEdit(user, 'Avatar');
    expect(harness.lastText()).toContain('Avatar: not set');
    expect(harness.lastButtons().map((b) => b.text)).toEqual(['📷 Use my Telegram photo', '⬆️ Upload a photo', '⬅️ Back']);
  });

  test('"Use my Telegram photo" stores the largest size of the first profile photo', async () => {
    const user = newUser();
    const asked: Record<string, unknown>[] = [];
    harness.responders.set('getUserProfilePhotos', (payload) => {
      asked.push(payload);
      return { total_count: 2, photos: [[size('small', 160), size('big', 640), size('mid', 320)], [size('older', 640)]] };
    });
    try {
      await openEdit(user, 'Avatar');
      const calls = await harness.press(user, harness.button('Use my Telegram photo'));
      expect(asked[0]).toMatchObject({ user_id: user.id });
      expect((await stored(user)).avatarFileId).toBe('big');
      expect(sent(calls, 'sendPhoto')[0]?.payload).toMatchObject({ photo: 'big', caption: expect.stringContaining('✅ Avatar saved.') });
      expect(answers(calls)).toHaveLength(1);
    } finally {
      harness.responders.delete('getUserProfilePhotos');
    }
  });

  test('without a Telegram photo the user is told so and nothing changes', async () => {
    const user = newUser();
    await openEdit(user, 'Avatar');
    await harness.press(user, harness.button('Use my Telegram photo'));
    expect(harness.lastText()).toContain("can't see a profile photo");
    expect((await stored(user)).avatarFileId).toBeNull();
  });

  test('an uploaded photo is stored in its largest size; Remove takes it away', async () => {
    const user = newUser();
    await openEdit(user, 'Avatar');
    await harness.press(user, harness.button('Upload a photo'));
    expect(harness.lastText()).toContain('JPEG or PNG');
    const calls = await harness.sendMessage(user, { photo: [size('thumb', 90, 2_000), size('full', 1280, 300_000), size('medium', 800, 90_000)] });
    expect((await stored(user)).avatarFileId).toBe('full');
    expect(sent(calls, 'sendPhoto')[0]?.payload).toMatchObject({ photo: 'full' });

    await harness.press(user, 'prof.edit:avatar');
    const removed = await harness.press(user, harness.button('Remove avatar'));
    expect(answers(removed)).toHaveLength(1);
    expect(harness.lastText()).toContain('Avatar removed');
    expect(harness.lastText()).toContain('Avatar: not set');
    expect((await stored(user)).avatarFileId).toBeNull();
  });

  test('a PNG file is accepted as the avatar', async () => {
    const user = newUser();
    await openEdit(user, 'Avatar');
    await harness.press(user, harness.button('Upload a photo'));
    await harness.sendMessage(user, { document: { file_id: 'png-file', file_unique_id: 'p', mime_type: 'image/png', file_size: 100_000 } });
    expect((await stored(user)).avatarFileId).toBe('png-file');
  });

  test.each([
    ['a photo over 5 MB', { photo: [size('small', 90, 1_000), size('huge', 4000, 6 * MB)] }, 'too large: the limit is 5 MB'],
    ['a PDF file', { document: { file_id: 'pdf', file_unique_id: 'd', mime_type: 'application/pdf', file_size: 1_000 } }, 'only JPEG and PNG'],
    ['a PNG file over 5 MB', { document: { file_id: 'bigpng', file_unique_id: 'd', mime_type: 'image/png', file_size: 5 * MB + 1 } }, 'too large'],
    ['text', { text: 'here it is' }, 'That is not a picture'],
  ])('%s is refused with its reason and changes nothing', async (_what, message, reason) => {
    const user = newUser();
    await openEdit(user, 'Avatar');
    await harness.press(user, harness.button('Upload a photo'));
    await harness.sendMessage(user, message);
    expect(harness.lastText()).toContain(reason);
    expect(harness.lastButtons().map((b) => b.text)).toEqual(['✖️ Cancel']);
    expect((await stored(user)).avatarFileId).toBeNull();
  });

  test('Cancel of an upload changes nothing', async () => {
    const user = newUser();
    await openEdit(user, 'Avatar');
    await harness.press(user, harness.button('Upload a photo'));
    const calls = await harness.press(user, harness.button('Cancel'));
    expect(answers(calls)).toHaveLength(1);
    expect(harness.lastText()).toContain('Nothing was changed.');
    await harness.sendMessage(user, { photo: [size('late', 640, 1_000)] });
    expect((await stored(user)).avatarFileId).toBeNull();
  });
});

describe('language', () => {
  test('switching to Russian takes effect at once: this screen and the next are Russian', async () => {
    const user = newUser();
    await openEdit(user, 'Language');
    expect(harness.lastButtons().map((b) => b.text)).toEqual(['English', 'Русский', '⬅️ Back']);
    const calls = await harness.press(user, harness.button('Русский'));
    expect(answers(calls)).toHaveLength(1);
    expect((await stored(user)).language).toBe('ru');
    expect(harness.lastText()).toContain('Теперь бот говорит по-русски');
    expect(harness.lastText()).toContain('Язык: Русский');
    expect(harness.lastButtons()[0]?.text).toBe('✏️ Имя');

    await harness.sendText(user, '/menu');
    expect(harness.lastText()).toContain('Привет, Ann!');

    await harness.press(user, 'prof.edit:lang');
    await harness.press(user, harness.button('English'));
    expect((await stored(user)).language).toBe('en');
    expect(harness.lastText()).toContain('The bot now speaks English');
  });

  test('a Russian user edits in Russian: questions, reasons and the saved profile', async () => {
    const user = newUser({ language_code: 'ru', first_name: 'Иван' });
    await harness.sendText(user, '/start');
    await harness.press(user, harness.button('Профиль'));
    expect(harness.lastText()).toContain('👤 Ваш профиль');
    await harness.press(user, harness.button('Дата рождения'));
    expect(harness.lastText()).toContain('ДД.ММ.ГГГГ');
    await harness.sendText(user, '31.02.2000');
    expect(harness.lastText()).toContain('Такой даты нет');
    await harness.sendText(user, '2030-01-01');
    expect(harness.lastText()).toContain('Эта дата ещё не наступила');
    expect((await stored(user)).profile?.birthday).toBeNull();
    await harness.sendText(user, '07.11.1985');
    expect(harness.lastText()).toContain('✅ Сохранено.');
    expect(harness.lastText()).toContain('Дата рождения: 07.11.1985');

    await harness.press(user, 'prof.edit:phone');
    await harness.sendText(user, '+79991234567');
    expect(harness.lastText()).toContain('Номер, набранный вручную, не принимается');
    await harness.sendText(user, '✖️ Отмена');
    expect(harness.lastText()).toContain('Ваш профиль');
    expect((await stored(user)).phone).toBeNull();
  });
});
