import type { TokenRound } from '../../generated/prisma/client.js';
import { fail } from '../result.js';
import { tokensLeft } from './progress.js';

/**
 * The active round's rules for one purchase of `amount` tokens: started, within the round's
 * minimum and maximum, and no more than is left. Quoting and starting a purchase apply the same
 * rules, in the same order, so they refuse with the same codes.
 */
export function checkAmountForRound(
  round: Pick<TokenRound, 'startsAt' | 'minPurchase' | 'maxPurchase' | 'cap' | 'sold' | 'reserved'>,
  amount: bigint,
  now: Date,
) {
  if (round.startsAt && round.startsAt > now) return fail('ROUND_NOT_STARTED', { startsAt: round.startsAt.toISOString() });
  if (amount < round.minPurchase) return fail('AMOUNT_BELOW_MINIMUM', { min: round.minPurchase.toString() });
  if (round.maxPurchase !== null && amount > round.maxPurchase) return fail('AMOUNT_ABOVE_MAXIMUM', { max: round.maxPurchase.toString() });
  const left = tokensLeft(round);
  if (left === 0n) return fail('ROUND_SOLD_OUT');
  if (amount > left) return fail('AMOUNT_EXCEEDS_AVAILABLE', { left: left.toString() });
  return undefined;
}
