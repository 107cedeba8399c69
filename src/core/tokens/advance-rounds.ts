import type { CoreDeps, Tx } from '../deps.js';
import { lockToken } from './lock-token.js';

export interface AdvanceOutcome {
  completed: number[];
  activated: number | null;
  /** No active and no draft round is left: the sale is over. */
  saleComplete: boolean;
}


/**
 * Keeps exactly one round of a token active: completes the active round when it is sold out or
 * its end time has passed, then activates the next draft round by position (skipping drafts whose
 * end time has passed, which complete unsold). Idempotent; concurrent callers serialize on the
 * token's row, and a partial unique index forbids two active rounds whatever happens.
 */
export async function advanceRounds(deps: Pick<CoreDeps, 'db' | 'clock'>, tokenId: number): Promise<AdvanceOutcome> {
  return deps.db.$transaction((tx) => advanceRoundsIn(tx, tokenId, deps.clock.now()));
}

export async function advanceRoundsIn(tx: Tx, tokenId: number, now: Date): Promise<AdvanceOutcome> {
  await lockToken(tx, tokenId);
  const rounds = await tx.tokenRound.findMany({ where: { tokenId, status: { not: 'COMPLETE' } }, orderBy: { position: 'asc' } });
  const isOver = (r: (typeof rounds)[number]) => r.sold >= r.cap || (r.endsAt !== null && r.endsAt <= now);
  const completed: number[] = [];
  let activated: number | null = null;
  let active = rounds.find((r) => r.status === 'ACTIVE');
  if (active && isOver(active)) {
    await tx.tokenRound.update({ where: { id: active.id }, data: { status: 'COMPLETE', completedAt: now } });
    completed.push(active.id);
    active = undefined;
  }
  if (!active) {
    for (const draft of rounds.filter((r) => r.status === 'DRAFT')) {
      if (isOver(draft)) {
        await tx.tokenRound.update({ where: { id: draft.id }, data: { status: 'COMPLETE', completedAt: now } });
        completed.push(draft.id);
        continue;
      }
      await tx.tokenRound.update({ where: { id: draft.id }, data: { status: 'ACTIVE', activatedAt: now } });
      activated = draft.id;
      active = draft;
      break;
    }
  }
  return { completed, activated, saleComplete: !active };
}
