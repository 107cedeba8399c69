// Telegram Mini App initData, validated by Telegram's documented HMAC rule: the fixture vector
// passes; anything changed after signing, another bot's token, or an old auth_date does not.

import { createHmac } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { validateInitData } from '../../src/core/wallets/validate-init-data.js';
import { readFixture } from '../support/fixtures.js';

interface TelegramFixture {
  vectors: { id: string; bot_token: string; init_data: string; expected_hash: string; data_check_string_derived: string }[];
}
const vector = readFixture<TelegramFixture>('telegram.json').vectors.find((v) => v.id === 'tma-initdata-example')!;
const AUTH_DATE = new Date(1662771648 * 1000);

/** initData signed with `botToken` by the documented rule (what Telegram does), for cases the vector lacks. */
function signInitData(fields: Record<string, string>, botToken: string): string {
  const check = Object.keys(fields)
    .sort()
    .map((k) => `${k}=${fields[k]}`)
    .join('\n');
  const secret = createHmac('sha256', 'WebAppData').update(botToken).digest();
  const hash = createHmac('sha256', secret).update(check).digest('hex');
  return new URLSearchParams({ ...fields, hash }).toString();
}

/** The vector with one field's value replaced, the hash left as it was. */
function tamper(key: string, value: string): string {
  const params = new URLSearchParams(vector.init_data);
  params.set(key, value);
  return params.toString();
}

describe('validateInitData', () => {
  test('the fixture vector is genuine, and its user is read', () => {
    const valid = validateInitData(vector.init_data, vector.bot_token, { now: new Date('2026-01-15T12:00:00Z'), maxAgeSeconds: null });
    expect(valid).toEqual({
      ok: true,
      value: {
        user: { telegramId: 279058397n, firstName: 'Vladislav', lastName: 'Kibenko', username: 'vdkfrost', languageCode: 'ru' },
        authDate: AUTH_DATE,
        queryId: 'AAHdF6IQAAAAAN0XohDhrOrc',
      },
    });
  });

  test('the signing helper of these tests reproduces the vector’s hash (the rule is the documented one)', () => {
    const fields = Object.fromEntries([...new URLSearchParams(vector.init_data)].filter(([k]) => k !== 'hash'));
    expect(new URLSearchParams(signInitData(fields, vector.bot_token)).get('hash')).toBe(vector.expected_hash);
  });

  test('fresh enough is judged by auth_date: an hour old passes, over a day old is expired', () => {
    expect(validateInitData(vector.init_data, vector.bot_token, { now: new Date(AUTH_DATE.getTime() + 3600_000) }).ok).toBe(true);
    expect(validateInitData(vector.init_data, vector.bot_token, { now: new Date(AUTH_DATE.getTime() + 25 * 3600_000) })).toEqual({ ok: false, code: 'INIT_DATA_EXPIRED' });
    expect(validateInitData(vector.init_data, vector.bot_token, { now: new Date(AUTH_DATE.getTime() + 120_000), maxAgeSeconds: 60 })).toEqual({ ok: false, code: 'INIT_DATA_EXPIRED' });
  });

  test.each([
    ['another user id', () => tamper('user', vector.data_check_string_derived.split('user=')[1]!.replace('279058397', '279058398'))],
    ['a newer auth_date', () => tamper('auth_date', '1662771649')],
    ['an added field', () => `${vector.init_data}&start_param=admin`],
    ['a removed field', () => vector.init_data.replace(/query_id=[^&]+&/, '')],
    ['another hash', () => tamper('hash', vector.expected_hash.replace(/^c5/, 'c6'))],
  ])('tampered with (%s): refused as invalid', (_label, initData) => {
    expect(validateInitData(initData(), vector.bot_token, { now: AUTH_DATE, maxAgeSeconds: null })).toEqual({ ok: false, code: 'INIT_DATA_INVALID' });
  });

  test('signed for another bot: invalid', () => {
    expect(validateInitData(vector.init_data, '5768337691:AAH5YkoiEuPk8-FZa32hStHTqXiLPtAEhx9', { now: AUTH_DATE, maxAgeSeconds: null })).toEqual({
      ok: false,
      code: 'INIT_DATA_INVALID',
    });
  });

  test.each([
    ['empty', ''],
    ['no hash', vector.init_data.replace(/&hash=.*$/, '')],
    ['a hash that is not hex', vector.init_data.replace(/hash=.*$/, 'hash=xyz')],
    ['a field twice', `auth_date=1&${vector.init_data}`],
    ['far too long', `a=${'x'.repeat(9000)}`],
  ])('malformed (%s): refused before any HMAC', (_label, initData) => {
    expect(validateInitData(initData, vector.bot_token, { now: AUTH_DATE, maxAgeSeconds: null })).toMatchObject({ ok: false, code: 'INIT_DATA_MALFORMED' });
  });

  test('genuine but without a user (or without auth_date): malformed, nobody to link', () => {
    const token = '1234:TEST-token-for-init-data-0000000000';
    const now = new Date('2026-01-15T12:00:00Z');
    const authDate = String(Math.floor(now.getTime() / 1000));
    expect(validateInitData(signInitData({ auth_date: authDate, query_id: 'q' }, token), token, { now })).toMatchObject({ ok: false, code: 'INIT_DATA_MALFORMED' });
    expect(validateInitData(signInitData({ user: '{"id":5,"first_name":"A"}' }, token), token, { now })).toMatchObject({ ok: false, code: 'INIT_DATA_MALFORMED' });
    expect(validateInitData(signInitData({ auth_date: authDate, user: '{"id":5,"first_name":"A"}' }, token), token, { now })).toMatchObject({
      ok: true,
      value: { user: { telegramId: 5n, firstName: 'A' } },
    });
  });
});
