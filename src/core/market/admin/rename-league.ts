import type { CoreDeps } from '../../deps.js';
import { fail, ok, type Result } from '../../result.js';
import { parseName } from './market-fields.js';

export type RenameLeagueError = 'LEAGUE_NOT_FOUND' | 'NAME_INVALID' | 'NAME_TAKEN';

/** Renames a league, checked like a new one: one line, unique in its market on its platform. */
export async function renameLeague(
  deps: Pick<CoreDeps, 'db'>,
  input: { leagueId: number; name: string },
): Promise<Result<{ leagueId: number; marketId: number; name: string }, RenameLeagueError>> {
  const name = parseName(input.name);
  if (!name.ok) return name;
  const league = await deps.db.lotLeague.findUnique({ where: { id: input.leagueId }, select: { marketId: true, platform: true } });
  if (!league) return fail('LEAGUE_NOT_FOUND');
  // The unique key treats NULL platforms as distinct: "all platforms" duplicates are checked here.
  const same = await deps.db.lotLeague.findFirst({
    where: { marketId: league.marketId, name: name.value, platform: league.platform, id: { not: input.leagueId } },
    select: { id: true },
  });
  if (same) return fail('NAME_TAKEN');
  try {
    const updated = await deps.db.lotLeague.updateMany({ where: { id: input.leagueId }, data: { name: name.value } });
    if (updated.count !== 1) return fail('LEAGUE_NOT_FOUND');
  } catch (error) {
    if ((error as { code?: string }).code === 'P2002') return fail('NAME_TAKEN');
    throw error;
  }
  return ok({ leagueId: input.leagueId, marketId: league.marketId, name: name.value });
}
