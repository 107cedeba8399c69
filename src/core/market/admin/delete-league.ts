import type { CoreDeps } from '../../deps.js';
import { fail, ok, type Result } from '../../result.js';

/** Deletes a league no lot names; else LEAGUE_IN_USE. */
export async function deleteLeague(
  deps: Pick<CoreDeps, 'db'>,
  input: { leagueId: number },
): Promise<Result<{ marketId: number }, 'LEAGUE_NOT_FOUND' | 'LEAGUE_IN_USE'>> {
  const league = await deps.db.lotLeague.findUnique({ where: { id: input.leagueId }, select: { marketId: true } });
  if (!league) return fail('LEAGUE_NOT_FOUND');
  if ((await deps.db.lot.count({ where: { leagueId: input.leagueId } })) > 0) return fail('LEAGUE_IN_USE');
  try {
    await deps.db.lotLeague.delete({ where: { id: input.leagueId } });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'P2003') return fail('LEAGUE_IN_USE');
    if (code === 'P2025') return fail('LEAGUE_NOT_FOUND');
    throw error;
  }
  return ok({ marketId: league.marketId });
}
