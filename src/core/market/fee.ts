import { Decimal } from 'decimal.js';
import type { Db } from '../deps.js';
import { Dec, minorDigits } from '../money.js';
import { convertMinor } from '../rates/rates.js';
import { fail, ok, type Result } from '../result.js';

export interface FeeRuleTerms {
  /** Percent of the goods price, 0..100 (DECIMAL(5,2)). */
  percent: Dec | string;
  /** The minimum fee in minor units of `minCurrency`. */
  minMinor: bigint;
  minCurrency: string;
}

export interface LotPurchasePrice {
  currency: string;
  /** What the seller's goods cost: price × quantity / priceUnit, rounded UP to a minor unit. */
  priceMinor: bigint;
  /** The platform's commission: max(percent × priceMinor rounded UP, the minimum in this currency). */
  feeMinor: bigint;
  /** What the buyer pays: priceMinor + feeMinor. */
  totalMinor: bigint;
}

/**
 * The price of buying `quantity` units of a lot, commission included (pure).
 *
 * Rounding, explicitly: the goods price is rounded UP to the next minor unit (as token orders are:
 * a buyer never pays less than the listed price, by at most one minor unit); the percent part of
 * the fee is computed on that rounded price and rounded UP too (the platform never undercharges
 * its commission, by at most one minor unit); a minimum set in another currency is converted at
 * `minRate` (1 minCurrency = minRate lot currency), rounded UP by convertMinor. The buyer pays
 * total = price + fee. Without a rule the fee is zero.
 */
export function lotPurchasePrice(input: {
  price: Dec | string;
  priceUnit: bigint;
  quantity: bigint;
  currency: string;
  rule: FeeRuleTerms | null;
  /** Needed only when the rule's minimum is in another currency than the lot's. */
  minRate?: Dec | null;
}): Result<LotPurchasePrice, 'RATE_UNAVAILABLE' | 'BAD_QUANTITY'> {
  if (input.quantity < 1n || input.priceUnit < 1n) return fail('BAD_QUANTITY');
  const scale = new Dec(10).pow(minorDigits(input.currency));
  const major = new Dec(input.price.toString()).times(input.quantity.toString()).div(input.priceUnit.toString());
  const priceMinor = BigInt(major.times(scale).toDecimalPlaces(0, Decimal.ROUND_CEIL).toFixed(0));
  let feeMinor = 0n;
  if (input.rule) {
    const percentPart = BigInt(
      new Dec(input.rule.percent.toString()).div(100).times(priceMinor.toString()).toDecimalPlaces(0, Decimal.ROUND_CEIL).toFixed(0),
    );
    let minimum = input.rule.minMinor;
    if (minimum > 0n && input.rule.minCurrency !== input.currency) {
      if (!input.minRate) return fail('RATE_UNAVAILABLE');
      minimum = convertMinor(minimum, input.rule.minCurrency, input.currency, input.minRate);
    }
    feeMinor = percentPart > minimum ? percentPart : minimum;
  }
  return ok({ currency: input.currency, priceMinor, feeMinor, totalMinor: priceMinor + feeMinor });
}

/** The most specific fee rule for a lot in `categoryId` of `marketId`: the category's, else the market's. */
export async function findFeeRule(db: Db, marketId: number, categoryId: number): Promise<FeeRuleTerms | null> {
  const rules = await db.feeRule.findMany({ where: { marketId, OR: [{ categoryId }, { categoryId: null }] } });
  const rule = rules.find((r) => r.categoryId === categoryId) ?? rules.find((r) => r.categoryId === null);
  return rule ? { percent: new Dec(rule.percent.toString()), minMinor: rule.minMinor, minCurrency: rule.minCurrency } : null;
}
