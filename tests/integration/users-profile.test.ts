import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CoreDeps } from '../../src/core/deps.js';
import { getProfile } from '../../src/core/users/get-profile.js';
import { AVATAR_MAX_BYTES, setAvatar } from '../../src/core/users/set-avatar.js';
import { setLanguage } from '../../src/core/users/set-language.js';
import { setPhone } from '../../src/core/users/set-phone.js';
import { type TextField, updateProfile } from '../../src/core/users/update-profile.js';
import type { Database } from '../../src/infra/database.js';
import { createTestDb } from '../support/db.js';
import { coreDeps, fixedClock, makeUser } from '../support/factories.js';

let db: Database;
let core: CoreDeps;

beforeAll(async () => {
  db = await createTestDb();
  // "Today" for the birthday rules: 15 January 2026.
  core = coreDeps(db.prisma, { clock: fixedClock(new Date('2026-01-15T12:00:00Z')) });
});
afterAll(() => db.close());

async function freshUser() {
  return makeUser(db.prisma, { firstName: 'Original' });
}

/** The stored user and profile rows, to prove a refusal wrote nothing. */
async function stored(userId: number) {
  return db.prisma.user.findUniqueOrThrow({ where: { id: userId }, include: { profile: true } });
}

describe('updateProfile: values that pass are normalised and stored', () => {
  test.each<[TextField, string, string]>([
    ['firstName', '  Anne-Marie  ', 'Anne-Marie'],
    ['firstName', "O'Neil", "O'Neil"],
    ['firstName', 'Жан-Поль', 'Жан-Поль'],
    ['firstName', '李小龙', '李小龙'],
    ['firstName', 'हिन्दी', 'हिन्दी'],
    ['firstName', 'José   María', 'José María'],
    ['firstName', 'a'.repeat(64), 'a'.repeat(64)],
    ['lastName', 'van der Berg', 'van der Berg'],
    ['email', '  Ann.Lee+shop@Example.COM ', 'ann.lee+shop@example.com'],
    ['city', ' Saint   Petersburg ', 'Saint Petersburg'],
    ['city', 'St. Louis', 'St. Louis'],
    ['city', 'c'.repeat(100), 'c'.repeat(100)],
  ])('%s %j is stored as %j', async (field, input, expected) => {
    const user = await freshUser();
    const result = await updateProfile(core, { userId: user.id, field, value: input });
    expect(result).toMatchObject({ ok: true, value: { [field]: expected } });
    const row = await stored(user.id);
    expect(field === 'city' ? row.profile?.city : row[field as 'firstName' | 'lastName' | 'email']).toBe(expected);
  });

  test.each([
    ['25.04.1990', '1990-04-25'],
    ['5.4.1990', '1990-04-05'],
    ['1990-04-25', '1990-04-25'],
    ['29.02.2000', '2000-02-29'],
    // exactly 13 today, and exactly 120 today
    ['15.01.2013', '2013-01-15'],
    ['1906-01-15', '1906-01-15'],
  ])('birthday %s is the date %s', async (input, iso) => {
    const user = await freshUser();
    const result = await updateProfile(core, { userId: user.id, field: 'birthday', value: input });
    expect(result).toMatchObject({ ok: true, value: { birthday: iso } });
    expect((await stored(user.id)).profile?.birthday?.toISOString()).toBe(`${iso}T00:00:00.000Z`);
  });

  test('a user without a profile row gets one on the first birthday or city', async () => {
    const user = await freshUser();
    expect(await db.prisma.profile.findUnique({ where: { userId: user.id } })).toBeNull();
    await updateProfile(core, { userId: user.id, field: 'city', value: 'Kazan' });
    expect(await getProfile(db.prisma, user.id)).toMatchObject({ city: 'Kazan', birthday: null, email: null });
  });

  test.each<TextField>(['lastName', 'email', 'city'])('%s can be cleared', async (field) => {
    const user = await freshUser();
    const value = field === 'email' ? 'a@b.co' : 'Something';
    await updateProfile(core, { userId: user.id, field, value });
    const result = await updateProfile(core, { userId: user.id, field, value: null });
    expect(result).toMatchObject({ ok: true, value: { [field]: null } });
  });
});

