import { Decimal } from 'decimal.js';
import { Dec } from '../money.js';

export interface RewardShare {
  level: number;
  beneficiaryId: number;
  percent: Dec;
  amount: bigint;
}

/**
 * Referral rewards for an order of `amount` tokens: `uplineIds[0]` is the buyer's referrer
 * (level 1), `uplineIds[1]` theirs (level 2), ...; `percents[i]` is level i+1's percent.
 * Each reward is rounded DOWN to whole tokens; a reward that rounds to zero is not written.
 */
export function computeRewards(amount: bigint, percents: readonly Dec[], uplineIds: readonly number[]): RewardShare[] {
  const shares: RewardShare[] = [];
  const levels = Math.min(percents.length, uplineIds.length);
  for (let i = 0; i < levels; i++) {
    const percent = new Dec(percents[i]!.toString());
    const reward = BigInt(
      new Dec(amount.toString()).times(percent).div(100).toDecimalPlaces(0, Decimal.ROUND_FLOOR).toFixed(0),
    );
    if (reward > 0n) shares.push({ level: i + 1, beneficiaryId: uplineIds[i]!, percent, amount: reward });
  }
  return shares;
}
