import { Decimal } from 'decimal.js';

// Decimal arithmetic with enough digits for any price × amount we store (30,10 × bigint).
export const Dec = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -30, toExpPos: 60 });
export type Dec = Decimal;

/**
 * Digits after the point per ISO 4217 (and XTR, Telegram Stars, which are whole). ETH is charged
 * to the gwei (9 digits, not wei's 18): a payment's amount is a BIGINT of minor units, which would
 * hold no more than 9.2 ETH in wei; the exact quote in wei is kept on the crypto deposit.
 */
const MINOR_DIGITS: Record<string, number> = {
  USD: 2, EUR: 2, RUB: 2, GBP: 2, UAH: 2, KZT: 2, BYN: 2, CNY: 2, TRY: 2, INR: 2, USDT: 6,
  JPY: 0, KRW: 0, XTR: 0, ETH: 9,
};

/**
 * Adds a currency known only at start-up (the payment token, by its contract's symbol, charged to
 * `digits`). Refuses to redefine a currency with other digits: amounts already stored in it would
 * change meaning.
 */
export function registerCurrency(code: string, digits: number): void {
  const known = MINOR_DIGITS[code];
  if (known !== undefined && known !== digits) throw new Error(`currency ${code} already has ${known} minor digits, not ${digits}`);
  MINOR_DIGITS[code] = digits;
}

export function isSupportedCurrency(code: string): boolean {
  return code in MINOR_DIGITS;
}

export function minorDigits(currency: string): number {
  const digits = MINOR_DIGITS[currency.trim().toUpperCase()];
  if (digits === undefined) throw new Error(`unknown currency ${currency}`);
  return digits;
}

/**
 * What `amount` tokens at `unitPrice` cost, in the currency's minor units, rounded UP to the next
 * minor unit: the buyer never pays less than the listed price, by at most one minor unit.
 */
export function priceInMinorUnits(unitPrice: Dec | string, amount: bigint, currency: string): bigint {
  const major = new Dec(unitPrice.toString()).times(amount.toString());
  const minor = major.times(new Dec(10).pow(minorDigits(currency))).toDecimalPlaces(0, Decimal.ROUND_CEIL);
  return BigInt(minor.toFixed(0));
}

/** Major units to minor units, rounded DOWN (a value shown to a holder is never overstated). */
export function toMinorUnitsFloor(major: Dec, currency: string): bigint {
  return BigInt(major.times(new Dec(10).pow(minorDigits(currency))).toDecimalPlaces(0, Decimal.ROUND_FLOOR).toFixed(0));
}

/** Minor units as a plain decimal string in major units: 1250n USD → "12.50". */
export function formatMinor(amount: bigint, currency: string): string {
  const digits = minorDigits(currency);
  return new Dec(amount.toString()).div(new Dec(10).pow(digits)).toFixed(digits);
}
