import type { TokenRound } from '../../generated/prisma/client.js';
import { type Fail, fail } from '../result.js';
import type { AmountError } from './amount.js';
import { tokensLeft } from './progress.js';

/** Why a purchase of some amount cannot happen now (quoting and starting refuse alike). */
export type PurchaseRuleError =
  | AmountError
  | 'SALE_NOT_ACTIVE'
  | 'ROUND_NOT_STARTED'
  | 'AMOUNT_BELOW_MINIMUM'
  | 'AMOUNT_ABOVE_MAXIMUM'
  | 'AMOUNT_EXCEEDS_AVAILABLE'
  | 'ROUND_SOLD_OUT';

/**
 * The active round's rules for one purchase of `amount` tokens: started, within the round's
 * minimum and maximum, and no more than is left. Quoting and starting a purchase apply the same
 * rules, in the same order, so they refuse with the same codes.
 */
export function checkAmountForRound(
  round: Pick<TokenRound, 'startsAt' | 'minPurchase' | 'maxPurchase' | 'cap' | 'sold' | 'reserved'>,
  amount: bigint,
  now: Date,
): Fail<PurchaseRuleError> | undefined {
  if (round.startsAt && round.startsAt > now) return fail('ROUND_NOT_STARTED', { startsAt: round.startsAt.toISOString() });
  if (amount < round.minPurchase) return fail('AMOUNT_BELOW_MINIMUM', { min: round.minPurchase.toString() });
  if (round.maxPurchase !== null && amount > round.maxPurchase) return fail('AMOUNT_ABOVE_MAXIMUM', { max: round.maxPurchase.toString() });
  const left = tokensLeft(round);
  if (left === 0n) return fail('ROUND_SOLD_OUT');
  if (amount > left) return fail('AMOUNT_EXCEEDS_AVAILABLE', { left: left.toString() });
  return undefined;
}
