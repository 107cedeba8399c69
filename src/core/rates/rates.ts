import { Decimal } from 'decimal.js';
import { Dec, minorDigits } from '../money.js';

/** How many units of `quote` one unit of `base` buys, and as of when. */
export interface Rate {
  base: string;
  quote: string;
  rate: Dec;
  asOf: Date;
}

/** Where conversion rates come from: fixed ones from config now, published ones later. */
export interface RateSource {
  /** The rate from `base` to `quote` (direct or the inverse of a known one); null when unknown. */
  get(base: string, quote: string): Promise<Rate | null>;
}

/**
 * Rates given in config as `USD/RUB=92.5,USD/XTR=65`: each pair also answers its inverse.
 */
export function fixedRates(spec: Record<string, string>, asOf = new Date(0)): RateSource {
  const table = new Map<string, Dec>();
  for (const [pair, value] of Object.entries(spec)) {
    const [base, quote] = pair.split('/');
    const rate = new Dec(value);
    if (!base || !quote || !rate.isFinite() || rate.lte(0)) throw new Error(`bad rate ${pair}=${value}`);
    table.set(`${base}/${quote}`, rate);
    if (!table.has(`${quote}/${base}`)) table.set(`${quote}/${base}`, new Dec(1).div(rate));
  }
  return {
    async get(base, quote) {
      if (base === quote) return { base, quote, rate: new Dec(1), asOf };
      const rate = table.get(`${base}/${quote}`);
      return rate ? { base, quote, rate, asOf } : null;
    },
  };
}

/**
 * An amount in minor units of one currency, in minor units of another at `rate`, rounded UP:
 * a buyer paying in another currency never pays less than the order is worth.
 */
export function convertMinor(amountMinor: bigint, from: string, to: string, rate: Dec): bigint {
  const major = new Dec(amountMinor.toString()).div(new Dec(10).pow(minorDigits(from))).times(rate);
  return BigInt(major.times(new Dec(10).pow(minorDigits(to))).toDecimalPlaces(0, Decimal.ROUND_CEIL).toFixed(0));
}
