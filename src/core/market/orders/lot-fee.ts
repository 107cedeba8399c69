import { Decimal } from 'decimal.js';
import type { Db, Tx } from '../../deps.js';
import { Dec, minorDigits } from '../../money.js';
import { convertMinor, type RateSource } from '../../rates/rates.js';
import { fail, ok, type Result } from '../../result.js';

export interface LotPrice {
  /** The seller's price for the quantity, rounded up to a minor unit. */
  priceMinor: bigint;
  /** The platform's commission on top (0 without a rule). */
  feeMinor: bigint;
  totalMinor: bigint;
}

/**
 * What `quantity` units of a lot cost: price per `priceUnit` units × quantity, rounded UP to the
 * currency's minor unit (the seller never gets less than listed, by at most one minor unit).
 */
export function lotPriceMinor(price: { toString(): string }, priceUnit: bigint, quantity: bigint, currency: string): bigint {
  const major = new Dec(price.toString()).times(quantity.toString()).div(priceUnit.toString());
  return BigInt(major.times(new Dec(10).pow(minorDigits(currency))).toDecimalPlaces(0, Decimal.ROUND_CEIL).toFixed(0));
}

/**
 * The commission for a price in a category: the category's rule, else its market's; the percent
 * of the price rounded up, at least the rule's minimum (converted into the lot's currency at the
 * current rate, rounded up, when the minimum is in another currency). No rule: no fee.
 */
export async function lotFee(
  db: Db | Tx,
  rates: RateSource,
  input: { marketId: number; categoryId: number; priceMinor: bigint; currency: string },
): Promise<Result<bigint, 'RATE_UNAVAILABLE'>> {
  const rules = await db.feeRule.findMany({
    where: { marketId: input.marketId, OR: [{ categoryId: input.categoryId }, { categoryId: null }] },
  });
  const rule = rules.find((r) => r.categoryId === input.categoryId) ?? rules.find((r) => r.categoryId === null);
  if (!rule) return ok(0n);
  const percentFee = BigInt(
    new Dec(input.priceMinor.toString()).times(rule.percent.toString()).div(100).toDecimalPlaces(0, Decimal.ROUND_CEIL).toFixed(0),
  );
  let minimum = 0n;
  if (rule.minMinor > 0n) {
    const minCurrency = rule.minCurrency.trim();
    if (minCurrency === input.currency) minimum = rule.minMinor;
    else {
      const rate = await rates.get(minCurrency, input.currency);
      if (!rate) return fail('RATE_UNAVAILABLE');
      minimum = convertMinor(rule.minMinor, minCurrency, input.currency, rate.rate);
    }
  }
  return ok(percentFee > minimum ? percentFee : minimum);
}
