import type { CoreDeps } from '../deps.js';
import { Dec, priceInMinorUnits } from '../money.js';
import { fail, ok, type Result } from '../result.js';
import { parseTokenAmount } from './amount.js';
import { currentSale } from './current-sale.js';
import { checkAmountForRound, type PurchaseRuleError } from './purchase-rules.js';

export type QuotePurchaseError = PurchaseRuleError;

/** What a purchase of `amount` tokens would be right now: the price the order will carry. */
export interface PurchaseQuote {
  roundId: number;
  roundName: string;
  amount: bigint;
  unitPrice: Dec;
  priceMinor: bigint;
  currency: string;
}

/**
 * Prices a purchase without reserving anything, so the buyer sees the exact total before the
 * order exists. The checks are startPurchase's, in the same order, so a quote that passes is
 * refused at confirmation only when the round changed in between (tokens taken, round closed).
 */
export async function quotePurchase(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  input: { tokenId: number; amount: string | number | bigint },
): Promise<Result<PurchaseQuote, QuotePurchaseError>> {
  const parsed = parseTokenAmount(input.amount);
  if (!parsed.ok) return parsed;
  const sale = await currentSale(deps, input.tokenId);
  const round = sale?.active?.round;
  if (!round) return fail('SALE_NOT_ACTIVE');
  const refusal = checkAmountForRound(round, parsed.value, deps.clock.now());
  if (refusal) return refusal;
  const unitPrice = new Dec(round.unitPrice.toString());
  const currency = round.currency.trim();
  return ok({
    roundId: round.id,
    roundName: round.name,
    amount: parsed.value,
    unitPrice,
    priceMinor: priceInMinorUnits(unitPrice, parsed.value, currency),
    currency,
  });
}
