import { z } from 'zod';
import { fail, ok, type Result } from '../result.js';
import type { Actor, MarketDeps } from './deps.js';
import { id, type InvalidInput, parseInput, platform, requiredText } from './validation.js';

const leagueInput = z.object({
  id: id.optional(),
  marketId: id,
  name: requiredText(60),
  platform: platform.nullable().default(null),
  position: z.number().int().min(0).max(10_000).optional(),
});
export type LeagueInput = z.input<typeof leagueInput>;

export type SaveLeagueError = 'NOT_ALLOWED' | InvalidInput | 'MARKET_NOT_FOUND' | 'LEAGUE_NOT_FOUND' | 'NAME_TAKEN';

/** An admin creates a league (server, realm) of a market, for one platform or all, or edits one. */
export async function saveLeague(
  deps: Pick<MarketDeps, 'db'>,
  input: LeagueInput & { actor: Actor },
): Promise<Result<{ id: number }, SaveLeagueError>> {
  if (!input.actor.isAdmin) return fail('NOT_ALLOWED');
  const { actor: _, ...fields } = input;
  const parsed = parseInput(leagueInput, fields);
  if (!parsed.ok) return parsed;
  const { id: leagueId, ...data } = parsed.value;
  const [market, sameName] = await Promise.all([
    deps.db.market.findUnique({ where: { id: data.marketId }, select: { id: true } }),
    deps.db.lotLeague.findFirst({ where: { marketId: data.marketId, name: data.name, platform: data.platform }, select: { id: true } }),
  ]);
  if (!market) return fail('MARKET_NOT_FOUND');
  if (sameName && sameName.id !== leagueId) return fail('NAME_TAKEN');
  if (leagueId === undefined) return ok({ id: (await deps.db.lotLeague.create({ data })).id });
  const updated = await deps.db.lotLeague.updateMany({ where: { id: leagueId, marketId: data.marketId }, data });
  return updated.count ? ok({ id: leagueId }) : fail('LEAGUE_NOT_FOUND');
}
