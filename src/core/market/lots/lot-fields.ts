import type { LotLanguage, LotPlatform, LotType } from '../../../generated/prisma/client.js';
import { Dec } from '../../money.js';
import { fail, ok, type Result } from '../../result.js';
import { type FormField, parseCurrencyCode } from '../admin/market-fields.js';

/** What a seller types for a lot, checked the same way in the conversation and in the core. */
export type LotFieldError =
  | 'SHORT_DESCRIPTION_INVALID'
  | 'DESCRIPTION_TOO_LONG'
  | 'PRICE_INVALID'
  | 'PRICE_UNIT_INVALID'
  | 'CURRENCY_INVALID'
  | 'QUANTITY_INVALID'
  | 'LEVEL_INVALID'
  | 'FIELD_VALUE_INVALID'
  | 'FIELDS_MISSING'
  | 'GOODS_INVALID'
  | 'GOODS_COUNT_MISMATCH';

export const SHORT_MAX = 100;
export const DESCRIPTION_MAX = 2000;
export const FIELD_VALUE_MAX = 200;
export const GOODS_MAX = 1000;
export const QUANTITY_MAX = 1_000_000_000_000n;
export const PRICE_UNIT_MAX = 1_000_000_000n;
export const LEVEL_MAX = 100_000;

/**
 * A lot as it travels through the create conversation and into createLot: JSON-safe (bigints as
 * digit strings), every typed value already in its checked form.
 */
export interface LotDraft {
  categoryId: number;
  leagueId: number | null;
  platform: LotPlatform | null;
  characterLevel: number | null;
  language: LotLanguage | null;
  shortDescription: string;
  description: string;
  price: string;
  priceUnit: string;
  currency: string;
  quantity: string;
  /** FORM lots: the category's field keys to values. */
  fields: Record<string, string>;
  /** Auto-delivery goods: one unit's goods per entry (none: the seller delivers by hand). */
  goods: string[];
  deactivateAfterSale: boolean;
}

export function parseShortDescription(text: string): Result<string, 'SHORT_DESCRIPTION_INVALID'> {
  const value = text.trim();
  return value.length > 0 && value.length <= SHORT_MAX && !value.includes('\n') ? ok(value) : fail('SHORT_DESCRIPTION_INVALID');
}

export function parseDescription(text: string): Result<string, 'DESCRIPTION_TOO_LONG'> {
  const value = text.trim();
  return value.length <= DESCRIPTION_MAX ? ok(value) : fail('DESCRIPTION_TOO_LONG');
}

/** A price per price unit: positive, up to 20 digits before the point and 10 after ("5", "0,25"). */
export function parsePrice(text: string): Result<string, 'PRICE_INVALID'> {
  const value = text.trim().replace(',', '.');
  if (!/^\d{1,20}(\.\d{1,10})?$/.test(value)) return fail('PRICE_INVALID');
  const price = new Dec(value);
  return price.gt(0) ? ok(price.toString()) : fail('PRICE_INVALID');
}

/** How many units the price is for (1, 100, 1000 ...): a whole number from 1 to 10^9. */
export function parsePriceUnit(text: string): Result<string, 'PRICE_UNIT_INVALID'> {
  const value = text.trim().replace(/[\s_]/g, '');
  if (!/^[1-9]\d{0,9}$/.test(value) || BigInt(value) > PRICE_UNIT_MAX) return fail('PRICE_UNIT_INVALID');
  return ok(value);
}

export const parseLotCurrency = parseCurrencyCode;

/** Units in stock: a whole number from 1 to 10^12 (spaces allowed as separators). */
export function parseQuantity(text: string): Result<string, 'QUANTITY_INVALID'> {
  const value = text.trim().replace(/[\s_]/g, '');
  if (!/^[1-9]\d{0,12}$/.test(value) || BigInt(value) > QUANTITY_MAX) return fail('QUANTITY_INVALID');
  return ok(value);
}

export function parseLevel(text: string): Result<number, 'LEVEL_INVALID'> {
  const value = text.trim();
  if (!/^\d{1,6}$/.test(value) || Number(value) > LEVEL_MAX) return fail('LEVEL_INVALID');
  return ok(Number(value));
}

export function parseFieldValue(text: string): Result<string, 'FIELD_VALUE_INVALID'> {
  const value = text.trim();
  return value.length > 0 && value.length <= FIELD_VALUE_MAX ? ok(value) : fail('FIELD_VALUE_INVALID');
}

/**
 * Auto-delivery goods: for a MULTIPLE lot one line per unit, exactly `quantity` lines; for a FORM
 * lot (one unit) the whole text is that unit's goods.
 */
export function parseGoods(text: string, lotType: LotType, quantity: bigint): Result<string[], 'GOODS_INVALID' | 'GOODS_COUNT_MISMATCH'> {
  if (lotType === 'FORM') {
    const value = text.trim();
    return value.length > 0 && value.length <= DESCRIPTION_MAX ? ok([value]) : fail('GOODS_INVALID');
  }
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  if (lines.length === 0 || lines.length > GOODS_MAX || lines.some((l) => l.length > FIELD_VALUE_MAX)) return fail('GOODS_INVALID');
  return BigInt(lines.length) === quantity ? ok(lines) : fail('GOODS_COUNT_MISMATCH');
}

/** A FORM lot's values against its category's fields: every required one, nothing unknown. */
export function checkFormValues(formFields: FormField[], values: Record<string, string>): Result<Record<string, string>, 'FIELDS_MISSING' | 'FIELD_VALUE_INVALID'> {
  const known = new Set(formFields.map((f) => f.key));
  if (Object.keys(values).some((k) => !known.has(k))) return fail('FIELD_VALUE_INVALID');
  const checked: Record<string, string> = {};
  for (const field of formFields) {
    const value = values[field.key];
    if (value === undefined || value.trim() === '') {
      if (field.required) return fail('FIELDS_MISSING');
      continue;
    }
    const parsed = parseFieldValue(value);
    if (!parsed.ok) return parsed;
    checked[field.key] = parsed.value;
  }
  return ok(checked);
}
