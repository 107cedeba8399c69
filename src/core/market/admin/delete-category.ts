import type { CoreDeps } from '../../deps.js';
import { fail, ok, type Result } from '../../result.js';

/** Deletes a category (and its fee rule) while no lot was ever listed in it; else CATEGORY_IN_USE. */
export async function deleteCategory(
  deps: Pick<CoreDeps, 'db'>,
  input: { categoryId: number },
): Promise<Result<{ marketId: number }, 'CATEGORY_NOT_FOUND' | 'CATEGORY_IN_USE'>> {
  try {
    return await deps.db.$transaction(async (tx) => {
      const category = await tx.category.findUnique({ where: { id: input.categoryId }, select: { marketId: true } });
      if (!category) return fail('CATEGORY_NOT_FOUND');
      if ((await tx.lot.count({ where: { categoryId: input.categoryId } })) > 0) return fail('CATEGORY_IN_USE');
      await tx.feeRule.deleteMany({ where: { categoryId: input.categoryId } });
      await tx.category.delete({ where: { id: input.categoryId } });
      return ok({ marketId: category.marketId });
    });
  } catch (error) {
    if ((error as { code?: string }).code === 'P2003') return fail('CATEGORY_IN_USE');
    throw error;
  }
}
