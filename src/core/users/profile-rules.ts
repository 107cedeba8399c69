import { fail, ok, type Result } from '../result.js';

/**
 * The rules for what a user may write into their profile: pure functions, so the use cases and
 * the tests share one definition. Each returns the value as it will be stored (trimmed,
 * normalised) or the reason it is refused.
 */

export const NAME_MAX_LENGTH = 64;
export const EMAIL_MAX_LENGTH = 254;
export const CITY_MAX_LENGTH = 100;
export const MIN_AGE = 13;
export const MAX_AGE = 120;

export type NameError = 'NAME_TOO_LONG' | 'NAME_INVALID';
export type EmailError = 'EMAIL_TOO_LONG' | 'EMAIL_INVALID';
export type CityError = 'CITY_TOO_LONG' | 'CITY_INVALID';
export type BirthdayError = 'BIRTHDAY_INVALID' | 'BIRTHDAY_IN_FUTURE' | 'BIRTHDAY_IMPLAUSIBLE';

// Control characters, and the invisible format characters (bidi overrides, zero-width ones) that
// are used to make one text look like another.
const CONTROL = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

// Letters of any script (with their combining marks), in words joined by one space, hyphen or
// apostrophe: "Anne-Marie", "O'Neil", "Жан-Поль", "José María". Digits, dots, slashes and "@" are
// out, so a link or a handle cannot pass as a name.
const NAME = /^[\p{L}\p{M}]+(?:[ '’ʼ\-‐][\p{L}\p{M}]+)*$/u;

// Something a client would turn into a link: a scheme, "www.", or a host under a common TLD.
const LINK =
  /(?:[a-z][a-z\d+.-]*:\/\/|www\.|(?:^|[^\p{L}\d])[\p{L}\d-]+(?:\.[\p{L}\d-]+)*\.(?:com|net|org|info|biz|ru|su|рф|me|io|co|ly|gg|tk|xyz|top|site|online|app|dev|link|club|shop|store|pro|tv|cc)(?![\p{L}\d]))/iu;

// The usual "sane" address: an ASCII local part of atoms joined by dots, and a host name of
// labels with a letter TLD (or an IDN one in punycode). Lowercased before the check.
const EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
const EMAIL_LOCAL_MAX_LENGTH = 64;

/** Length as people count it: code points, not UTF-16 units (an emoji is one). */
const lengthOf = (value: string) => [...value].length;

const collapseSpaces = (value: string) => value.trim().replace(/ {2,}/g, ' ');

export function checkPersonName(raw: string): Result<string, NameError> {
  const value = collapseSpaces(raw);
  if (CONTROL.test(value)) return fail('NAME_INVALID');
  if (lengthOf(value) > NAME_MAX_LENGTH) return fail('NAME_TOO_LONG');
  if (!NAME.test(value)) return fail('NAME_INVALID');
  return ok(value);
}

export function checkEmail(raw: string): Result<string, EmailError> {
  const value = raw.trim().toLowerCase();
  if (value.length > EMAIL_MAX_LENGTH) return fail('EMAIL_TOO_LONG');
  if (!EMAIL.test(value)) return fail('EMAIL_INVALID');
  if (value.indexOf('@') > EMAIL_LOCAL_MAX_LENGTH) return fail('EMAIL_INVALID');
  return ok(value);
}

export function checkCity(raw: string): Result<string, CityError> {
  const value = collapseSpaces(raw);
  if (value === '' || CONTROL.test(value) || LINK.test(value)) return fail('CITY_INVALID');
  if (lengthOf(value) > CITY_MAX_LENGTH) return fail('CITY_TOO_LONG');
  return ok(value);
}

/**
 * A birthday typed as DD.MM.YYYY or YYYY-MM-DD: a real calendar date (31.02.2000 is not), not
 * after `today`, for an age of MIN_AGE..MAX_AGE full years on `today` (both in UTC). The result is
 * the ISO date, YYYY-MM-DD.
 */
export function parseBirthday(raw: string, today: Date): Result<string, BirthdayError> {
  const date = readDate(raw.trim());
  if (!date) return fail('BIRTHDAY_INVALID');
  const now = { year: today.getUTCFullYear(), month: today.getUTCMonth() + 1, day: today.getUTCDate() };
  if (compareDates(date, now) > 0) return fail('BIRTHDAY_IN_FUTURE');
  const hadBirthdayThisYear = compareDates({ ...date, year: now.year }, now) <= 0;
  const age = now.year - date.year - (hadBirthdayThisYear ? 0 : 1);
  if (age < MIN_AGE || age > MAX_AGE) return fail('BIRTHDAY_IMPLAUSIBLE');
  return ok(isoDate(date));
}

interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

function readDate(text: string): CalendarDate | undefined {
  const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const parts = dotted ? { day: dotted[1], month: dotted[2], year: dotted[3] } : iso ? { year: iso[1], month: iso[2], day: iso[3] } : undefined;
  if (!parts) return undefined;
  const date = { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day) };
  // Date.UTC maps years 0..99 to 19xx; setUTCFullYear does not. A date that rolls over (31.02 ->
  // 03.03) is not a real one.
  const probe = new Date(0);
  probe.setUTCFullYear(date.year, date.month - 1, date.day);
  const real = probe.getUTCFullYear() === date.year && probe.getUTCMonth() === date.month - 1 && probe.getUTCDate() === date.day;
  return real ? date : undefined;
}

function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

function isoDate(date: CalendarDate): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}
