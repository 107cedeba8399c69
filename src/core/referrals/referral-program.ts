import type { CoreDeps } from '../deps.js';
import { fail, ok, type Result } from '../result.js';
import { canEnterReferralCode } from './can-enter-referral-code.js';
import { type LevelStats, referralsByLevel } from './referral-stats.js';

export type ReferralProgramError = 'USER_NOT_FOUND' | 'TOKEN_NOT_FOUND';

export interface ReferralProgram {
  /** The user's own code: the start payload of their invite link. */
  referralCode: string;
  /** The token rewards are paid in. */
  symbol: string;
  /**
   * The reward percent per level as decimal strings ("10", "2.5"), level 1 first. Level 1 is the
   * active round's percent, so it is null while no round is active; levels 2.. are the sale's.
   */
  percents: (string | null)[];
  /** The user's referral tree, one entry per rewarded level. */
  levels: LevelStats[];
  totalRewards: bigint;
  /** "I have a code" is still possible (no referrer, no order). */
  codeEntryOffered: boolean;
}

/** Everything the referral screen shows for one user: link code, percents, tree and earnings. */
export async function referralProgram(
  deps: Pick<CoreDeps, 'db' | 'sale'>,
  input: { userId: number; tokenId: number },
): Promise<Result<ReferralProgram, ReferralProgramError>> {
  const [user, token] = await Promise.all([
    deps.db.user.findUnique({ where: { id: input.userId }, select: { referralCode: true } }),
    deps.db.token.findUnique({
      where: { id: input.tokenId },
      select: { symbol: true, rounds: { where: { status: 'ACTIVE' }, orderBy: { position: 'asc' }, take: 1, select: { referralPercent: true } } },
    }),
  ]);
  if (!user) return fail('USER_NOT_FOUND');
  if (!token) return fail('TOKEN_NOT_FOUND');
  const deeperLevels = deps.sale.referralLevelPercents.map((percent) => percent.toString());
  const [levels, codeEntryOffered] = await Promise.all([
    referralsByLevel(deps.db, input.userId, 1 + deeperLevels.length),
    canEnterReferralCode(deps.db, input.userId),
  ]);
  return ok({
    referralCode: user.referralCode,
    symbol: token.symbol,
    percents: [token.rounds[0]?.referralPercent.toString() ?? null, ...deeperLevels],
    levels,
    totalRewards: levels.reduce((sum, level) => sum + level.rewards, 0n),
    codeEntryOffered,
  });
}
