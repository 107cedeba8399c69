import type { CoreDeps } from '../../deps.js';
import { fail, ok, type Result } from '../../result.js';

/** Hides a league from the buyers' league filter and from new lots, or shows it again. Lots keep it. */
export async function setLeagueArchived(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  input: { leagueId: number; archived: boolean },
): Promise<Result<{ leagueId: number; marketId: number }, 'LEAGUE_NOT_FOUND'>> {
  const [league] = await deps.db.lotLeague.updateManyAndReturn({
    where: { id: input.leagueId },
    data: { archivedAt: input.archived ? deps.clock.now() : null },
    select: { marketId: true },
  });
  return league ? ok({ leagueId: input.leagueId, marketId: league.marketId }) : fail('LEAGUE_NOT_FOUND');
}