describe('updateProfile: refused values say why and change nothing', () => {
  test.each<[TextField, string | null, string]>([
    ['firstName', 'a'.repeat(65), 'NAME_TOO_LONG'],
    ['lastName', 'Ж'.repeat(65), 'NAME_TOO_LONG'],
    ['firstName', 'Ann\u0000', 'NAME_INVALID'],
    ['firstName', 'Ann\nSmith', 'NAME_INVALID'],
    ['firstName', 'Ann\u202Eevil', 'NAME_INVALID'],
    ['firstName', 'Ann\u200B', 'NAME_INVALID'],
    ['firstName', 'https://t.me/spam', 'NAME_INVALID'],
    ['firstName', 'spam.com', 'NAME_INVALID'],
    ['firstName', 'R2D2', 'NAME_INVALID'],
    ['firstName', '@durov', 'NAME_INVALID'],
    ['firstName', '-Ann', 'NAME_INVALID'],
    ['firstName', null, 'FIELD_REQUIRED'],
    ['birthday', null, 'FIELD_REQUIRED'],
    ['email', 'not-an-email', 'EMAIL_INVALID'],
    ['email', 'ann@example', 'EMAIL_INVALID'],
    ['email', 'ann@@example.com', 'EMAIL_INVALID'],
    ['email', 'ann lee@example.com', 'EMAIL_INVALID'],
    ['email', 'ann..lee@example.com', 'EMAIL_INVALID'],
    ['email', `${'a'.repeat(65)}@example.com`, 'EMAIL_INVALID'],
    ['email', `${'a'.repeat(60)}@${`${'b'.repeat(60)}.`.repeat(4)}com`, 'EMAIL_TOO_LONG'],
    ['birthday', '31.02.2000', 'BIRTHDAY_INVALID'],
    ['birthday', '29.02.2001', 'BIRTHDAY_INVALID'],
    ['birthday', '2000-13-01', 'BIRTHDAY_INVALID'],
    ['birthday', '1990/04/25', 'BIRTHDAY_INVALID'],
    ['birthday', '25.04.90', 'BIRTHDAY_INVALID'],
    ['birthday', 'yesterday', 'BIRTHDAY_INVALID'],
    ['birthday', '16.01.2026', 'BIRTHDAY_IN_FUTURE'],
    ['birthday', '2030-01-01', 'BIRTHDAY_IN_FUTURE'],
    ['birthday', '16.01.2013', 'BIRTHDAY_IMPLAUSIBLE'],
    ['birthday', '15.01.2026', 'BIRTHDAY_IMPLAUSIBLE'],
    ['birthday', '14.01.1905', 'BIRTHDAY_IMPLAUSIBLE'],
    ['birthday', '0001-01-01', 'BIRTHDAY_IMPLAUSIBLE'],
    ['city', 'c'.repeat(101), 'CITY_TOO_LONG'],
    ['city', 'https://evil.example', 'CITY_INVALID'],
    ['city', 'visit spam.com now', 'CITY_INVALID'],
    ['city', 'www.moscow', 'CITY_INVALID'],
    ['city', 'Moscow\u0007', 'CITY_INVALID'],
    ['city', '   ', 'CITY_INVALID'],
  ])('%s %j is refused with %s', async (field, value, code) => {
    const user = await freshUser();
    await updateProfile(core, { userId: user.id, field: 'lastName', value: 'Before' });
    const before = await stored(user.id);
    const result = await updateProfile(core, { userId: user.id, field, value });
    expect(result).toEqual({ ok: false, code });
    expect(await stored(user.id)).toEqual(before);
  });
});

