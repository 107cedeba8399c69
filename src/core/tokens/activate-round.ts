import type { CoreDeps } from '../deps.js';
import { fail, ok, type Result } from '../result.js';
import { lockToken } from './lock-token.js';

export type ActivateRoundError = 'ROUND_NOT_FOUND' | 'ROUND_NOT_DRAFT' | 'ROUND_ENDED';

export interface ActivatedRound {
  activated: number;
  /** The round that was active until now, completed to make room; null when none was. */
  completed: number | null;
}

/**
 * Puts a DRAFT round on sale now, out of turn if need be: the active round, if any, is completed
 * and this one activated in one transaction under the token's lock (the partial unique index
 * would refuse two active rounds anyway). A draft whose end time has passed would be completed
 * unsold at once, so it is refused.
 */
export async function activateRound(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  input: { tokenId: number; roundId: number },
): Promise<Result<ActivatedRound, ActivateRoundError>> {
  const now = deps.clock.now();
  return deps.db.$transaction(async (tx) => {
    if (!(await lockToken(tx, input.tokenId))) return fail('ROUND_NOT_FOUND');
    const round = await tx.tokenRound.findFirst({ where: { id: input.roundId, tokenId: input.tokenId } });
    if (!round) return fail('ROUND_NOT_FOUND');
    if (round.status !== 'DRAFT') return fail('ROUND_NOT_DRAFT');
    if (round.endsAt && round.endsAt <= now) return fail('ROUND_ENDED');
    const active = await tx.tokenRound.findFirst({ where: { tokenId: input.tokenId, status: 'ACTIVE' }, select: { id: true } });
    if (active) await tx.tokenRound.update({ where: { id: active.id }, data: { status: 'COMPLETE', completedAt: now } });
    await tx.tokenRound.update({ where: { id: round.id }, data: { status: 'ACTIVE', activatedAt: now } });
    return ok({ activated: round.id, completed: active?.id ?? null });
  });
}
