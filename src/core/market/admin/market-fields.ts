import { Dec, isSupportedCurrency, minorDigits } from '../../money.js';
import { fail, ok, type Result } from '../../result.js';

/** Admin-typed catalog values, checked the same way in the bot and the core. */
export type MarketFieldError =
  | 'TITLE_INVALID'
  | 'TEXT_TOO_LONG'
  | 'NAME_INVALID'
  | 'FORM_FIELDS_INVALID'
  | 'PERCENT_INVALID'
  | 'MINIMUM_INVALID'
  | 'CURRENCY_INVALID';

export const TITLE_MAX = 80;
export const TEXT_MAX = 2000;
export const NAME_MAX = 60;

export function parseTitle(text: string): Result<string, 'TITLE_INVALID'> {
  const value = text.trim();
  return value.length > 0 && value.length <= TITLE_MAX ? ok(value) : fail('TITLE_INVALID');
}

/** Descriptions and help texts: anything up to TEXT_MAX characters (empty clears). */
export function parseLongText(text: string): Result<string, 'TEXT_TOO_LONG'> {
  const value = text.trim();
  return value.length <= TEXT_MAX ? ok(value) : fail('TEXT_TOO_LONG');
}

/** Category and league names. */
export function parseName(text: string): Result<string, 'NAME_INVALID'> {
  const value = text.trim();
  return value.length > 0 && value.length <= NAME_MAX && !value.includes('\n') ? ok(value) : fail('NAME_INVALID');
}

export interface FormField {
  key: string;
  label: string;
  required: boolean;
}

/**
 * A FORM category's fields, one label per line; a trailing "?" makes the field optional
 * ("Rank", "Email?"). Keys are f1, f2 ... in order, stable when labels are renamed.
 */
export function parseFormFields(text: string): Result<FormField[], 'FORM_FIELDS_INVALID'> {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  if (lines.length === 0 || lines.length > 20) return fail('FORM_FIELDS_INVALID');
  const fields: FormField[] = [];
  for (const [i, line] of lines.entries()) {
    const optional = line.endsWith('?');
    const label = (optional ? line.slice(0, -1) : line).trim();
    if (label.length === 0 || label.length > NAME_MAX) return fail('FORM_FIELDS_INVALID');
    if (fields.some((f) => f.label.toLowerCase() === label.toLowerCase())) return fail('FORM_FIELDS_INVALID');
    fields.push({ key: `f${i + 1}`, label, required: !optional });
  }
  return ok(fields);
}

/** The stored JSON read back; anything malformed reads as no fields. */
export function formFieldsOf(json: unknown): FormField[] {
  if (!Array.isArray(json)) return [];
  return json.flatMap((f) =>
    f && typeof f === 'object' && typeof f.key === 'string' && typeof f.label === 'string'
      ? [{ key: f.key, label: f.label, required: f.required !== false }]
      : [],
  );
}

/** A fee percent, 0 to 100 with at most two decimals ("2.5", "10"). */
export function parseFeePercent(text: string): Result<string, 'PERCENT_INVALID'> {
  const value = text.trim().replace(',', '.').replace(/%$/, '').trim();
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(value)) return fail('PERCENT_INVALID');
  const n = new Dec(value);
  return n.gte(0) && n.lte(100) ? ok(n.toString()) : fail('PERCENT_INVALID');
}

export function parseCurrencyCode(text: string): Result<string, 'CURRENCY_INVALID'> {
  const value = text.trim().toUpperCase();
  return /^[A-Z]{3,4}$/.test(value) && isSupportedCurrency(value) ? ok(value) : fail('CURRENCY_INVALID');
}

/** A fee minimum as "0.50 USD" (or "0" for none, in `fallbackCurrency`): minor units + currency. */
export function parseMinimum(text: string, fallbackCurrency: string): Result<{ minMinor: bigint; minCurrency: string }, 'MINIMUM_INVALID' | 'CURRENCY_INVALID'> {
  const [amountText = '', currencyText, ...rest] = text.trim().split(/\s+/);
  if (rest.length > 0) return fail('MINIMUM_INVALID');
  const currency = parseCurrencyCode(currencyText ?? fallbackCurrency);
  if (!currency.ok) return currency;
  const amount = amountText.replace(',', '.');
  const digits = minorDigits(currency.value);
  const pattern = digits === 0 ? /^\d{1,12}$/ : new RegExp(`^\\d{1,12}(\\.\\d{1,${digits}})?$`);
  if (!pattern.test(amount)) return fail('MINIMUM_INVALID');
  const minor = new Dec(amount).times(new Dec(10).pow(digits));
  return ok({ minMinor: BigInt(minor.toFixed(0)), minCurrency: currency.value });
}

/** A URL-safe slug from a title (latin letters and digits); "market" when nothing is left. */
export function slugFromTitle(title: string): string {
  const slug = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
    .replace(/-+$/g, '');
  return slug.length > 0 ? slug : 'market';
}
