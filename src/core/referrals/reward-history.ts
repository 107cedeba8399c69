import type { CoreDeps } from '../deps.js';
import type { Page } from '../page.js';
import { fail, ok, type Result } from '../result.js';
import { type RewardView, userRewards } from './referral-stats.js';

export const REWARD_HISTORY_PAGE_SIZE = 5;

export interface RewardHistory {
  rewards: Page<RewardView>;
  /** The token the rewards are in. */
  symbol: string;
}

/**
 * One page of the user's referral rewards, newest first. A page past the end (an old keyboard
 * after rewards changed, a hand-made button) gives the last page rather than an empty one.
 */
export async function rewardHistory(
  deps: Pick<CoreDeps, 'db'>,
  input: { userId: number; tokenId: number; page: number },
): Promise<Result<RewardHistory, 'TOKEN_NOT_FOUND'>> {
  const [first, token] = await Promise.all([
    userRewards(deps.db, input.userId, { page: input.page, pageSize: REWARD_HISTORY_PAGE_SIZE }),
    deps.db.token.findUnique({ where: { id: input.tokenId }, select: { symbol: true } }),
  ]);
  if (!token) return fail('TOKEN_NOT_FOUND');
  const rewards =
    first.page > first.pages ? await userRewards(deps.db, input.userId, { page: first.pages, pageSize: REWARD_HISTORY_PAGE_SIZE }) : first;
  return ok({ rewards, symbol: token.symbol });
}
