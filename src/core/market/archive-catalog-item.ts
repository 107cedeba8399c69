import { fail, ok, type Result } from '../result.js';
import type { Actor, MarketDeps } from './deps.js';

export type CatalogItemKind = 'market' | 'category' | 'league';

/**
 * An admin archives (hides from buyers) or restores a market, category or league. Nothing is
 * deleted: lots and orders keep referring to it.
 */
export async function archiveCatalogItem(
  deps: Pick<MarketDeps, 'db' | 'clock'>,
  input: { actor: Actor; kind: CatalogItemKind; id: number; archived: boolean },
): Promise<Result<{ id: number; archived: boolean }, 'NOT_ALLOWED' | 'NOT_FOUND'>> {
  if (!input.actor.isAdmin) return fail('NOT_ALLOWED');
  const archivedAt = input.archived ? deps.clock.now() : null;
  const where = { id: input.id };
  const updated =
    input.kind === 'market'
      ? await deps.db.market.updateMany({ where, data: { archivedAt } })
      : input.kind === 'category'
        ? await deps.db.category.updateMany({ where, data: { archivedAt } })
        : await deps.db.lotLeague.updateMany({ where, data: { archivedAt } });
  return updated.count ? ok({ id: input.id, archived: input.archived }) : fail('NOT_FOUND');
}
