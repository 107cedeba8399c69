import { Dec, isSupportedCurrency } from '../money.js';
import { fail, ok, type Result } from '../result.js';

/** What an admin sets on a sale round; sold, reserved and status are the sale's, not theirs. */
export interface RoundFields {
  name: string;
  /** ISO 4217 code the round is priced in (three letters: the column is char(3)). */
  currency: string;
  /** Price of one token in major units, a plain decimal string ("0.0125"). */
  unitPrice: string;
  cap: bigint;
  /** Level-1 referral percent, a decimal string with at most two decimals ("7.5"). */
  referralPercent: string;
  minPurchase: bigint;
  maxPurchase: bigint | null;
  startsAt: Date | null;
  endsAt: Date | null;
}

export const ROUND_FIELD_KEYS = [
  'name', 'currency', 'unitPrice', 'cap', 'referralPercent', 'minPurchase', 'maxPurchase', 'startsAt', 'endsAt',
] as const satisfies readonly (keyof RoundFields)[];

export type RoundFieldError =
  | 'ROUND_NAME_INVALID'
  | 'CURRENCY_INVALID'
  | 'PRICE_INVALID'
  | 'CAP_INVALID'
  | 'REFERRAL_PERCENT_INVALID'
  | 'MIN_PURCHASE_INVALID'
  | 'MAX_PURCHASE_INVALID'
  | 'DATE_INVALID'
  | 'MIN_ABOVE_CAP'
  | 'MAX_BELOW_MIN'
  | 'END_NOT_AFTER_START';

export const ROUND_NAME_MAX_LENGTH = 64;
// Far below bigint's 9.2e18, so sold + reserved can never overflow the column.
const MAX_TOKENS = 10n ** 18n;

/** A name shown in lists and buttons: one line, 1–64 characters. */
export function parseRoundName(text: string): Result<string, 'ROUND_NAME_INVALID'> {
  const name = text.trim().replace(/\s+/g, ' ');
  const length = [...name].length;
  return length >= 1 && length <= ROUND_NAME_MAX_LENGTH ? ok(name) : fail('ROUND_NAME_INVALID');
}

/** A three-letter currency code money.ts knows ("usd" is read as USD). */
export function parseCurrency(text: string): Result<string, 'CURRENCY_INVALID'> {
  const code = text.trim().toUpperCase();
  return /^[A-Z]{3}$/.test(code) && isSupportedCurrency(code) ? ok(code) : fail('CURRENCY_INVALID');
}

/** A positive decimal with at most 10 fractional digits (the column is numeric(30,10)); "0,5" is 0.5. */
export function parseUnitPrice(text: string): Result<string, 'PRICE_INVALID'> {
  const value = text.trim().replace(',', '.');
  if (!/^\d{1,20}(?:\.\d{1,10})?$/.test(value)) return fail('PRICE_INVALID');
  const price = new Dec(value);
  return price.gt(0) ? ok(price.toString()) : fail('PRICE_INVALID');
}

/** A percent from 0 to 100 with at most two decimals; a trailing "%" is fine. */
export function parseReferralPercent(text: string): Result<string, 'REFERRAL_PERCENT_INVALID'> {
  const value = text.trim().replace(/\s*%$/, '').replace(',', '.');
  if (!/^\d{1,3}(?:\.\d{1,2})?$/.test(value)) return fail('REFERRAL_PERCENT_INVALID');
  const percent = new Dec(value);
  return percent.lte(100) ? ok(percent.toString()) : fail('REFERRAL_PERCENT_INVALID');
}

/** A positive whole number of tokens; digit groups may be separated by spaces ("1 000 000"). */
export function parseTokenCount<C extends 'CAP_INVALID' | 'MIN_PURCHASE_INVALID' | 'MAX_PURCHASE_INVALID'>(
  text: string,
  code: C,
): Result<bigint, C> {
  const digits = text.trim().replace(/[\s\u00a0\u202f_]/g, '');
  if (!/^\d{1,19}$/.test(digits)) return fail(code);
  const count = BigInt(digits);
  return count >= 1n && count <= MAX_TOKENS ? ok(count) : fail(code);
}

/** "YYYY-MM-DD HH:MM" in UTC (a trailing "UTC" is fine); impossible dates such as 02-30 are refused. */
export function parseUtcDateTime(text: string): Result<Date, 'DATE_INVALID'> {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?:\s*UTC)?$/i.exec(text.trim());
  if (!match) return fail('DATE_INVALID');
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute));
  // Date.UTC rolls 25:00 or February 30 over into the next day: a round trip catches it.
  const same =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute;
  return same && year >= 2000 ? ok(date) : fail('DATE_INVALID');
}

/**
 * The rules between fields, checked on whichever of them are known: a purchase minimum the cap
 * can hold, a maximum not below the minimum, an end after the start. The bot checks each answer
 * against the answers before it; create and edit check the whole round.
 */
export function checkRoundConsistency(
  fields: Partial<RoundFields>,
): Result<true, 'MIN_ABOVE_CAP' | 'MAX_BELOW_MIN' | 'END_NOT_AFTER_START'> {
  const { cap, minPurchase, maxPurchase, startsAt, endsAt } = fields;
  if (cap !== undefined && minPurchase !== undefined && minPurchase > cap) return fail('MIN_ABOVE_CAP');
  if (minPurchase !== undefined && maxPurchase != null && maxPurchase < minPurchase) return fail('MAX_BELOW_MIN');
  if (startsAt && endsAt && endsAt.getTime() <= startsAt.getTime()) return fail('END_NOT_AFTER_START');
  return ok(true);
}

/** Every field valid on its own and together; the values come back normalized. */
export function validateRoundFields(fields: RoundFields): Result<RoundFields, RoundFieldError> {
  const name = parseRoundName(fields.name);
  if (!name.ok) return name;
  const currency = parseCurrency(fields.currency);
  if (!currency.ok) return currency;
  const unitPrice = parseUnitPrice(fields.unitPrice);
  if (!unitPrice.ok) return unitPrice;
  const cap = parseTokenCount(fields.cap.toString(), 'CAP_INVALID');
  if (!cap.ok) return cap;
  const referralPercent = parseReferralPercent(fields.referralPercent);
  if (!referralPercent.ok) return referralPercent;
  const minPurchase = parseTokenCount(fields.minPurchase.toString(), 'MIN_PURCHASE_INVALID');
  if (!minPurchase.ok) return minPurchase;
  const maxPurchase = fields.maxPurchase === null ? ok(null) : parseTokenCount(fields.maxPurchase.toString(), 'MAX_PURCHASE_INVALID');
  if (!maxPurchase.ok) return maxPurchase;
  for (const date of [fields.startsAt, fields.endsAt]) {
    if (date !== null && Number.isNaN(date.getTime())) return fail('DATE_INVALID');
  }
  const valid: RoundFields = {
    name: name.value,
    currency: currency.value,
    unitPrice: unitPrice.value,
    cap: cap.value,
    referralPercent: referralPercent.value,
    minPurchase: minPurchase.value,
    maxPurchase: maxPurchase.value,
    startsAt: fields.startsAt,
    endsAt: fields.endsAt,
  };
  const consistent = checkRoundConsistency(valid);
  return consistent.ok ? ok(valid) : consistent;
}
