import type { LotPlatform } from '../../../generated/prisma/client.js';
import type { CoreDeps } from '../../deps.js';
import { fail, ok, type Result } from '../../result.js';
import { parseName } from './market-fields.js';

/** A league (server, realm) of a market, on one platform or (null) on all of them. */
export async function createLeague(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  input: { marketId: number; name: string; platform: LotPlatform | null },
): Promise<Result<{ leagueId: number }, 'MARKET_NOT_FOUND' | 'NAME_INVALID' | 'NAME_TAKEN'>> {
  const name = parseName(input.name);
  if (!name.ok) return name;
  const market = await deps.db.market.findUnique({ where: { id: input.marketId }, select: { id: true } });
  if (!market) return fail('MARKET_NOT_FOUND');
  // The unique key treats NULL platforms as distinct: "all platforms" duplicates are checked here.
  const same = await deps.db.lotLeague.findFirst({ where: { marketId: input.marketId, name: name.value, platform: input.platform } });
  if (same) return fail('NAME_TAKEN');
  try {
    const league = await deps.db.lotLeague.create({
      data: { marketId: input.marketId, name: name.value, platform: input.platform, createdAt: deps.clock.now() },
    });
    return ok({ leagueId: league.id });
  } catch (error) {
    if ((error as { code?: string }).code === 'P2002') return fail('NAME_TAKEN');
    throw error;
  }
}
