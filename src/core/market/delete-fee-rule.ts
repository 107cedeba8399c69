import { fail, ok, type Result } from '../result.js';
import type { Actor, MarketDeps } from './deps.js';

/** An admin removes a fee rule: the category falls back to its market's rule, the market to none. */
export async function deleteFeeRule(
  deps: Pick<MarketDeps, 'db'>,
  input: { actor: Actor; id: number },
): Promise<Result<{ id: number }, 'NOT_ALLOWED' | 'NOT_FOUND'>> {
  if (!input.actor.isAdmin) return fail('NOT_ALLOWED');
  const deleted = await deps.db.feeRule.deleteMany({ where: { id: input.id } });
  return deleted.count ? ok({ id: input.id }) : fail('NOT_FOUND');
}
