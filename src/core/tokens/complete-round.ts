import type { CoreDeps } from '../deps.js';
import { fail, ok, type Result } from '../result.js';
import { advanceRoundsIn } from './advance-rounds.js';
import { lockToken } from './lock-token.js';

export type CompleteRoundError = 'ROUND_NOT_FOUND' | 'ROUND_NOT_ACTIVE';

export interface CompletedRound {
  completed: number;
  /** The draft that went on sale next, or null. */
  activated: number | null;
  /** Drafts passed over because their end time had gone by (completed unsold). */
  skipped: number[];
  /** No active and no draft round is left. */
  saleComplete: boolean;
}

/**
 * Ends the active round before its cap or end time and moves the sale on exactly as when a round
 * sells out: advanceRounds activates the next draft by position. The round id guards against a
 * stale button completing whichever round happens to be active now.
 */
export async function completeRound(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  input: { tokenId: number; roundId: number },
): Promise<Result<CompletedRound, CompleteRoundError>> {
  const now = deps.clock.now();
  return deps.db.$transaction(async (tx) => {
    if (!(await lockToken(tx, input.tokenId))) return fail('ROUND_NOT_FOUND');
    const round = await tx.tokenRound.findFirst({ where: { id: input.roundId, tokenId: input.tokenId }, select: { id: true, status: true } });
    if (!round) return fail('ROUND_NOT_FOUND');
    if (round.status !== 'ACTIVE') return fail('ROUND_NOT_ACTIVE');
    await tx.tokenRound.update({ where: { id: round.id }, data: { status: 'COMPLETE', completedAt: now } });
    const next = await advanceRoundsIn(tx, input.tokenId, now);
    return ok({ completed: round.id, activated: next.activated, skipped: next.completed, saleComplete: next.saleComplete });
  });
}
