import type { Db } from '../deps.js';
import { Dec } from '../money.js';
import type { RateSource } from '../rates/rates.js';
import { fail, type Result } from '../result.js';
import { findFeeRule, type LotPurchasePrice, lotPurchasePrice } from './fee.js';

/**
 * The price of `quantity` units of lot `lotId` with the commission of its most specific rule,
 * looking up the rate for a minimum in another currency (RATE_UNAVAILABLE when it is stale).
 * For the escrow order flow: call it when the order is made and store the result on the order.
 */
export async function quoteLotPurchase(
  deps: { db: Db; rates: RateSource },
  input: { lotId: number; quantity: bigint },
): Promise<Result<LotPurchasePrice, 'LOT_NOT_FOUND' | 'RATE_UNAVAILABLE' | 'BAD_QUANTITY'>> {
  const lot = await deps.db.lot.findUnique({ where: { id: input.lotId }, include: { category: { select: { marketId: true } } } });
  if (!lot || lot.deletedAt) return fail('LOT_NOT_FOUND');
  const rule = await findFeeRule(deps.db, lot.category.marketId, lot.categoryId);
  const needsRate = rule && rule.minMinor > 0n && rule.minCurrency !== lot.currency;
  const rate = needsRate ? await deps.rates.get(rule.minCurrency, lot.currency) : null;
  return lotPurchasePrice({
    price: new Dec(lot.price.toString()),
    priceUnit: lot.priceUnit,
    quantity: input.quantity,
    currency: lot.currency,
    rule,
    minRate: rate?.rate ?? null,
  });
}
