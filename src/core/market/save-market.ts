import { z } from 'zod';
import { fail, ok, type Result } from '../result.js';
import type { Actor, MarketDeps } from './deps.js';
import { type InvalidInput, optionalText, parseInput, requiredText, slug } from './validation.js';

const marketInput = z.object({
  id: z.number().int().positive().optional(),
  slug,
  title: requiredText(100),
  description: optionalText(4000),
  buyerHelp: optionalText(4000),
  sellerHelp: optionalText(4000),
  posterFileId: optionalText(200),
  posterUrl: z.string().trim().regex(/^https:\/\/\S{1,500}$/, 'expected an https URL').optional(),
  position: z.number().int().min(0).max(10_000).optional(),
});
export type MarketInput = z.input<typeof marketInput>;

export type SaveMarketError = 'NOT_ALLOWED' | InvalidInput | 'MARKET_NOT_FOUND' | 'SLUG_TAKEN';

/** An admin creates a market (a game), or edits one when `id` is given. */
export async function saveMarket(
  deps: Pick<MarketDeps, 'db' | 'clock'>,
  input: MarketInput & { actor: Actor },
): Promise<Result<{ id: number }, SaveMarketError>> {
  if (!input.actor.isAdmin) return fail('NOT_ALLOWED');
  const { actor: _, ...fields } = input;
  const parsed = parseInput(marketInput, fields);
  if (!parsed.ok) return parsed;
  const { id, ...data } = parsed.value;
  const taken = await deps.db.market.findUnique({ where: { slug: data.slug }, select: { id: true } });
  if (taken && taken.id !== id) return fail('SLUG_TAKEN');
  if (id === undefined) {
    const market = await deps.db.market.create({ data });
    return ok({ id: market.id });
  }
  const updated = await deps.db.market.updateMany({ where: { id }, data: { ...data, updatedAt: deps.clock.now() } });
  return updated.count ? ok({ id }) : fail('MARKET_NOT_FOUND');
}
