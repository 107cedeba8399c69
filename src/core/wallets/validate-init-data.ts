import { createHmac, timingSafeEqual } from 'node:crypto';
import { fail, ok, type Result } from '../result.js';

export type InitDataError = 'INIT_DATA_MALFORMED' | 'INIT_DATA_INVALID' | 'INIT_DATA_EXPIRED';

/** The Telegram user a Mini App was opened by, as its initData says. */
export interface InitDataUser {
  telegramId: bigint;
  firstName: string;
  lastName?: string;
  username?: string;
  languageCode?: string;
}

export interface ValidInitData {
  user: InitDataUser;
  authDate: Date;
  queryId?: string;
  startParam?: string;
}

/** Mini App sessions stay open a while; a day-old initData is replayed, not fresh. */
export const INIT_DATA_MAX_AGE_SECONDS = 24 * 60 * 60;
const MAX_LENGTH = 8192;

/**
 * Telegram Mini App initData, validated as Telegram documents it ("Validating data received via
 * the Mini App"): data_check_string is every field but `hash`, URL-decoded, sorted by key,
 * "key=value" joined by LF; secret_key = HMAC_SHA256(key "WebAppData", bot token); the data is
 * genuine when hex(HMAC_SHA256(secret_key, data_check_string)) equals `hash`. Then auth_date must
 * be recent (`maxAgeSeconds`; null skips it, for reference vectors) and a user must be named.
 */
export function validateInitData(
  initData: string,
  botToken: string,
  options: { now: Date; maxAgeSeconds?: number | null },
): Result<ValidInitData, InitDataError> {
  if (initData.length === 0 || initData.length > MAX_LENGTH) return fail('INIT_DATA_MALFORMED', { reason: 'empty or too long' });
  const fields = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(initData)) {
    if (fields.has(key)) return fail('INIT_DATA_MALFORMED', { reason: `${key} appears twice` });
    fields.set(key, value);
  }
  const hash = fields.get('hash');
  if (!hash || !/^[0-9a-f]{64}$/.test(hash)) return fail('INIT_DATA_MALFORMED', { reason: 'no hash' });
  fields.delete('hash');

  const dataCheckString = [...fields.keys()]
    .sort()
    .map((key) => `${key}=${fields.get(key)}`)
    .join('\n');
  const secretKey = createHmac('sha256', 'WebAppData').update(botToken).digest();
  const expected = createHmac('sha256', secretKey).update(dataCheckString).digest();
  if (!timingSafeEqual(expected, Buffer.from(hash, 'hex'))) return fail('INIT_DATA_INVALID');

  // Signed by Telegram from here on: what is wrong now is staleness or a shape we cannot use.
  const authDate = fields.get('auth_date');
  if (!authDate || !/^\d{1,12}$/.test(authDate)) return fail('INIT_DATA_MALFORMED', { reason: 'no auth_date' });
  const authMs = Number(authDate) * 1000;
  const maxAge = options.maxAgeSeconds === undefined ? INIT_DATA_MAX_AGE_SECONDS : options.maxAgeSeconds;
  if (maxAge !== null && options.now.getTime() - authMs > maxAge * 1000) return fail('INIT_DATA_EXPIRED');

  const user = parseUser(fields.get('user'));
  if (!user) return fail('INIT_DATA_MALFORMED', { reason: 'no user' });
  const valid: ValidInitData = { user, authDate: new Date(authMs) };
  const queryId = fields.get('query_id');
  if (queryId) valid.queryId = queryId;
  const startParam = fields.get('start_param');
  if (startParam) valid.startParam = startParam;
  return ok(valid);
}

function parseUser(json: string | undefined): InitDataUser | undefined {
  if (!json) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { id, first_name, last_name, username, language_code } = raw as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0 || typeof first_name !== 'string') return undefined;
  const user: InitDataUser = { telegramId: BigInt(id), firstName: first_name };
  if (typeof last_name === 'string') user.lastName = last_name;
  if (typeof username === 'string') user.username = username;
  if (typeof language_code === 'string') user.languageCode = language_code;
  return user;
}
