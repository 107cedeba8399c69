import { Decimal } from 'decimal.js';
import { Dec, formatMinor, minorDigits } from '../core/money.js';

/**
 * Shared display helpers: numbers, money, dates and the progress bar, per locale. Every helper
 * takes the locale explicitly so a screen and a notification sent outside an update format alike.
 */

/** The translate function of a context (ctx.t) or of a notification for one user. */
export type Translate = (key: string, variables?: Record<string, string | number>) => string;

/** Locales we format for; anything else formats as English. */
export type FormatLocale = 'en' | 'ru';

export function formatLocale(code: string | undefined | null): FormatLocale {
  return code?.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

const numberFormats = new Map<FormatLocale, Intl.NumberFormat>();
function numberFormat(locale: FormatLocale): Intl.NumberFormat {
  let format = numberFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    numberFormats.set(locale, format);
  }
  return format;
}

function decimalSeparator(locale: FormatLocale): string {
  return numberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? (locale === 'ru' ? ',' : '.');
}

/** A whole number with the locale's thousands separators: 1234567 → "1,234,567" / "1 234 567". */
export function formatInteger(value: bigint, locale: FormatLocale): string {
  return numberFormat(locale).format(value);
}

/** Token amounts are whole: grouped like any integer. */
export const formatTokens = formatInteger;

/** A plain decimal string ("-1234.5000") grouped and with the locale's decimal separator. */
export function formatDecimalText(text: string, locale: FormatLocale): string {
  const [whole = '0', fraction] = text.split('.');
  const grouped = whole.startsWith('-') ? `-${formatInteger(BigInt(whole.slice(1)), locale)}` : formatInteger(BigInt(whole), locale);
  return fraction ? `${grouped}${decimalSeparator(locale)}${fraction}` : grouped;
}

/** Minor units as money: 123450n USD → "1,234.50 USD" / "1 234,50 USD". */
export function formatMoney(minor: bigint, currency: string, locale: FormatLocale): string {
  return `${formatDecimalText(formatMinor(minor, currency), locale)} ${currency.trim()}`;
}

/**
 * A unit price, which may be finer than the minor unit (0.0125 USD): trailing zeros dropped, but
 * never fewer digits than the currency's minor unit ("1.00 USD", not "1 USD").
 */
export function formatUnitPrice(price: Dec | string, currency: string, locale: FormatLocale): string {
  const value = new Dec(price.toString());
  const digits = Math.max(value.decimalPlaces(), minorDigits(currency));
  return `${formatDecimalText(value.toFixed(digits), locale)} ${currency.trim()}`;
}

/** A percentage: `digits` fixed decimals, or as few as needed (10 → "10%", 7.5 → "7.5%"). */
export function formatPercent(value: Dec | string, locale: FormatLocale, digits?: number): string {
  const dec = new Dec(value.toString());
  const text = digits === undefined ? dec.toFixed(dec.decimalPlaces()) : dec.toFixed(digits, Decimal.ROUND_DOWN);
  return `${formatDecimalText(text, locale)}%`;
}

const FILLED = '▓';
const EMPTY = '░';

/** "▓▓▓▓░░░░░░ 40.00%": cells filled per whole tenth (rounded down: full only when sold out). */
export function progressBar(percent: Dec | string, locale: FormatLocale, width = 10): string {
  const value = Dec.min(Dec.max(new Dec(percent.toString()), 0), 100);
  const filled = value.times(width).div(100).floor().toNumber();
  return `${FILLED.repeat(filled)}${EMPTY.repeat(width - filled)} ${formatPercent(value, locale, 2)}`;
}

const dateFormats = new Map<FormatLocale, Intl.DateTimeFormat>();

/**
 * A date and time in UTC, said so: users are anywhere and Telegram does not tell us their zone.
 * "Jan 15, 2026, 12:30 UTC" / "15 янв. 2026 г., 12:30 UTC".
 */
export function formatDate(date: Date, locale: FormatLocale): string {
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: 'UTC',
    });
    dateFormats.set(locale, format);
  }
  return `${format.format(date)} UTC`;
}

/** A span of time in whole days, hours and minutes (rounded up to the minute: never "0 min" early). */
export function splitDuration(ms: number): { days: number; hours: number; minutes: number } {
  const totalMinutes = Math.max(0, Math.ceil(ms / 60_000));
  return { days: Math.floor(totalMinutes / 1440), hours: Math.floor((totalMinutes % 1440) / 60), minutes: totalMinutes % 60 };
}