describe('setPhone', () => {
  test("the user's own contact is stored in +digits form", async () => {
    const user = await freshUser();
    const result = await setPhone(core, { userId: user.id, contact: { telegramUserId: Number(user.telegramId), phoneNumber: '79991234567' } });
    expect(result).toMatchObject({ ok: true, value: { phone: '+79991234567' } });
    expect((await stored(user.id)).phone).toBe('+79991234567');
  });

  test.each([
    ["someone else's contact", 1, '+79991234567', 'PHONE_NOT_OWN'],
    ['a contact card without an account', null, '+79991234567', 'PHONE_NOT_OWN'],
    ['an impossible number', 0, '12ab', 'PHONE_INVALID'],
  ])('%s is refused and changes nothing', async (_what, owner, phoneNumber, code) => {
    const user = await freshUser();
    const telegramUserId = owner === 0 ? Number(user.telegramId) : owner;
    const result = await setPhone(core, { userId: user.id, contact: { telegramUserId, phoneNumber } });
    expect(result).toEqual({ ok: false, code });
    expect((await stored(user.id)).phone).toBeNull();
  });
});

describe('setAvatar', () => {
  test.each([
    ['a photo of exactly 5 MB', { source: 'photo', fileId: 'ph', fileSize: AVATAR_MAX_BYTES }],
    ['a PNG file', { source: 'document', fileId: 'png', fileSize: 1000, mimeType: 'image/png' }],
    ['a JPEG file', { source: 'document', fileId: 'jpg', fileSize: 1000, mimeType: 'image/jpeg' }],
    ['the Telegram photo of unknown size', { source: 'telegram', fileId: 'tg', fileSize: null }],
  ] as const)('%s is stored', async (_what, avatar) => {
    const user = await freshUser();
    expect(await setAvatar(core, { userId: user.id, avatar })).toMatchObject({ ok: true, value: { avatarFileId: avatar.fileId } });
    expect((await stored(user.id)).avatarFileId).toBe(avatar.fileId);
  });

  test.each([
    ['a photo over 5 MB', { source: 'photo', fileId: 'big', fileSize: AVATAR_MAX_BYTES + 1 }, 'AVATAR_TOO_LARGE'],
    ['a PNG file over 5 MB', { source: 'document', fileId: 'bigpng', fileSize: AVATAR_MAX_BYTES + 1, mimeType: 'image/png' }, 'AVATAR_TOO_LARGE'],
    ['a PDF', { source: 'document', fileId: 'pdf', fileSize: 1000, mimeType: 'application/pdf' }, 'AVATAR_WRONG_TYPE'],
    ['a GIF', { source: 'document', fileId: 'gif', fileSize: 1000, mimeType: 'image/gif' }, 'AVATAR_WRONG_TYPE'],
    ['a file without a type', { source: 'document', fileId: 'x', fileSize: 1000, mimeType: null }, 'AVATAR_WRONG_TYPE'],
    ['an upload of unknown size', { source: 'photo', fileId: 'x', fileSize: null }, 'AVATAR_SIZE_UNKNOWN'],
  ] as const)('%s is refused and changes nothing', async (_what, avatar, code) => {
    const user = await freshUser();
    await setAvatar(core, { userId: user.id, avatar: { source: 'telegram', fileId: 'old', fileSize: 10 } });
    expect(await setAvatar(core, { userId: user.id, avatar })).toEqual({ ok: false, code });
    expect((await stored(user.id)).avatarFileId).toBe('old');
  });

  test('null removes the avatar', async () => {
    const user = await freshUser();
    await setAvatar(core, { userId: user.id, avatar: { source: 'telegram', fileId: 'old', fileSize: 10 } });
    expect(await setAvatar(core, { userId: user.id, avatar: null })).toMatchObject({ ok: true, value: { avatarFileId: null } });
    expect((await stored(user.id)).avatarFileId).toBeNull();
  });
});

describe('setLanguage', () => {
  test('a supported language is stored; another one is refused and changes nothing', async () => {
    const user = await freshUser();
    expect(await setLanguage(core, { userId: user.id, language: 'ru' })).toMatchObject({ ok: true, value: { language: 'ru' } });
    expect(await setLanguage(core, { userId: user.id, language: 'de' })).toEqual({ ok: false, code: 'LANGUAGE_UNSUPPORTED' });
    expect((await stored(user.id)).language).toBe('ru');
  });
});
