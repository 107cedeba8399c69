import type { CoreDeps } from '../../deps.js';
import { fail, ok, type Result } from '../../result.js';

/** Hides a market (and everything under it) from buyers, or shows it again. Lots and orders stay. */
export async function setMarketArchived(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  input: { marketId: number; archived: boolean },
): Promise<Result<{ marketId: number }, 'MARKET_NOT_FOUND'>> {
  const updated = await deps.db.market.updateMany({
    where: { id: input.marketId },
    data: { archivedAt: input.archived ? deps.clock.now() : null },
  });
  return updated.count === 1 ? ok({ marketId: input.marketId }) : fail('MARKET_NOT_FOUND');
}
