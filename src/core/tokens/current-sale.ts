import type { CoreDeps } from '../deps.js';
import { advanceRounds } from './advance-rounds.js';
import { type SaleOverview, saleOverview } from './sale-overview.js';

/**
 * The sale as a buyer should see it now. The rounds only move on when something moves them (a
 * purchase, the sweep), so a round whose end time passed or that sold out may still be marked
 * active: it is closed first and the next one opened, and the card never offers a dead round.
 */
export async function currentSale(deps: Pick<CoreDeps, 'db' | 'clock'>, tokenId: number): Promise<SaleOverview | null> {
  const overview = await saleOverview(deps.db, tokenId);
  if (!overview || !isStale(overview, deps.clock.now())) return overview;
  await advanceRounds(deps, tokenId);
  return saleOverview(deps.db, tokenId);
}

function isStale(overview: SaleOverview, now: Date): boolean {
  const active = overview.active?.round;
  if (!active) return overview.rounds.some((v) => v.round.status === 'DRAFT');
  return active.sold >= active.cap || (active.endsAt !== null && active.endsAt <= now);
}
