import type { CoreDeps } from '../../deps.js';
import { fail, ok, type Result } from '../../result.js';

/**
 * Hides a category from buyers and from new lots (its lots are not listed or sold), or shows it
 * again. Its lots and orders stay; open orders run to their end.
 */
export async function setCategoryArchived(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  input: { categoryId: number; archived: boolean },
): Promise<Result<{ categoryId: number }, 'CATEGORY_NOT_FOUND'>> {
  const updated = await deps.db.category.updateMany({
    where: { id: input.categoryId },
    data: { archivedAt: input.archived ? deps.clock.now() : null },
  });
  return updated.count === 1 ? ok({ categoryId: input.categoryId }) : fail('CATEGORY_NOT_FOUND');
}
