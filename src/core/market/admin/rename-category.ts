import type { CoreDeps } from '../../deps.js';
import { fail, ok, type Result } from '../../result.js';
import { parseName } from './market-fields.js';

export type RenameCategoryError = 'CATEGORY_NOT_FOUND' | 'NAME_INVALID' | 'NAME_TAKEN';

/**
 * Renames a category, checked like a new one (one line, unique in its market). Only the name
 * changes: the lot type and form fields stay, since lots may have been listed with them.
 */
export async function renameCategory(
  deps: Pick<CoreDeps, 'db'>,
  input: { categoryId: number; name: string },
): Promise<Result<{ categoryId: number; marketId: number; name: string }, RenameCategoryError>> {
  const name = parseName(input.name);
  if (!name.ok) return name;
  const category = await deps.db.category.findUnique({ where: { id: input.categoryId }, select: { marketId: true } });
  if (!category) return fail('CATEGORY_NOT_FOUND');
  try {
    const updated = await deps.db.category.updateMany({ where: { id: input.categoryId }, data: { name: name.value } });
    if (updated.count !== 1) return fail('CATEGORY_NOT_FOUND');
  } catch (error) {
    // The (market, name) unique key: another category of the market has that name.
    if ((error as { code?: string }).code === 'P2002') return fail('NAME_TAKEN');
    throw error;
  }
  return ok({ categoryId: input.categoryId, marketId: category.marketId, name: name.value });
}
