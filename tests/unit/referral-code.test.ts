import { expect, test } from 'vitest';
import { isReferralCode, newReferralCode } from '../../src/core/referrals/referral-code.js';
import { pickLanguage } from '../../src/core/users/language.js';

test('referral codes are 8 URL-safe characters, fit a start payload and differ', () => {
  const codes = new Set(Array.from({ length: 2000 }, newReferralCode));
  expect(codes.size).toBe(2000);
  for (const code of codes) {
    expect(code).toMatch(/^[A-Za-z0-9]{8}$/);
    expect(isReferralCode(code)).toBe(true);
  }
});

test('other start payloads are not referral codes', () => {
  for (const payload of ['lot_12', 'abc', 'abcdefghi', 'abcd-efg', 'abcd efg', '', 'абвгдежз']) {
    expect(isReferralCode(payload)).toBe(false);
  }
});

test("Telegram's language code picks Russian or English", () => {
  expect(pickLanguage('ru')).toBe('ru');
  expect(pickLanguage('ru-RU')).toBe('ru');
  expect(pickLanguage('en-US')).toBe('en');
  expect(pickLanguage('de')).toBe('en');
  expect(pickLanguage(undefined)).toBe('en');
});
